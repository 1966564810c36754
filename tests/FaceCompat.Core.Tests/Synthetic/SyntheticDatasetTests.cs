using FaceCompat.Data;
using FaceCompat.Synthetic;

namespace FaceCompat.Tests.Synthetic;

public sealed class SyntheticDatasetTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "fc-synth-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static SyntheticStudySpec Small(ulong dataSeed) => new()
    {
        Identities = 40,
        ImagesPerIdentity = 3,
        DataSeed = dataSeed,
        Models = [SyntheticStudySpec.Demo[0], SyntheticStudySpec.Demo[2], SyntheticStudySpec.Demo[4]],
    };

    [Fact]
    public void Same_seeds_give_identical_files_and_the_declared_shapes()
    {
        DatasetFolder first = SyntheticDataset.Write(Small(1), Path.Combine(_root, "one"));
        DatasetFolder second = SyntheticDataset.Write(Small(1), Path.Combine(_root, "two"));
        first.Index.UniqueIdentities.Count.Should().Be(40);
        foreach (string model in new[] { "face-a512", "face-c128", "found-y1024" })
        {
            File.ReadAllBytes(first.EmbeddingPath(model)).Should().Equal(File.ReadAllBytes(second.EmbeddingPath(model)));
        }

        first.Embeddings("face-c128").Columns.Should().Be(128);
        first.Embeddings("found-y1024").Columns.Should().Be(1024);
        first.Embeddings("face-a512").Rows.Should().Be(120);
    }

    [Fact]
    public void A_different_data_seed_gives_different_images()
    {
        DatasetFolder a = SyntheticDataset.Write(Small(1), Path.Combine(_root, "a"));
        DatasetFolder b = SyntheticDataset.Write(Small(2), Path.Combine(_root, "b"));
        File.ReadAllBytes(a.EmbeddingPath("face-a512")).Should().NotEqual(File.ReadAllBytes(b.EmbeddingPath("face-a512")));
    }

    [Fact]
    public void Each_model_space_carries_identity_far_above_chance()
    {
        DatasetFolder data = SyntheticDataset.Write(Small(1), Path.Combine(_root, "id"));
        int[] codes = data.Index.IdentityCodes;
        foreach (string model in new[] { "face-a512", "found-y1024" })
        {
            Matrix<float> e = data.Embeddings(model);
            int hits = 0;
            for (int i = 0; i < e.Rows; i++)
            {
                int best = -1;
                double bestCos = double.NegativeInfinity;
                for (int j = 0; j < e.Rows; j++)
                {
                    if (j != i && Cosine(e.Row(i), e.Row(j)) is double c && c > bestCos)
                    {
                        (best, bestCos) = (j, c);
                    }
                }

                hits += codes[best] == codes[i] ? 1 : 0;
            }

            // Chance is about 2 / 119 (two other images of the same identity among 119).
            ((double)hits / e.Rows).Should().BeGreaterThan(0.3, model);
        }
    }

    private static double Cosine(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        double xy = 0, xx = 0, yy = 0;
        for (int k = 0; k < x.Length; k++)
        {
            xy += x[k] * (double)y[k];
            xx += x[k] * (double)x[k];
            yy += y[k] * (double)y[k];
        }

        return xy / Math.Sqrt(xx * yy);
    }
}
