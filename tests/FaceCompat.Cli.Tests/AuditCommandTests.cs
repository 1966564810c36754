using System.Text.Json;

namespace FaceCompat.Tests;

[Collection("console")]
public sealed class AuditCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fc-audit-").FullName;
    private readonly string _data = SharedData.Fixture("protocol", "A");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_fitted_map_links_the_records_that_raw_templates_cannot()
    {
        (int exit, string stdout, string stderr) = CliRunner.Run("audit", "--data", _data, "--source", "face128", "--target", "wide1024", "--json", "--out", _dir);
        exit.Should().Be(0, stderr);
        Dictionary<string, JsonElement> byMethod = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToDictionary(e => e.GetProperty("method").GetString()!);
        byMethod.Keys.Should().BeEquivalentTo("baseline", "procrustes", "linear", "ridge");
        double Dsys(string method) => byMethod[method].GetProperty("linkability").GetProperty("other_capture").GetProperty("dsys").GetDouble();
        Dsys("baseline").Should().BeLessThan(0.25, "raw templates of two different models carry little evidence");
        // The fixture's two spaces share identities through noise (EER about 14 % after the map): linkable, not perfectly.
        Dsys("procrustes").Should().BeGreaterThan(0.5).And.BeGreaterThan(4 * Dsys("baseline"));
        byMethod["procrustes"].GetProperty("rank1").GetDouble().Should().BeGreaterThan(90);
        File.ReadAllText(Path.Combine(_dir, "audit.md")).Should().Contain("| procrustes | 1 |").And.Contain("Strongest attack:").And.Contain("| 95 % CI |").And.Contain("1000 bootstrap resamples");
        JsonElement ci = byMethod["procrustes"].GetProperty("linkability").GetProperty("other_capture").GetProperty("dsys_ci95");
        ci[0].GetDouble().Should().BeLessThan(Dsys("procrustes"));
        ci[1].GetDouble().Should().BeGreaterThan(Dsys("procrustes"));
        File.ReadAllLines(Path.Combine(_dir, "audit-curves.csv"))[0].Should().Be("method,seed,mated,bin_centre,mated_density,non_mated_density,local_linkability");
    }

    [Fact]
    public void An_adapter_is_audited_on_every_row_with_its_own_models()
    {
        string adapter = Path.Combine(_dir, "m.fcmap");
        CliRunner.Run("fit", "--data", _data, "--source", "face128", "--target", "wide1024", "--method", "procrustes", "--out", adapter).Exit.Should().Be(0);
        (int exit, string stdout, string stderr) = CliRunner.Run("audit", "--data", _data, "--adapter", adapter);
        exit.Should().Be(0, stderr);
        stdout.Should().Contain("face128 records -> wide1024 records, 360 images").And.Contain("holds the adapter fitted on").And.Contain("| procrustes | 1 |");
    }

    [Fact]
    public void Bad_requests_get_one_line_and_the_documented_exit_code()
    {
        (int exit, _, string stderr) = CliRunner.Run("audit", "--data", _data, "--source", "face128", "--target", "wide1024", "--omega", "0");
        exit.Should().Be(2);
        stderr.Should().Contain("--omega: 0 is out of range; allowed: above 0");

        (exit, _, stderr) = CliRunner.Run("audit", "--data", _data, "--source", "face128");
        exit.Should().Be(2);
        stderr.Should().Contain("--target is required");

        (exit, _, stderr) = CliRunner.Run("audit", "--data", _data, "--source", "face128", "--target", "nosuchmodel");
        exit.Should().Be(3);
        stderr.Should().Contain("nosuchmodel");

        string adapter = Path.Combine(_dir, "n.fcmap");
        CliRunner.Run("fit", "--data", _data, "--source", "narrow48", "--target", "face128", "--method", "ridge", "--out", adapter).Exit.Should().Be(0);
        (exit, _, stderr) = CliRunner.Run("audit", "--data", _data, "--adapter", adapter, "--source", "wide1024");
        exit.Should().Be(3);
        stderr.Should().Contain("model 'wide1024' has 1024 dimensions, but the adapter's source side has 48");
    }

    [Fact]
    public void A_study_with_linkability_writes_dsys_matrices_and_the_report_draws_them()
    {
        string study = Path.Combine(_dir, "study");
        (int exit, _, string stderr) = CliRunner.Run("study", "--data", _data, "--models", "face128,wide1024", "--methods", "baseline,procrustes", "--seeds", "0", "--linkability", "--out", study);
        exit.Should().Be(0, stderr);
        File.ReadAllText(Path.Combine(study, "study.json")).Should().Contain("\"linkability\": true");
        double[][] Matrix(string method) => File.ReadAllLines(Path.Combine(study, "linkability", $"A.{method}.csv")).Skip(1)
            .Select(line => line.Split(',').Skip(1).Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray();
        double[][] procrustes = Matrix("procrustes");
        double[][] baseline = Matrix("baseline");
        procrustes[0][1].Should().BeGreaterThan(baseline[0][1] + 0.3, "a fitted map links face128 records to wide1024 records");
        procrustes[0][0].Should().BeGreaterThan(0.5, "a model is linkable with itself");
        string html = Path.Combine(_dir, "report.html");
        CliRunner.Run("report", "--study", study, "--out", html).Exit.Should().Be(0);
        File.ReadAllText(html).Should().Contain("{\"key\":\"dsys\",\"name\":\"D_sys\"", "D_sys is a clustermap metric").And.Contain("\"density\":[[", "each pair carries its score densities");
    }

    [Fact]
    public void A_study_without_linkability_keeps_its_old_definition_file()
    {
        string study = Path.Combine(_dir, "plain");
        CliRunner.Run("study", "--data", _data, "--models", "face128,narrow48", "--methods", "baseline", "--seeds", "0", "--out", study).Exit.Should().Be(0);
        File.ReadAllText(Path.Combine(study, "study.json")).Should().NotContain("linkability");
        Directory.Exists(Path.Combine(study, "linkability")).Should().BeFalse();
    }
}
