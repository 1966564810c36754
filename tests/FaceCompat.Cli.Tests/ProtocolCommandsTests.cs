using System.Text.Json;

namespace FaceCompat.Tests;

/// <summary>lfw10, geometry and evaluate --leave-one-out through the command line.</summary>
[Collection("console")]
public sealed class ProtocolCommandsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "facecompat-cli-" + Guid.NewGuid().ToString("N"));

    public ProtocolCommandsTests() => SyntheticLfw.Write(_root, folds: 10, perFold: 4, seed: 3);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Lfw10_writes_own_mapped_and_control_rows_and_the_map_beats_the_control()
    {
        string study = Path.Combine(_root, "study");
        (int exit, string stdout, string stderr) = CliRunner.Run("lfw10", "--data", _root, "--pairs", Path.Combine(_root, "pairs.txt"), "--all", "--study", study);
        exit.Should().Be(0, stderr);
        stdout.Should().Contain("unmapped").And.Contain("ridge").And.Contain("identity");
        string[] rows = File.ReadAllLines(Path.Combine(study, "lfw10", "table.csv"));
        rows[0].Should().StartWith("source,target,mapping,mean_accuracy");
        double Accuracy(string source, string target, string mapping) => double.Parse(
            rows.Single(r => r.StartsWith($"{source},{target},{mapping},", StringComparison.Ordinal)).Split(',')[3],
            System.Globalization.CultureInfo.InvariantCulture);
        Accuracy("a", "b", "ridge").Should().BeGreaterThan(Accuracy("a", "b", "identity") + 20);
        Accuracy("a", "a", "unmapped").Should().BeGreaterThan(75);
    }

    [Fact]
    public void Lfw10_with_a_pairs_line_naming_a_missing_image_names_the_file()
    {
        string pairs = Path.Combine(_root, "bad-pairs.txt");
        string[] lines = File.ReadAllLines(Path.Combine(_root, "pairs.txt"));
        lines[1] = "Nobody_Here\t1\t2";
        File.WriteAllLines(pairs, lines);
        (int exit, _, string stderr) = CliRunner.Run("lfw10", "--data", _root, "--pairs", pairs, "--source", "a", "--target", "b");
        exit.Should().Be(3);
        stderr.Should().Contain("bad-pairs.txt").And.NotContain("   at ");
    }

    [Fact]
    public void Geometry_scales_writes_one_row_per_model_with_intra_below_inter()
    {
        string study = Path.Combine(_root, "study");
        (int exit, _, string stderr) = CliRunner.Run("geometry", "scales", "--data", _root, "--study", study);
        exit.Should().Be(0, stderr);
        string[] rows = File.ReadAllLines(Path.Combine(study, "geometry", "identity-scales.csv"));
        rows.Should().HaveCount(3);
        foreach (string row in rows.Skip(1))
        {
            string[] f = row.Split(',');
            double.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture).Should().BeLessThan(double.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Leave_one_out_removes_the_trivial_own_image_match()
    {
        string data = SharedData.Fixture("protocol", "A");
        (int exit, string stdout, _) = CliRunner.Run("evaluate", "--data", data, "--source", "narrow48", "--target", "narrow48", "--method", "baseline", "--seeds", "0", "--json");
        exit.Should().Be(0);
        (int looExit, string looOut, _) = CliRunner.Run("evaluate", "--data", data, "--source", "narrow48", "--target", "narrow48", "--method", "baseline", "--seeds", "0", "--leave-one-out", "--json");
        looExit.Should().Be(0);
        double Rank1(string json) => JsonDocument.Parse(json.Trim()).RootElement.GetProperty("rank1").GetDouble();
        Rank1(stdout).Should().Be(100);
        Rank1(looOut).Should().BeLessThan(100).And.BeGreaterThan(20);
    }

    [Fact]
    public void Classmap_on_synthetic_models_writes_every_system()
    {
        string folder = Path.Combine(_root, "classmap");
        (int exit, string stdout, string stderr) = CliRunner.Run("classmap", "--synthetic", "--out", folder);
        exit.Should().Be(0, stderr);
        stdout.Should().Contain("A->B analytic").And.Contain("random control");
        File.ReadAllLines(Path.Combine(folder, "classmap.csv")).Should().HaveCount(9);
    }

    [Fact]
    public void Classmap_without_files_or_synthetic_is_a_usage_error()
    {
        (int exit, _, string stderr) = CliRunner.Run("classmap");
        exit.Should().Be(2);
        stderr.Should().Contain("--features-a is required");
    }

    [Fact]
    public void Geometry_macro_reads_attribute_columns_and_writes_the_tables()
    {
        (int noAttributes, _, string why) = CliRunner.Run("geometry", "macro", "--data", _root);
        noAttributes.Should().Be(2);
        why.Should().Contain("no attribute columns");

        var index = FaceCompat.Data.DatasetIndex.Read(Path.Combine(_root, "index.csv"));
        var random = new Random(4);
        string[] glasses = index.Paths.Select(_ => random.NextDouble() < 0.5 ? "1" : "-1").ToArray();
        string[] hat = index.Paths.Select(_ => random.NextDouble() < 0.3 ? "1" : "0").ToArray();
        new FaceCompat.Data.DatasetIndex(index.Paths, index.Identities, new Dictionary<string, string[]> { ["glasses"] = glasses, ["hat"] = hat })
            .Write(Path.Combine(_root, "index.csv"));
        string study = Path.Combine(_root, "study");
        (int exit, string stdout, string stderr) = CliRunner.Run("geometry", "macro", "--data", _root, "--study", study);
        exit.Should().Be(0, stderr);
        stdout.Should().Contain("glasses").And.Contain("hat");
        string[] rows = File.ReadAllLines(Path.Combine(study, "geometry", "macroscale.csv"));
        rows[0].Should().Be("model,attribute,modality,cloud_size,ks,p_value,exact,mean_ks,intra_entropy");
        rows.Should().HaveCount(1 + (2 * 2 * 2)); // 2 models x 2 attributes x 2 modalities
    }
}
