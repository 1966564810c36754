using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using FaceCompat.Data;
using FaceCompat.Extraction.Models;
using FaceCompat.Extraction.Onnx;

namespace FaceCompat.Extraction.Pipeline;

public static partial class FaceExtractor
{
    private static readonly JsonSerializerOptions s_manifestJson = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Runs one model over crops, in batches where the model allows; returns one row per crop (pooled as the manifest says).</summary>
    public static List<float[]> Embed(OnnxSession session, ModelManifest m, IReadOnlyList<byte[]> crops, out int dim)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(crops);
        var result = new List<float[]>(crops.Count);
        dim = 0;
        int batch = m.FixedBatch > 0 ? m.FixedBatch : Math.Max(1, crops.Count);
        int per = 3 * m.InputSize * m.InputSize;
        for (int start = 0; start < crops.Count; start += batch)
        {
            int n = Math.Min(batch, crops.Count - start);
            int fed = m.FixedBatch > 0 ? m.FixedBatch : n;
            float[] input = new float[fed * per];
            for (int i = 0; i < n; i++)
            {
                TensorBuilder.Fill(m, crops[start + i], input.AsSpan(i * per, per));
            }

            var (data, shape) = session.Run(m.Input, input, TensorBuilder.Shape(m, fed), [m.Output])[0];
            result.AddRange(OutputPooling.Rows(m, data, shape, fed, n));
            dim = result[^1].Length;
        }

        return result;
    }

    /// <summary>crops/112 for the default aligned crop of size 112; a descriptive name for the others.</summary>
    private static string CropFolder(CropRecipe r) =>
        r.Crop == "aligned"
            ? (r.TemplateScale == r.Size / 112.0 ? r.Size.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{r.Size}-scale{r.TemplateScale:0.###}"))
            : string.Create(CultureInfo.InvariantCulture, $"image-{r.Size}-{r.Resize}{(r.ResizeShorter > 0 ? $"-shorter{r.ResizeShorter}" : "")}");

    private static void SaveCrops(string outDir, IEnumerable<Prepared> good)
    {
        foreach (var p in good)
        {
            foreach (var (size, crop) in p.Crops!)
            {
                string file = Path.Combine(outDir, "crops", CropFolder(size), Path.ChangeExtension(p.Path, ".ppm"));
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                AtomicFile.Write(file, s =>
                {
                    s.Write(System.Text.Encoding.ASCII.GetBytes($"P6\n{size.Size} {size.Size}\n255\n"));
                    s.Write(crop);
                });
            }
        }
    }

    private static void Write(ExtractionOptions options, List<(string Path, string Identity)> kept, List<float[]>[] rows, int[] dims, List<ExtractionFailure> failures, double seconds)
    {
        Directory.CreateDirectory(Path.Combine(options.OutputDirectory, "embeddings"));
        new DatasetIndex(kept.Select(k => k.Path).ToArray(), kept.Select(k => k.Identity).ToArray()).Write(Path.Combine(options.OutputDirectory, "index.csv"));
        var models = new List<object>();
        for (int m = 0; m < rows.Length; m++)
        {
            var manifest = options.Models[m];
            var matrix = new Matrix<float>(rows[m].Count, dims[m]);
            for (int r = 0; r < rows[m].Count; r++)
            {
                rows[m][r].CopyTo(matrix.MutableRow(r));
            }

            NpyFile.Write(Path.Combine(options.OutputDirectory, "embeddings", manifest.Name + ".npy"), matrix);
            string file = Path.Combine(options.ModelDirectory, manifest.File);
            using var stream = File.OpenRead(file);
            models.Add(new { manifest = manifest, sha256 = Convert.ToHexStringLower(SHA256.HashData(stream)), dimension = dims[m] });
        }

        var doc = new
        {
            runtime = "onnxruntime " + OnnxSession.RuntimeVersion,
            device = options.Device.ToString(),
            images = options.ImagesDirectory,
            embedded = kept.Count,
            seconds = Math.Round(seconds, 3),
            preprocessing = "5-point least-squares similarity to the ArcFace 112 template scaled by the model's crop scale; exact float64 bilinear warp, black per-tap border, round half up",
            models,
            failures,
        };
        AtomicFile.WriteText(Path.Combine(options.OutputDirectory, "manifest.json"), JsonSerializer.Serialize(doc, s_manifestJson));
    }
}
