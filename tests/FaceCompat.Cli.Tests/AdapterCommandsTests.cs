using System.IO.Compression;
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

    [Fact]
    public void A_truncated_array_inside_an_adapter_says_the_adapter_is_damaged_and_to_fit_it_again()
    {
        string adapter = MlpAdapter();
        string damaged = Path.Combine(_dir, "truncated.fcmap");
        Rewrite(adapter, damaged, "weights.npy", bytes => bytes[..(bytes.Length / 2)]);
        (int exit, string stdout, string stderr) = CliRunner.Run("apply", "--adapter", damaged, "--embeddings", Path.Combine(_data, "embeddings", "face128.npy"), "--out", Path.Combine(_dir, "t.npy"));
        exit.Should().Be(3);
        stdout.Should().BeEmpty();
        // One line: the adapter's path, the member and its problem, and the fix for an adapter (not the .npy reader's fix for embeddings).
        stderr.TrimEnd().Should().StartWith($"error: {damaged}: the adapter is damaged (weights.npy: the file is truncated: shape (128, 1024) of <f8 needs 1048576 data bytes, found ")
            .And.EndWith("); fit it again with 'facecompat fit'.").And.NotContain("Re-export");
        stderr.TrimEnd().Split('\n').Should().ContainSingle();
        File.Exists(Path.Combine(_dir, "t.npy")).Should().BeFalse();
    }

    public static TheoryData<string, string> Damages() => new()
    {
        { "mlp-weights-truncated", "the adapter is damaged (mlp_weights_1.npy: the file is truncated" },
        { "mlp-bias-header-truncated", "the adapter is damaged (mlp_bias_2.npy: the .npy header is truncated)" },
        { "json-cut-short", "not a readable FaceCompat adapter (" },
        { "json-more-layers-than-arrays", "the adapter has no mlp_weights_3.npy" },
        { "json-hidden-not-a-number", "not a readable FaceCompat adapter (" },
        { "mlp-weights-wrong-width", "the MLP layers are inconsistent (MLP layer 1 is 128x7 with a bias of 8; the layers do not chain)" },
        { "mlp-weights-3-d", "the adapter is damaged (mlp_weights_1.npy: expected a 2-D array" },
        { "mlp-bias-infinite", "MLP layer 1 holds NaN or infinite values" },
        { "weights-nan", "the weights or means hold NaN or infinite values" },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public void A_damaged_MLP_adapter_is_refused_in_one_line_naming_it_and_the_fix(string damage, string problem)
    {
        string damaged = Path.Combine(_dir, damage + ".fcmap");
        Damage(MlpAdapter(), damaged, damage);
        foreach (string[] command in new[]
        {
            new[] { "apply", "--adapter", damaged, "--embeddings", Path.Combine(_data, "embeddings", "face128.npy"), "--out", Path.Combine(_dir, "d.npy") },
            ["export", "--adapter", damaged, "--out", Path.Combine(_dir, "d.onnx")],
        })
        {
            (int exit, _, string stderr) = CliRunner.Run(command);
            exit.Should().Be(3, command[0]);
            stderr.Should().StartWith($"error: {damaged}: ").And.Contain(problem).And.ContainEquivalentOf("fit it again with 'facecompat fit'");
            stderr.Should().NotContain("Re-export").And.NotContain("Parameter '").And.NotContain("   at ").And.NotContain("Exception");
            stderr.TrimEnd().Split('\n').Should().ContainSingle();
        }
    }

    /// <summary>A small MLP adapter face128 -> wide1024 (width 8, one hidden layer, a few epochs), fitted once per test.</summary>
    private string MlpAdapter()
    {
        string adapter = Path.Combine(_dir, "mlp.fcmap");
        CliRunner.Run("fit", "--data", _data, "--source", "face128", "--target", "wide1024", "--method", "mlp", "--mlp-hidden", "8", "--mlp-epochs", "3", "--out", adapter).Exit.Should().Be(0);
        return adapter;
    }

    private static void Damage(string adapter, string damaged, string damage)
    {
        switch (damage)
        {
            case "mlp-weights-truncated":
                Rewrite(adapter, damaged, "mlp_weights_1.npy", b => b[..(b.Length - 100)]);
                break;
            case "mlp-bias-header-truncated":
                Rewrite(adapter, damaged, "mlp_bias_2.npy", b => b[..20]);
                break;
            case "json-cut-short":
                Rewrite(adapter, damaged, "adapter.json", b => b[..(b.Length / 2)]);
                break;
            case "json-more-layers-than-arrays":
                Rewrite(adapter, damaged, "adapter.json", b => Text(b, t => t.Replace("\"layers\": 1", "\"layers\": 2", StringComparison.Ordinal)));
                break;
            case "json-hidden-not-a-number":
                Rewrite(adapter, damaged, "adapter.json", b => Text(b, t => t.Replace("\"hidden\": 8", "\"hidden\": \"wide\"", StringComparison.Ordinal)));
                break;
            case "mlp-weights-wrong-width":
                Rewrite(adapter, damaged, "mlp_weights_1.npy", _ => Npy(new Matrix<double>(128, 7)));
                break;
            case "mlp-weights-3-d":
                // A valid .npy of shape (1, 128, 8): the shape in the header edited (three padding spaces fewer, so its length holds), the data unchanged.
                Rewrite(adapter, damaged, "mlp_weights_1.npy", b => Text(b, t => t.Replace("(128, 8), }   ", "(1, 128, 8), }", StringComparison.Ordinal)));
                break;
            case "mlp-bias-infinite":
                Rewrite(adapter, damaged, "mlp_bias_1.npy", _ => Npy(new Matrix<double>(1, 8, [1, 2, double.PositiveInfinity, 4, 5, 6, 7, 8])));
                break;
            case "weights-nan":
                Rewrite(adapter, damaged, "weights.npy", b =>
                {
                    Matrix<double> w = NpyFile.ReadDouble(new MemoryStream(b), "weights.npy");
                    w.MutableValues()[17] = double.NaN;
                    return Npy(w);
                });
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(damage), damage, null);
        }
    }

    private static byte[] Text(byte[] bytes, Func<string, string> edit) => System.Text.Encoding.Latin1.GetBytes(edit(System.Text.Encoding.Latin1.GetString(bytes)));

    private static byte[] Npy(Matrix<double> matrix)
    {
        using var stream = new MemoryStream();
        NpyFile.Write(stream, matrix);
        return stream.ToArray();
    }

    /// <summary>Copies the adapter zip to <paramref name="damaged"/> with one member's bytes replaced by <paramref name="edit"/> of them.</summary>
    private static void Rewrite(string adapter, string damaged, string member, Func<byte[], byte[]> edit)
    {
        using ZipArchive source = ZipFile.OpenRead(adapter);
        using ZipArchive target = ZipFile.Open(damaged, ZipArchiveMode.Create);
        source.Entries.Select(e => e.FullName).Should().Contain(member);
        foreach (ZipArchiveEntry entry in source.Entries)
        {
            using var buffer = new MemoryStream();
            using (Stream s = entry.Open())
            {
                s.CopyTo(buffer);
            }

            byte[] bytes = entry.FullName == member ? edit(buffer.ToArray()) : buffer.ToArray();
            using Stream w = target.CreateEntry(entry.FullName, CompressionLevel.NoCompression).Open();
            w.Write(bytes);
        }
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
}
