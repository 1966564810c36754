using System.Diagnostics;
using System.Globalization;
using FaceCompat.Extraction.FaceAlignment;
using FaceCompat.Extraction.Models;
using FaceCompat.Extraction.Onnx;
using FaceCompat.Extraction.Pipeline;

namespace FaceCompat.Benchmarks;

/// <summary>
/// <c>extraction DATA_ROOT MODEL [IMAGES] [THREADS]</c>: images/s of the bare ONNX Runtime session on
/// ready tensors (the model's batch: 1 when fixed, else 32) against the whole extraction pipeline
/// (decode, align, tensor, run, write) over the first IMAGES LFW images with the same model and
/// threads. DATA_ROOT is ../shared/data. Both include nothing but their own steady work, except
/// that the pipeline figure also pays its session creation and output writing, as a user would.
/// </summary>
public static class ExtractionThroughput
{
    public static void Print(string[] args, TextWriter output)
    {
        string dataRoot = args[0];
        ModelManifest model = ModelManifest.Resolve(args[1]);
        int images = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 512;
        int threads = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2;
        string modelDir = Path.Combine(dataRoot, "models");
        string lfw = Path.Combine(dataRoot, "faces", "lfw");

        double bare = BareRuntime(model, Path.Combine(modelDir, model.File), images, threads);
        double half = PipelineSeconds(model, modelDir, lfw, images / 2, threads);
        double whole = PipelineSeconds(model, modelDir, lfw, images, threads);
        double pipeline = images / whole;
        double steady = (images - (images / 2)) / (whole - half);
        double startup = whole - (images / steady);
        (double decodeMs, double warpMs, double tensorMs) = PreprocessingCost(model, lfw, Math.Min(images, 256));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model {model.Name}, {images} images, {threads} ORT threads, ORT {OnnxSession.RuntimeVersion}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  bare ORT on ready tensors : {bare,8:F1} images/s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  extraction pipeline      : {pipeline,8:F1} images/s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  pipeline / bare          : {100 * pipeline / bare,8:F1} %"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  pipeline, steady state   : {steady,8:F1} images/s = {100 * steady / bare:F1} % of bare (from runs of {images / 2} and {images} images; fixed cost {startup:F2} s: listing, sessions, writing)"));
        double inferenceMs = 1000.0 * threads / bare;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  per image, one core: decode {decodeMs:F2} ms, align {warpMs:F2} ms, tensor {tensorMs:F2} ms; inference {inferenceMs:F2} core-ms"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  bound when preprocessing shares the inference cores: {100 * inferenceMs / (inferenceMs + decodeMs + warpMs + tensorMs),5:F1} %"));
    }

    private static double BareRuntime(ModelManifest model, string file, int images, int threads)
    {
        using var session = new OnnxSession(file, threads);
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

        long[] shape = [batch, 3, model.InputSize, model.InputSize];
        session.Run(model.Input, input, shape, [model.Output]);
        var clock = Stopwatch.StartNew();
        int done = 0;
        while (done < images)
        {
            session.Run(model.Input, input, shape, [model.Output]);
            done += batch;
        }

        return done / clock.Elapsed.TotalSeconds;
    }

    private static (double DecodeMs, double WarpMs, double TensorMs) PreprocessingCost(ModelManifest model, string lfw, int images)
    {
        Dictionary<string, double[]> landmarks = LandmarkFile.Read(Path.Combine(lfw, "landmarks_5pt_scrfd.tsv"), oneBased: false);
        string[] chosen = landmarks.Keys.Order(StringComparer.Ordinal).Take(images).ToArray();
        var decoded = new List<(Extraction.Images.RgbImage Image, double[] Points)>();
        var clock = Stopwatch.StartNew();
        foreach (string rel in chosen)
        {
            decoded.Add((Extraction.Images.ImageReader.Read(Path.Combine(lfw, "images", rel)), landmarks[rel]));
        }

        double decode = clock.Elapsed.TotalMilliseconds / chosen.Length;
        var crops = new List<byte[]>();
        clock.Restart();
        foreach ((Extraction.Images.RgbImage image, double[] points) in decoded)
        {
            var m112 = SimilarityTransform.Estimate(points, SimilarityTransform.ArcFace112);
            crops.Add(FaceWarper.Warp(image, m112.Scaled(model.InputSize / 112.0), model.InputSize));
        }

        double warp = clock.Elapsed.TotalMilliseconds / chosen.Length;
        float[] tensor = new float[3 * model.InputSize * model.InputSize];
        clock.Restart();
        foreach (byte[] crop in crops)
        {
            TensorBuilder.Fill(model, crop, tensor);
        }

        return (decode, warp, clock.Elapsed.TotalMilliseconds / chosen.Length);
    }

    private static double PipelineSeconds(ModelManifest model, string modelDir, string lfw, int images, int threads)
    {
        Dictionary<string, double[]> landmarks = LandmarkFile.Read(Path.Combine(lfw, "landmarks_5pt_scrfd.tsv"), oneBased: false);
        string[] chosen = landmarks.Keys.Order(StringComparer.Ordinal).Take(images).ToArray();
        string outDir = Path.Combine(Path.GetTempPath(), "facecompat-throughput-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            var clock = Stopwatch.StartNew();
            FaceExtractor.Run(new ExtractionOptions
            {
                ImagesDirectory = Path.Combine(lfw, "images"),
                Landmarks = landmarks,
                Models = [model],
                ModelDirectory = modelDir,
                OutputDirectory = outDir,
                OnlyPaths = chosen.ToHashSet(StringComparer.Ordinal),
                IntraOpThreads = threads,
                CheckpointEvery = int.MaxValue,
            });
            return clock.Elapsed.TotalSeconds;
        }
        finally
        {
            if (Directory.Exists(outDir))
            {
                Directory.Delete(outDir, recursive: true);
            }
        }
    }
}
