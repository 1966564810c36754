using System.Diagnostics;
using System.Globalization;
using FaceCompat.Extraction.Detection;
using FaceCompat.Extraction.FaceAlignment;
using FaceCompat.Extraction.Images;
using FaceCompat.Extraction.Models;
using FaceCompat.Extraction.Onnx;
using FaceCompat.Extraction.Pipeline;

namespace FaceCompat.Benchmarks;

public static partial class ExtractionThroughput
{
    private static void PrintDetection(Setup setup, ModelManifest[] models, int images, Dictionary<string, double> reference, TextWriter output)
    {
        string scrfd = Path.Combine(setup.ModelDirectory, ScrfdDetector.FileName);
        double bare = BareScrfd(scrfd, Math.Min(images, 128), ReferenceThreads, 1);
        double modelsBare = models.Sum(m => images / reference[m.Name]);
        double inside = setup.PipelineSeconds(models, images, detector: true);
        double insideCpu = setup.LastCpuSeconds;
        double separate = setup.SeparatePassSeconds(models, images);
        double separateCpu = setup.LastCpuSeconds;
        output.WriteLine(Invariant($"--detector scrfd, {images} images, models {string.Join(',', models.Select(m => m.Name))}:"));
        output.WriteLine(Invariant($"  bare ORT, SCRFD on a ready 640 x 640 tensor ({ReferenceThreads} threads x 1 caller): {bare:F1} images/s; + the models' bare times = {(images / bare) + modelsBare:F2} s"));
        output.WriteLine(Invariant($"  detection inside the pipeline: {inside:F2} s ({images / inside:F1} images/s, {insideCpu:F1} CPU-s), {100 * ((images / bare) + modelsBare) / inside:F1} % of bare"));
        output.WriteLine(Invariant($"  detection as a pass of its own, then the pipeline (before): {separate:F2} s ({images / separate:F1} images/s, {separateCpu:F1} CPU-s)"));
    }

    /// <summary>Milliseconds per image on one core: decoding, aligning to the model's crop, and filling its tensor.</summary>
    private static (double DecodeMs, double WarpMs, double TensorMs) PreprocessingCost(Setup setup, ModelManifest model, int images)
    {
        string[] chosen = setup.FirstImages(images);
        var decoded = new List<RgbImage>();
        var clock = Stopwatch.StartNew();
        foreach (string rel in chosen)
        {
            decoded.Add(ImageReader.Read(Path.Combine(setup.ImagesDirectory, rel)));
        }

        double decode = clock.Elapsed.TotalMilliseconds / chosen.Length;
        var crops = new List<byte[]>();
        clock.Restart();
        for (int i = 0; i < chosen.Length; i++)
        {
            var m112 = SimilarityTransform.Estimate(setup.LandmarksOf(chosen[i]), SimilarityTransform.ArcFace112);
            crops.Add(FaceWarper.Warp(decoded[i], m112.Scaled(model.InputSize / 112.0), model.InputSize));
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

    private static double BareScrfd(string file, int images, int threads, int callers)
    {
        using var session = new OnnxSession(file, threads, allowSpinning: threads * callers <= Environment.ProcessorCount);
        float[] input = new float[3 * 640 * 640];
        var random = new Random(1);
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = (float)((random.Next(256) - 127.5) / 128.0);
        }

        string[] names = new[] { 8, 16, 32 }.SelectMany(s => new[] { $"score_{s}", $"bbox_{s}", $"kps_{s}" }).ToArray();
        session.Run("input.1", input, [1, 3, 640, 640], names);
        return RunConcurrently(images, 1, callers, () => session.Run("input.1", input, [1, 3, 640, 640], names));
    }

    /// <summary>The data, the threading and the pipeline runs of one benchmark invocation.</summary>
    private sealed class Setup(string dataRoot, int threads, int workers, int batch)
    {
        private readonly string _lfw = Path.Combine(Path.GetFullPath(dataRoot), "faces", "lfw");
        private Dictionary<string, double[]>? _landmarks;

        public string ModelDirectory { get; } = Path.Combine(dataRoot, "models");

        public string ImagesDirectory => Path.Combine(_lfw, "images");

        public double[] LandmarksOf(string image) => Landmarks[image];

        private Dictionary<string, double[]> Landmarks => _landmarks ??= LandmarkFile.Read(Path.Combine(_lfw, "landmarks_5pt_scrfd.tsv"), oneBased: false);

        public string[] FirstImages(int images) => Landmarks.Keys.Order(StringComparer.Ordinal).Take(images).ToArray();

        public ExtractionOptions Options(ModelManifest[] models, IReadOnlyDictionary<string, double[]> landmarks, int images, string outDir = "") => new()
        {
            ImagesDirectory = Path.Combine(_lfw, "images"),
            Landmarks = landmarks,
            Models = models,
            ModelDirectory = ModelDirectory,
            OutputDirectory = outDir,
            OnlyPaths = FirstImages(images).ToHashSet(StringComparer.Ordinal),
            IntraOpThreads = threads,
            Workers = workers,
            BatchSize = batch,
            CheckpointEvery = int.MaxValue,
        };

        /// <summary>Seconds of one whole run (sessions, and with <paramref name="detector"/> the detector's, included).</summary>
        public double PipelineSeconds(ModelManifest[] models, int images, bool detector) => Timed(outDir =>
        {
            using IFaceDetector? scrfd = detector ? new ScrfdDetector(Path.Combine(ModelDirectory, ScrfdDetector.FileName), threads) : null;
            FaceExtractor.Run(Options(models, detector ? new Dictionary<string, double[]>() : Landmarks, images, outDir) with { Detector = scrfd });
        });

        /// <summary>Seconds of detection as a pass of its own (LandmarkDetection, as extract did before) and then the pipeline on its landmarks.</summary>
        public double SeparatePassSeconds(ModelManifest[] models, int images) => Timed(outDir =>
        {
            string[] chosen = FirstImages(images);
            string folder = Path.Combine(outDir, "images");
            foreach (string rel in chosen)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, rel))!);
                File.CreateSymbolicLink(Path.Combine(folder, rel), Path.Combine(_lfw, "images", rel));
            }

            Dictionary<string, double[]> found;
            using (var scrfd = new ScrfdDetector(Path.Combine(ModelDirectory, ScrfdDetector.FileName), threads))
            {
                found = LandmarkDetection.Run(folder, scrfd);
            }

            FaceExtractor.Run(Options(models, found, images, Path.Combine(outDir, "out")) with { ImagesDirectory = folder });
        });

        /// <summary>The process's CPU seconds (all threads) of the last timed run: on a shared machine a steadier figure than the wall time.</summary>
        public double LastCpuSeconds { get; private set; }

        private double Timed(Action<string> run)
        {
            string outDir = Path.Combine(Path.GetTempPath(), "facecompat-throughput-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            try
            {
                TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                run(outDir);
                double seconds = clock.Elapsed.TotalSeconds;
                LastCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                return seconds;
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
}
