using System.Diagnostics;
using FaceCompat.Data;
using FaceCompat.Extraction.FaceAlignment;
using FaceCompat.Extraction.Images;
using FaceCompat.Extraction.Models;
using FaceCompat.Extraction.Onnx;

namespace FaceCompat.Extraction.Pipeline;

/// <summary>
/// Decodes and aligns every image once and feeds every model; the next chunk is decoded and aligned
/// in parallel while the current one runs through the models. Writes index.csv,
/// embeddings/&lt;model&gt;.npy and manifest.json into the output folder.
/// </summary>
public static partial class FaceExtractor
{
    private sealed record Prepared(string Path, string Identity, Dictionary<CropRecipe, byte[]>? Crops, string? Error);

    public static ExtractionResult Run(ExtractionOptions options, IProgress<ExtractionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        List<string> paths = ListImages(options);
        var sessions = options.Models.Select(m => new OnnxSession(Path.Combine(options.ModelDirectory, m.File), options.IntraOpThreads, allowSpinning: true, options.Device)).ToArray();
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

    private static ExtractionCheckpoint RunBlock(ExtractionOptions options, OnnxSession[] sessions, List<string> paths, CropRecipe[] sizes, int chunk, Action<int> reportDone, CancellationToken cancellationToken)
    {
        var rows = options.Models.Select(_ => new List<float[]>()).ToArray();
        var all = new List<Prepared>(paths.Count);
        Task<Prepared[]> next = Task.Run(() => Prepare(options, paths, 0, chunk, sizes), cancellationToken);
        for (int start = 0; start < paths.Count; start += chunk)
        {
            Prepared[] batch = next.GetAwaiter().GetResult();
            int following = start + chunk;
            next = following < paths.Count
                ? Task.Run(() => Prepare(options, paths, following, chunk, sizes), cancellationToken)
                : Task.FromResult(Array.Empty<Prepared>());
            cancellationToken.ThrowIfCancellationRequested();
            var good = batch.Where(p => p.Crops is not null).ToArray();
            for (int m = 0; m < sessions.Length; m++)
            {
                rows[m].AddRange(Embed(sessions[m], options.Models[m], good.Select(g => g.Crops![options.Models[m].Recipe]).ToArray(), out _));
            }

            if (options.SaveCrops)
            {
                SaveCrops(options.OutputDirectory, good);
            }

            all.AddRange(batch);
            reportDone(all.Count);
        }

        return new ExtractionCheckpoint
        {
            Paths = all.Select(p => p.Path).ToArray(),
            Identities = all.Select(p => p.Identity).ToArray(),
            Errors = all.Select(p => p.Error).ToArray(),
            Rows = rows,
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
        // One thread: it runs beside inference, which already keeps the cores busy; more threads
        // than cores would preempt ONNX Runtime's workers mid-operator and stall them.
        for (int i = 0; i < n; i++)
        {
            string rel = paths[start + i];
            string identity = rel.Contains('/', StringComparison.Ordinal) ? rel[..rel.LastIndexOf('/')] : string.Empty;
            identity = identity.Contains('/', StringComparison.Ordinal) ? identity[(identity.LastIndexOf('/') + 1)..] : identity;
            bool needsLandmarks = sizes.Any(r => r.Crop == "aligned");
            double[]? points = null;
            if (needsLandmarks && !options.Landmarks.TryGetValue(rel, out points))
            {
                result[i] = new Prepared(rel, identity, null, options.NoLandmarksReason);
                continue;
            }

            try
            {
                RgbImage image = ImageReader.Read(Path.Combine(options.ImagesDirectory, rel));
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
