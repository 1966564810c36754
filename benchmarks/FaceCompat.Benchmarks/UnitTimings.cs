using System.Diagnostics;
using System.Globalization;
using FaceCompat.Data;
using FaceCompat.Evaluation;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;

namespace FaceCompat.Benchmarks;

/// <summary><c>unit DIR SOURCE TARGET [SEED]</c>: one study work unit (all four methods) step by step, warm, as the study runs it (single-threaded native kernels).</summary>
public static class UnitTimings
{
    public static void Print(string[] args, TextWriter output)
    {
        IDenseKernels kernels = DenseKernels.Default;
        using IDisposable single = DenseKernels.SingleThreadedNative(kernels);
        DatasetFolder data = DatasetFolder.Open(args[0]);
        int seed = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0;
        MapMethod[] methods = [MapMethod.Baseline, MapMethod.Procrustes, MapMethod.Linear, MapMethod.Ridge];
        for (int round = 0; round < 2; round++)
        {
            var clock = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            Matrix<float> s = data.Embeddings(args[1]);
            Matrix<float> t = data.Embeddings(args[2]);
            IdentitySplit split = IdentitySplit.Create(data.Index, seed);
            Matrix<float> sf = s.SelectRows(split.FitRows), tf = t.SelectRows(split.FitRows), st = s.SelectRows(split.TestRows), tt = t.SelectRows(split.TestRows);
            Step(output, "split", clock, ref cpu);
            IReadOnlyList<FittedMap> maps = MapFitter.Fit(sf, tf, methods, 0.1, kernels);
            Step(output, "fit (4 methods)", clock, ref cpu);
            Matrix<float> g = maps[0].PrepareTarget(tt);
            int[] ids = split.TestRows.Select(r => data.Index.IdentityCodes[r]).ToArray();
            Step(output, "prepare gallery", clock, ref cpu);
            foreach (FittedMap map in maps)
            {
                (Matrix<float> q, Matrix<float> scored) = map.ScoringRows(st, g, kernels);
                Step(output, $"  map {map.Method.ToName()}", clock, ref cpu);
                CrossModelEvaluator.Evaluate(q, scored, ids, new EvaluationOptions { Kernels = kernels });
                Step(output, $"  evaluate {map.Method.ToName()}", clock, ref cpu);
            }

            output.WriteLine(round == 0 ? "-- warm round:" : string.Empty);
        }
    }

    private static void Step(TextWriter output, string what, Stopwatch clock, ref TimeSpan cpu)
    {
        TimeSpan now = Process.GetCurrentProcess().TotalProcessorTime;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds,7:F3} s wall {(now - cpu).TotalSeconds,7:F3} s cpu  {what}"));
        cpu = now;
        clock.Restart();
    }
}
