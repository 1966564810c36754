using System.Globalization;
using System.Text.Json;

namespace FaceCompat.Tests;

/// <summary>
/// Model families through <c>study</c>: read from the datasets' manifest.json, kept in the study's families.json,
/// printed as within/between-family means; bad or disagreeing families stop the study with exit 3 naming the manifests.
/// </summary>
[Collection("console")]
public sealed class StudyFamiliesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fc-families-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A copy of the protocol fixture <paramref name="name"/> with a manifest.json of these (model, family JSON) entries.</summary>
    private string Dataset(string name, params (string Model, string Family)[] families)
    {
        string root = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.Combine(root, "embeddings"));
        string fixture = SharedData.Fixture("protocol", name);
        File.Copy(Path.Combine(fixture, "index.csv"), Path.Combine(root, "index.csv"));
        foreach (string file in Directory.EnumerateFiles(Path.Combine(fixture, "embeddings")))
        {
            File.Copy(file, Path.Combine(root, "embeddings", Path.GetFileName(file)));
        }

        string entries = string.Join(",", families.Select(f => $"{{\"manifest\": {{\"name\": \"{f.Model}\", \"file\": \"{f.Model}.onnx\", \"family\": {f.Family}}}, \"dimension\": 1}}"));
        File.WriteAllText(Path.Combine(root, "manifest.json"), $"{{\"runtime\": \"onnxruntime\", \"models\": [{entries}], \"failures\": []}}");
        return root;
    }

    private static string[] Study(string data, string output) =>
        ["study", "--data", data, "--models", "narrow48,face128,wide1024", "--methods", "procrustes", "--seeds", "0", "--out", output];

    [Fact]
    public void A_study_keeps_the_families_and_prints_within_and_between_family_means()
    {
        string data = Dataset("A", ("narrow48", "\"face\""), ("face128", "\"face\""), ("wide1024", "\"generic\""));
        string study = Path.Combine(_dir, "study");
        (int exit, string stdout, string stderr) = CliRunner.Run(Study(data, study));
        exit.Should().Be(0, stderr);

        using (JsonDocument families = JsonDocument.Parse(File.ReadAllText(Path.Combine(study, "families.json"))))
        {
            families.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetString())).Should().Equal(("narrow48", "face"), ("face128", "face"), ("wide1024", "generic"));
        }

        // The expected means straight from summary.csv: procrustes rows of different models, by family.
        string[] header = File.ReadLines(Path.Combine(study, "summary.csv")).First().Split(',');
        var family = new Dictionary<string, string> { ["narrow48"] = "face", ["face128"] = "face", ["wide1024"] = "generic" };
        var rows = File.ReadLines(Path.Combine(study, "summary.csv")).Skip(1).Select(l => l.Split(','))
            .Where(r => r[Array.IndexOf(header, "method")] == "procrustes" && r[Array.IndexOf(header, "source")] != r[Array.IndexOf(header, "target")])
            .Select(r => (Same: family[r[Array.IndexOf(header, "source")]] == family[r[Array.IndexOf(header, "target")]], Rank1: double.Parse(r[Array.IndexOf(header, "rank1_mean")], CultureInfo.InvariantCulture)))
            .ToList();
        rows.Should().HaveCount(6);
        stdout.Should().Contain("Family means over ordered pairs of different models (own-space diagonal excluded; families face, generic)");
        Printed(stdout, "within").Should().BeApproximately(rows.Where(r => r.Same).Average(r => r.Rank1), 0.05 + 1e-9);
        Printed(stdout, "between").Should().BeApproximately(rows.Where(r => !r.Same).Average(r => r.Rank1), 0.05 + 1e-9);
        stdout.Should().MatchRegex(@"A\s+procrustes\s+within\s+Rank-1\s+[0-9.]+ %.*\(2 pairs\)");
        stdout.Should().MatchRegex(@"A\s+procrustes\s+between\s+Rank-1\s+[0-9.]+ %.*\(4 pairs\)");
        stdout.Should().MatchRegex(@"A\s+procrustes\s+face -> generic\s+Rank-1.*\(2 pairs\)");
    }

    [Fact]
    public void Datasets_without_families_print_no_family_means()
    {
        string data = Dataset("A");
        (int exit, string stdout, string stderr) = CliRunner.Run(Study(data, Path.Combine(_dir, "plain")));
        exit.Should().Be(0, stderr);
        stdout.Should().NotContain("Family means");
        File.ReadAllText(Path.Combine(_dir, "plain", "families.json")).Trim().Should().Be("{}");
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("12")]
    public void A_bad_family_value_exits_3_naming_the_manifest(string bad)
    {
        string data = Dataset("A", ("narrow48", "\"face\""), ("face128", bad));
        string study = Path.Combine(_dir, "bad");
        (int exit, _, string stderr) = CliRunner.Run(Study(data, study));
        exit.Should().Be(3, stderr);
        stderr.Should().Contain(Path.Combine(data, "manifest.json") + ": models[1] (model 'face128'): family is " + bad);
        Directory.Exists(study).Should().BeFalse("inputs are checked before the study folder is made");
    }

    [Fact]
    public void Two_datasets_that_disagree_on_a_family_exit_3_naming_both_manifests()
    {
        string a = Dataset("A", ("narrow48", "\"face\""), ("wide1024", "\"generic\""));
        string b = Dataset("B", ("narrow48", "\"face\""), ("wide1024", "\"face\""));
        (int exit, _, string stderr) = CliRunner.Run(Study(a + "," + b, Path.Combine(_dir, "two")));
        exit.Should().Be(3, stderr);
        stderr.Should().Contain($"model 'wide1024' has family \"generic\" in {Path.Combine(a, "manifest.json")} but \"face\" in {Path.Combine(b, "manifest.json")}");
    }

    private static double Printed(string stdout, string block)
    {
        string line = stdout.Split('\n').Single(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+A\s+procrustes\s+" + block + @"\s"));
        return double.Parse(System.Text.RegularExpressions.Regex.Match(line, @"Rank-1\s+([0-9.]+) %").Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
