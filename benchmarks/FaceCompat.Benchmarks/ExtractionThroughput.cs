using System.Diagnostics;
using System.Globalization;
using FaceCompat.Extraction.Models;
using FaceCompat.Extraction.Onnx;
using FaceCompat.Extraction.Pipeline;

namespace FaceCompat.Benchmarks;

/// <summary>
/// <c>extraction DATA_ROOT MODELS [IMAGES] [THREADS] [WORKERS] [--batch N] [--detector scrfd] [--detector-images N] [--no-steady]</c>:
/// for each model of the comma-separated MODELS, bare ONNX Runtime on ready tensors (the model's batch: 1
/// when fixed, else 32) with ORT's plain threading (2 intra-op threads, one caller) and with the
/// pipeline's (THREADS intra-op threads, default the pipeline's 1; WORKERS callers at once, default 0 =
/// cores / THREADS), then the whole
/// extraction pipeline (list, sessions, decode, align, tensor, run, write) over the first IMAGES LFW
/// images of the landmarks file for each model alone, then all models in one run, with the issue's
/// ratios; with <c>--detector scrfd</c> also the run with detection inside the pipeline (instead of the
/// landmarks file) over the first N images, against bare SCRFD and the models' bare time, and against
/// detection as a pass of its own before the pipeline. DATA_ROOT is ../shared/data. The pipeline
/// figures pay session creation, warm-up and writing, as a user does; the steady state (marginal rate
/// between IMAGES/2 and IMAGES) and the fixed cost are printed beside them.
/// </summary>
public static partial class ExtractionThroughput
{
    private const int ReferenceThreads = 2;

    public static void Print(string[] args, TextWriter output)
    {
        var positional = new List<string>();
        string? detectorName = null;
        int batch = 32, detectorImages = 256;
        bool steady = true;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--batch": batch = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--detector": detectorName = args[++i]; break;
                case "--detector-images": detectorImages = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--no-steady": steady = false; break;
                default: positional.Add(args[i]); break;
            }
        }

        if (detectorName is not null and not "scrfd")
        {
            throw new ArgumentException($"--detector: only scrfd is benchmarked (got '{detectorName}').");
        }

        string dataRoot = positional[0];
        ModelManifest[] models = positional[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ModelManifest.Resolve).ToArray();
        int images = positional.Count > 2 ? int.Parse(positional[2], CultureInfo.InvariantCulture) : 512;
        int threads = positional.Count > 3 ? int.Parse(positional[3], CultureInfo.InvariantCulture) : 1; // ExtractionOptions.IntraOpThreads' default
        int workers = positional.Count > 4 ? int.Parse(positional[4], CultureInfo.InvariantCulture) : 0;
        var setup = new Setup(dataRoot, threads, workers, batch);
        int pipelineWorkers = FaceExtractor.WorkerCount(setup.Options([], new Dictionary<string, double[]>(), images));
        bool sameThreading = threads == ReferenceThreads && pipelineWorkers == 1;
        int bareImages = Math.Min(images, 512);
        output.WriteLine(Invariant($"models {string.Join(',', models.Select(m => m.Name))}; {images} LFW images; ORT {OnnxSession.RuntimeVersion}; {Environment.ProcessorCount} cores; pipeline: {threads} intra-op threads x {pipelineWorkers} workers, chunk {batch}"));
        output.WriteLine(Invariant($"bare ORT on ready tensors ({bareImages} tensors; batch 1 when fixed, else 32), images/s: {ReferenceThreads} threads x 1 caller{(sameThreading ? "" : $" | {threads} threads x {pipelineWorkers} callers")}; session creation + first run, s"));
        var reference = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (ModelManifest m in models)
        {
            string file = Path.Combine(setup.ModelDirectory, m.File);
            (double rate, double start) = BareRuntime(m, file, bareImages, ReferenceThreads, 1);
            reference[m.Name] = rate;
            string other = sameThreading ? "" : Invariant($" | {BareRuntime(m, file, bareImages, threads, pipelineWorkers).ImagesPerSecond,8:F1}");
            output.WriteLine(Invariant($"  {m.Name,-20} {rate,8:F1}{other}; {start:F2} s"));
        }

        output.WriteLine("pipeline, each model alone (landmarks file): images/s, s, alone / bare(2 x 1)" + (steady ? ", steady state images/s, fixed cost s" : ""));
        foreach (ModelManifest m in models)
        {
            double whole = setup.PipelineSeconds([m], images, detector: false);
            string line = Invariant($"  {m.Name,-20} {images / whole,8:F1} {whole,7:F2} s {100 * images / whole / reference[m.Name],6:F1} % ({setup.LastCpuSeconds:F1} CPU-s)");
            if (steady)
            {
                double half = setup.PipelineSeconds([m], images / 2, detector: false);
                double rate = (images - (images / 2)) / (whole - half);
                line += Invariant($"   steady {rate,7:F1} ({100 * rate / reference[m.Name]:F1} %), fixed {whole - (images / rate):F2} s");
            }

            output.WriteLine(line);
        }

        output.WriteLine("preparation per image on one core (first 128 images; aligned crop of the model's size): decode, align, tensor ms; inference core-ms (2 threads x 1)");
        foreach (ModelManifest m in models.Where(m => m.NeedsLandmarks))
        {
            (double decodeMs, double warpMs, double tensorMs) = PreprocessingCost(setup, m, Math.Min(images, 128));
            output.WriteLine(Invariant($"  {m.Name,-20} {decodeMs:F2} {warpMs:F2} {tensorMs:F2}; {1000.0 * ReferenceThreads / reference[m.Name]:F2}"));
        }

        if (models.Length > 1)
        {
            double all = setup.PipelineSeconds(models, images, detector: false);
            double slowest = models.Max(m => images / reference[m.Name]);
            double sum = models.Sum(m => images / reference[m.Name]);
            output.WriteLine(Invariant($"all {models.Length} models in one run: {all:F2} s ({images / all:F1} images/s, {setup.LastCpuSeconds:F1} CPU-s)"));
            output.WriteLine(Invariant($"  slowest model's bare time {slowest:F2} s, + 15 % = {1.15 * slowest:F2} s: {(all <= 1.15 * slowest ? "met" : "NOT met")} ({all / slowest:F2} x the slowest)"));
            output.WriteLine(Invariant($"  sum of the bare times {sum:F2} s: the run takes {100 * all / sum:F1} % of it"));
        }

        if (detectorName is not null)
        {
            PrintDetection(setup, models, Math.Min(images, detectorImages), reference, output);
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Images/s of <paramref name="callers"/> threads running one session on ready tensors at once, and the session's creation plus first run in seconds.</summary>
    private static (double ImagesPerSecond, double StartSeconds) BareRuntime(ModelManifest model, string file, int images, int threads, int callers)
    {
        var clock = Stopwatch.StartNew();
        using var session = new OnnxSession(file, threads, allowSpinning: threads * callers <= Environment.ProcessorCount);
        int batch = model.FixedBatch > 0 ? model.FixedBatch : 32;
        int per = 3 * model.InputSize * model.InputSize;
        var random = new Random(1);
        byte[] crop = new byte[per];
        random.NextBytes(crop);
        float[] input = new float[batch * per];
        for (int i = 0; i < batch; i++)
        {
            TensorBuilder.Fill(model, crop, input.AsSpan(i * per, per));
        }

        long[] shape = TensorBuilder.Shape(model, batch);
        session.Run(model.Input, input, shape, [model.Output]);
        double start = clock.Elapsed.TotalSeconds;
        return (RunConcurrently(images, batch, callers, () => session.Run(model.Input, input, shape, [model.Output])), start);
    }

    /// <summary>Images/s of <paramref name="callers"/> threads calling <paramref name="run"/> (one batch each call) until <paramref name="images"/> are done.</summary>
    private static double RunConcurrently(int images, int batch, int callers, Action run)
    {
        int claimed = 0;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, callers, new ParallelOptions { MaxDegreeOfParallelism = callers }, _ =>
        {
            while (Interlocked.Add(ref claimed, batch) - batch < images)
            {
                run();
            }
        });
        double seconds = clock.Elapsed.TotalSeconds;
        return (images + batch - 1) / batch * batch / seconds;
    }
}
