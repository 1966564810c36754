using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using FaceCompat.Data;
using FaceCompat.Extraction.Detection;
using FaceCompat.Extraction.FaceAlignment;
using FaceCompat.Extraction.Images;
using FaceCompat.Extraction.Models;
using FaceCompat.Extraction.Onnx;

namespace FaceCompat.Extraction.Pipeline;

/// <summary>
/// Decodes (detects) and aligns every image once and feeds every model; the next chunks are prepared
/// while the current one runs through the models, and with several inference workers
/// (<see cref="ExtractionOptions.Workers"/>) different models, or one model on consecutive chunks, run at
/// the same time (<see cref="BlockSchedule"/>). Writes index.csv,
/// embeddings/&lt;model&gt;.npy and manifest.json into the output folder.
/// </summary>
public static partial class FaceExtractor
{
    private sealed record Prepared(string Path, string Identity, Dictionary<CropRecipe, byte[]>? Crops, string? Error);

    public static ExtractionResult Run(ExtractionOptions options, IProgress<ExtractionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        List<string> paths = ListImages(options);
        OnnxSession[] sessions = OpenSessions(options);
        try
        {
            CropRecipe[] sizes = options.Models.Select(m => m.Validate().Recipe).Distinct().ToArray();
            var rows = new List<float[]>[options.Models.Count];
            int[] dims = new int[options.Models.Count];
            for (int i = 0; i < rows.Length; i++)
            {
                rows[i] = new List<float[]>();
            }

            var kept = new List<(string Path, string Identity)>();
            var failures = new List<ExtractionFailure>();
            int chunk = Math.Max(1, options.BatchSize);
            int block = chunk * Math.Max(1, options.CheckpointEvery / chunk);
            string[] modelNames = options.Models.Select(m => m.Name).ToArray();
            int done = 0;
            for (int blockStart = 0, b = 0; blockStart < paths.Count; blockStart += block, b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var blockPaths = paths.GetRange(blockStart, Math.Min(block, paths.Count - blockStart));
                string file = ExtractionCheckpoint.FileFor(options.OutputDirectory, b);
                var saved = ExtractionCheckpoint.TryLoad(file, blockPaths, modelNames);
                if (saved is null)
                {
                    saved = RunBlock(
                        options, sessions, blockPaths, sizes, chunk,
                        n => progress?.Report(new ExtractionProgress(done + n, paths.Count, (done + n) / Math.Max(1e-9, clock.Elapsed.TotalSeconds))),
                        cancellationToken);
                    saved.Save(file, modelNames);
                }

                for (int i = 0; i < saved.Paths.Length; i++)
                {
                    if (saved.Errors[i] is null)
                    {
                        kept.Add((saved.Paths[i], saved.Identities[i]));
                    }
                    else
                    {
                        failures.Add(new ExtractionFailure(saved.Paths[i], saved.Errors[i]!));
                    }
                }

                for (int m = 0; m < rows.Length; m++)
                {
                    rows[m].AddRange(saved.Rows[m]);
                    if (saved.Rows[m].Count > 0)
                    {
                        dims[m] = saved.Rows[m][0].Length;
                    }
                }

                done += blockPaths.Count;
                progress?.Report(new ExtractionProgress(done, paths.Count, done / Math.Max(1e-9, clock.Elapsed.TotalSeconds)));
            }

            Write(options, kept, rows, dims, failures, clock.Elapsed.TotalSeconds);
            Directory.Delete(Path.Combine(options.OutputDirectory, "checkpoint"), recursive: true);
            return new ExtractionResult(kept.Count, failures, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            foreach (var s in sessions)
            {
                s.Dispose();
            }
        }
    }

    /// <summary>
    /// One session per model, created at the same time (graph optimisation takes a core for a fraction of a
    /// second per model); a failure disposes the others and is raised as the first failing model's error.
    /// </summary>
    private static OnnxSession[] OpenSessions(ExtractionOptions options)
    {
        // Idle intra-op threads spin (ORT's default) unless the workers' threads would outnumber the cores.
        bool spin = WorkerCount(options) * options.IntraOpThreads <= Environment.ProcessorCount;
        Task<OnnxSession>[] opening = options.Models
            .Select(m => Task.Run(() => new OnnxSession(Path.Combine(options.ModelDirectory, m.File), options.IntraOpThreads, spin, options.Device)))
            .ToArray();
        try
        {
            Task.WaitAll(opening, CancellationToken.None);
        }
        catch (AggregateException)
        {
            foreach (Task<OnnxSession> t in opening.Where(t => t.IsCompletedSuccessfully))
            {
                t.Result.Dispose();
            }

            ExceptionDispatchInfo.Capture(opening.First(t => t.IsFaulted).Exception!.InnerException!).Throw();
        }

        return opening.Select(t => t.Result).ToArray();
    }

    /// <summary>The inference workers of a run: <see cref="ExtractionOptions.Workers"/>, or for 0 the cores over the intra-op threads (1 on a GPU).</summary>
    internal static int WorkerCount(ExtractionOptions options) =>
        options.Workers > 0 ? options.Workers
        : options.Device.IsCuda ? 1
        : Math.Max(1, Environment.ProcessorCount / Math.Max(1, options.IntraOpThreads));

    private static ExtractionCheckpoint RunBlock(ExtractionOptions options, OnnxSession[] sessions, List<string> paths, CropRecipe[] sizes, int chunk, Action<int> reportDone, CancellationToken cancellationToken)
    {
        int chunks = (paths.Count + chunk - 1) / chunk;
        int workers = WorkerCount(options);
        var prepared = new Prepared[chunks][];
        var parts = sessions.Select(_ => new List<float[]>[chunks]).ToArray();
        var schedule = new BlockSchedule(chunks, sessions.Length, lookahead: 2 * workers);
        var failures = new ConcurrentQueue<ExceptionDispatchInfo>();
        var reportGate = new object();
        int imagesDone = 0;

        void Work(bool inference)
        {
            try
            {
                while (true)
                {
                    (BlockTask task, int c, int m) = schedule.Take(inference);
                    if (task == BlockTask.None)
                    {
                        return;
                    }

                    if (task == BlockTask.Prepare)
                    {
                        Prepared[] batch = Prepare(options, paths, c * chunk, chunk, sizes);
                        if (options.SaveCrops)
                        {
                            SaveCrops(options.OutputDirectory, batch.Where(p => p.Crops is not null));
                        }

                        prepared[c] = batch;
                        schedule.Prepared(c);
                        continue;
                    }

                    ModelManifest model = options.Models[m];
                    parts[m][c] = Embed(sessions[m], model, prepared[c].Where(p => p.Crops is not null).Select(p => p.Crops![model.Recipe]).ToArray(), out _);
                    if (schedule.Embedded(c))
                    {
                        foreach (Prepared p in prepared[c])
                        {
                            p.Crops?.Clear();
                        }

                        lock (reportGate)
                        {
                            imagesDone += prepared[c].Length;
                            reportDone(imagesDone);
                        }
                    }
                }
            }
#pragma warning disable CA1031 // every failure is rethrown on the calling thread once the workers stopped
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures.Enqueue(ExceptionDispatchInfo.Capture(e));
                schedule.Stop();
            }
        }

        using (cancellationToken.Register(schedule.Stop))
        {
            var others = new List<Task> { Task.Factory.StartNew(() => Work(inference: false), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default) };
            for (int w = 1; w < workers; w++)
            {
                others.Add(Task.Factory.StartNew(() => Work(inference: true), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
            }

            Work(inference: true);
            Task.WaitAll([.. others], CancellationToken.None);
        }

        if (failures.TryDequeue(out ExceptionDispatchInfo? failure))
        {
            failure.Throw();
        }

        if (!schedule.IsComplete)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        Prepared[] all = prepared.SelectMany(p => p).ToArray();
        return new ExtractionCheckpoint
        {
            Paths = all.Select(p => p.Path).ToArray(),
            Identities = all.Select(p => p.Identity).ToArray(),
            Errors = all.Select(p => p.Error).ToArray(),
            Rows = parts.Select(p => p.SelectMany(r => r).ToList()).ToArray(),
        };
    }

    private static List<string> ListImages(ExtractionOptions options)
    {
        string root = Path.GetFullPath(options.ImagesDirectory);
        if (!Directory.Exists(root))
        {
            throw new DataFormatException($"{root}: image folder not found.");
        }

        var list = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => ImageReader.Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(p => options.OnlyPaths is null || options.OnlyPaths.Contains(p))
            .ToList();
        list.Sort(StringComparer.Ordinal);
        if (options.Shard is Study.WorkShard shard)
        {
            if (list.Count < shard.Count)
            {
                throw new DataFormatException($"{root}: {list.Count} images but {shard.Count} shards; every shard needs at least one image, so use at most {list.Count} shards.");
            }

            (int start, int end) = Study.StudyPartition.EqualRange(list.Count, shard);
            return list.GetRange(start, end - start);
        }

        return list;
    }

    private static Prepared[] Prepare(ExtractionOptions options, List<string> paths, int start, int count, CropRecipe[] sizes)
    {
        int n = Math.Min(count, paths.Count - start);
        var result = new Prepared[n];
        // One thread per chunk: it runs beside inference, which already keeps the cores busy; more
        // threads than cores would preempt ONNX Runtime's workers mid-operator and stall them.
        for (int i = 0; i < n; i++)
        {
            string rel = paths[start + i];
            string identity = rel.Contains('/', StringComparison.Ordinal) ? rel[..rel.LastIndexOf('/')] : string.Empty;
            identity = identity.Contains('/', StringComparison.Ordinal) ? identity[(identity.LastIndexOf('/') + 1)..] : identity;
            bool needsLandmarks = sizes.Any(r => r.Crop == "aligned");
            double[]? points = null;
            if (needsLandmarks && options.Detector is null && !options.Landmarks.TryGetValue(rel, out points))
            {
                result[i] = new Prepared(rel, identity, null, options.NoLandmarksReason);
                continue;
            }

            try
            {
                RgbImage image = ImageReader.Read(Path.Combine(options.ImagesDirectory, rel));
                if (needsLandmarks && options.Detector is not null)
                {
                    points = FaceChoice.Pick(options.Detector.Detect(image), image.Width, image.Height)?.Landmarks;
                    if (points is null)
                    {
                        result[i] = new Prepared(rel, identity, null, options.NoLandmarksReason);
                        continue;
                    }
                }

                var crops = new Dictionary<CropRecipe, byte[]>();
                foreach (CropRecipe r in sizes)
                {
                    crops[r] = MakeCrop(image, points, r);
                }

                result[i] = new Prepared(rel, identity, crops, null);
            }
            catch (DataFormatException e)
            {
                result[i] = new Prepared(rel, identity, null, e.Message);
            }
            catch (IOException e)
            {
                result[i] = new Prepared(rel, identity, null, e.Message);
            }
        }

        return result;
    }

    /// <summary>
    /// An aligned crop: the ArcFace 112 template scaled by the recipe's scale about its centre (56, 56)
    /// and centred in the crop (for scale = size / 112 this is the template scaled to fill it); or the
    /// whole image resized (<see cref="ImageResize"/>).
    /// </summary>
    private static byte[] MakeCrop(RgbImage image, double[]? points, CropRecipe r)
    {
        if (r.Crop == "aligned")
        {
            if (r.TemplateScale == r.Size / 112.0)
            {
                return FaceWarper.Warp(image, SimilarityTransform.Estimate(points!, SimilarityTransform.ArcFace112).Scaled(r.TemplateScale), r.Size);
            }

            double[] template = new double[SimilarityTransform.ArcFace112.Length];
            for (int j = 0; j < template.Length; j++)
            {
                template[j] = ((SimilarityTransform.ArcFace112[j] - 56) * r.TemplateScale) + (r.Size / 2.0);
            }

            return FaceWarper.Warp(image, SimilarityTransform.Estimate(points!, template), r.Size);
        }

        ResizeFilter filter = r.Resize == "bicubic" ? ResizeFilter.Bicubic : ResizeFilter.Bilinear;
        return (r.ResizeShorter == 0
            ? ImageResize.Resize(image, r.Size, r.Size, filter)
            : ImageResize.ResizeShorterThenCentreCrop(image, r.ResizeShorter, r.Size, filter)).Pixels;
    }
}
