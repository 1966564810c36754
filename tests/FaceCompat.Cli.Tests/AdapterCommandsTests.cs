using FaceCompat.Data;

namespace FaceCompat.Tests;

[Collection("console")]
public sealed class AdapterCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fc-adapter-").FullName;
    private readonly string _data = SharedData.Fixture("protocol", "A");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_migrated_gallery_matches_its_own_images_in_the_new_space()
    {
        string adapter = Path.Combine(_dir, "m.fcmap");
        CliRunner.Run("fit", "--data", _data, "--source", "face128", "--target", "wide1024", "--method", "procrustes", "--split-seed", "0", "--out", adapter).Exit.Should().Be(0);
        string mapped = Path.Combine(_dir, "mapped.npy");
        string probes = Path.Combine(_dir, "probes.npy");
        CliRunner.Run("apply", "--adapter", adapter, "--embeddings", Path.Combine(_data, "embeddings", "face128.npy"), "--out", mapped).Exit.Should().Be(0);
        CliRunner.Run("apply", "--adapter", adapter, "--side", "target", "--embeddings", Path.Combine(_data, "embeddings", "wide1024.npy"), "--out", probes).Exit.Should().Be(0);
        Matrix<float> g = NpyFile.ReadSingle(mapped);
        Matrix<float> p = NpyFile.ReadSingle(probes);
        g.Columns.Should().Be(1024);
        int correct = 0;
        for (int i = 0; i < g.Rows; i++)
        {
            int best = Enumerable.Range(0, p.Rows).MaxBy(j => Dot(g.Row(i), p.Row(j)));
            correct += best == i ? 1 : 0;
        }

        // Chance is 1/360; the protocol's Rank-1 for this pair is 100% on held-out identities.
        (correct / (double)g.Rows).Should().BeGreaterThan(0.9);
    }

    [Fact]
    public void Applying_to_the_wrong_model_says_which_model_and_dimension()
    {
        string adapter = Path.Combine(_dir, "r.fcmap");
        CliRunner.Run("fit", "--data", _data, "--source", "narrow48", "--target", "face128", "--method", "ridge", "--out", adapter).Exit.Should().Be(0);
        (int exit, _, string stderr) = CliRunner.Run("apply", "--adapter", adapter, "--embeddings", Path.Combine(_data, "embeddings", "wide1024.npy"), "--out", Path.Combine(_dir, "x.npy"));
        exit.Should().Be(3);
        stderr.Should().Contain("rows have 1024 dimensions, but this adapter's source model (narrow48) has 48");
    }

    [Fact]
    public void A_corrupt_adapter_is_refused_with_the_fix()
    {
        string adapter = Path.Combine(_dir, "bad.fcmap");
        File.WriteAllText(adapter, "not a zip");
        (int exit, _, string stderr) = CliRunner.Run("apply", "--adapter", adapter, "--embeddings", Path.Combine(_data, "embeddings", "face128.npy"), "--out", Path.Combine(_dir, "y.npy"));
        exit.Should().Be(3);
        stderr.Should().Contain("not a readable FaceCompat adapter").And.Contain("facecompat fit");
        File.Exists(Path.Combine(_dir, "y.npy")).Should().BeFalse();
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
}
