using System.Diagnostics;
using FaceCompat.Data;
using FaceCompat.Evaluation;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;

namespace FaceCompat.Benchmarks;

/// <summary><c>cell DIR SOURCE TARGET METHOD [SEED]</c>: where one evaluate cell spends its time (load, split, fit, map, evaluate).</summary>
public static class CellTimings
{
    public static void Print(string[] args, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        IDenseKernels kernels = DenseKernels.Default;
        Step(output, "kernels", clock);
        DatasetIndex.Read(Path.Combine(args[0], "index.csv"));
        Step(output, "  (index.csv alone)", clock);
        Matrix<float> probe = NpyFile.ReadSingle(Path.Combine(args[0], "embeddings", args[1] + ".npy"));
        Step(output, "  (one .npy read alone)", clock);
        EmbeddingValidator.Validate(probe, "probe");
        Step(output, "  (its validation alone)", clock);
        DatasetFolder data = DatasetFolder.Open(args[0]);
        Matrix<float> s = data.Embeddings(args[1]);
        Matrix<float> t = data.Embeddings(args[2]);
        Step(output, "load + validate", clock);
        if (!MapMethods.TryParse(args[3], out MapMethod method))
        {
            throw new ArgumentException($"unknown method {args[3]}");
        }

        IdentitySplit split = IdentitySplit.Create(data.Index, args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 0);
        Matrix<float> sf = s.SelectRows(split.FitRows), tf = t.SelectRows(split.FitRows), st = s.SelectRows(split.TestRows), tt = t.SelectRows(split.TestRows);
        Step(output, "split", clock);
        FittedMap map = MapFitter.Fit(sf, tf, method, 0.1, kernels);
        Step(output, $"fit ({method.ToName()}, {split.FitRows.Length} rows)", clock);
        Matrix<float> q = map.MapSource(st, kernels);
        Matrix<float> g = map.PrepareTarget(tt);
        Step(output, "map + prepare", clock);
        int[] ids = split.TestRows.Select(r => data.Index.IdentityCodes[r]).ToArray();
        CellMetrics m = CrossModelEvaluator.Evaluate(q, g, ids, new EvaluationOptions { Kernels = kernels });
        Step(output, $"evaluate ({ids.Length} test images, {m.Impostor} impostor pairs)", clock);
        if (Environment.GetEnvironmentVariable("FACECOMPAT_CELL_PASSES") == "1")
        {
            float[] scores = new float[(long)q.Rows * g.Rows];
            kernels.Gemm(false, true, q.Rows, g.Rows, g.Columns, 1f, q.Values, q.Columns, g.Values, g.Columns, 0f, scores, g.Rows);
            Step(output, $"score matrix alone (one GEMM, {q.Rows} x {g.Rows} x {g.Columns})", clock);
            CrossModelEvaluator.Evaluate(q, g, ids, new EvaluationOptions { Kernels = kernels });
            Step(output, "evaluate again (warm)", clock);
            CrossModelEvaluator.EvaluateCore(q, g, ids, new EvaluationOptions { Kernels = kernels }, 0, forecastBoundary: true);
            Step(output, "evaluate again, streaming with the forecast", clock);
            CrossModelEvaluator.EvaluateCore(q, g, ids, new EvaluationOptions { Kernels = kernels }, 0, forecastBoundary: false);
            Step(output, "evaluate again, always two passes", clock);
            CrossModelEvaluator.Evaluate(q, g, ids, new EvaluationOptions { Kernels = kernels, Impostors = ImpostorSampling.Balanced });
            Step(output, "evaluate again, balanced impostors (identification + one pass)", clock);
        }

        output.WriteLine($"kernels {kernels.Name}: Rank-1 {m.Rank1:F2}  AUC {m.Auc:F5}  EER {m.Eer:F3}");
    }

    private static void Step(TextWriter output, string what, Stopwatch clock)
    {
        output.WriteLine($"{clock.Elapsed.TotalSeconds,8:F2} s  {what}");
        clock.Restart();
    }
}
