using FaceCompat.Data;
using FaceCompat.Extraction.FaceAlignment;
using FaceCompat.Extraction.Models;
using FaceCompat.Extraction.Pipeline;

namespace FaceCompat.Tests.Pipeline;

/// <summary>
/// Embeddings against ../shared/data/reference-embeddings (an independent Python implementation of
/// RECIPE.md: MTCNN landmarks minus 1, ArcFace template scaled per model). Every 10th of its 500
/// images, to keep the test to seconds.
/// </summary>
public sealed class ReferenceParityTests
{
    [OnnxRuntimeFact]
    public void Mean_cosine_with_the_reference_embeddings_is_at_least_0_995_for_every_model()
    {
        string data = SharedData.DataRoot!;
        string refDir = Path.Combine(data, "reference-embeddings");
        var refIndex = DatasetIndex.Read(Path.Combine(refDir, "index.csv"));
        var sample = Enumerable.Range(0, refIndex.Count).Where(i => i % 10 == 0).ToArray();
        string outDir = Path.Combine(Path.GetTempPath(), "facecompat-parity-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = FaceExtractor.Run(new ExtractionOptions
            {
                ImagesDirectory = Path.Combine(data, "faces", "lfw", "images"),
                Landmarks = LandmarkFile.Read(Path.Combine(data, "faces", "lfw", "landmarks_5pt.tsv"), oneBased: true),
                Models = ModelPresets.All.Values.Where(m => m.Verified).ToArray(),
                ModelDirectory = Path.Combine(data, "models"),
                OutputDirectory = outDir,
                OnlyPaths = sample.Select(i => refIndex.Paths[i]).ToHashSet(StringComparer.Ordinal),
            });
            result.Failures.Should().BeEmpty();
            var mine = DatasetIndex.Read(Path.Combine(outDir, "index.csv"));
            mine.Paths.Should().Equal(sample.Select(i => refIndex.Paths[i]));
            foreach (var model in ModelPresets.All.Values.Where(m => m.Verified))
            {
                var reference = NpyFile.ReadSingle(Path.Combine(refDir, "embeddings", model.Name + ".npy"));
                var ours = NpyFile.ReadSingle(Path.Combine(outDir, "embeddings", model.Name + ".npy"));
                ours.Columns.Should().Be(reference.Columns, model.Name);
                double sum = 0;
                for (int r = 0; r < sample.Length; r++)
                {
                    sum += Cosine(ours.Row(r), reference.Row(sample[r]));
                }

                (sum / sample.Length).Should().BeGreaterThanOrEqualTo(0.995, model.Name);
            }
        }
        finally
        {
            if (Directory.Exists(outDir))
            {
                Directory.Delete(outDir, recursive: true);
            }
        }
    }

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            ab += a[i] * (double)b[i];
            aa += a[i] * (double)a[i];
            bb += b[i] * (double)b[i];
        }

        return ab / Math.Sqrt(aa * bb);
    }
}
