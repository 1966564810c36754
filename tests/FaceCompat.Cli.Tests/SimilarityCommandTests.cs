using System.Globalization;
using System.Text.Json;

namespace FaceCompat.Tests;

[Collection("console")]
public sealed class SimilarityCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fc-similarity-").FullName;
    private readonly string _data = SharedData.Fixture("protocol", "A");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Json_gives_every_measure_on_each_seeds_test_rows_calibrated_against_its_null()
    {
        (int exit, string stdout, string stderr) = CliRunner.Run("similarity", "--data", _data, "--source", "face128", "--target", "wide1024", "--seeds", "0,1", "--json");
        exit.Should().Be(0, stderr);
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2);
        (_, string evaluated, _) = CliRunner.Run("evaluate", "--data", _data, "--source", "face128", "--target", "wide1024", "--method", "baseline", "--seeds", "0", "--json");
        int testImages = JsonDocument.Parse(evaluated).RootElement.GetProperty("test_images").GetInt32();
        JsonElement s = JsonDocument.Parse(lines[0]).RootElement.GetProperty("similarity");
        s.GetProperty("rows").GetInt32().Should().Be(testImages, "the measures use the split's held-out rows");
        s.GetProperty("k").GetInt32().Should().Be(10);
        s.GetProperty("permutations").GetInt32().Should().Be(10);
        foreach (string key in new[] { "cka_unbiased", "cka_biased", "mutual_knn" })
        {
            JsonElement m = s.GetProperty(key);
            m.GetProperty("z").GetDouble().Should().BeGreaterThan(3, $"{key}: both models see the same latent faces");
            m.GetProperty("p").GetDouble().Should().BeApproximately(1.0 / 11, 1e-12, key);
            m.GetProperty("value").GetDouble().Should().BeGreaterThan(m.GetProperty("null_mean").GetDouble(), key);
        }

        s.GetProperty("procrustes_angle").GetProperty("z").GetDouble().Should().BeLessThan(-3);
        JsonDocument.Parse(lines[1]).RootElement.GetProperty("seed").GetInt32().Should().Be(1);
    }

    [Fact]
    public void A_model_against_itself_is_fully_similar_and_the_table_is_culture_invariant()
    {
        (int exit, string stdout, string stderr) = CliRunner.RunUnder(new CultureInfo("de-DE"), "similarity", "--data", _data, "--source", "narrow48", "--target", "narrow48", "--all-rows", "--permutations", "3");
        exit.Should().Be(0, stderr);
        stdout.Should().MatchRegex(@"all\s+360 CKA \(unbiased\)\s+1\.0000").And.MatchRegex(@"mutual k-NN\s+1\.0000").And.MatchRegex(@"Procrustes angle\s+0\.0000");
        stdout.Should().NotMatchRegex(@"\d,\d{4}");
    }

    [Fact]
    public void Bad_requests_get_one_line_and_the_documented_exit_code()
    {
        (int exit, _, string stderr) = CliRunner.Run("similarity", "--data", _data, "--source", "face128", "--target", "wide1024", "--k", "0");
        exit.Should().Be(2);
        stderr.Should().Contain("--k: 0 is out of range");
        (exit, _, stderr) = CliRunner.Run("similarity", "--data", _data, "--source", "face128", "--target", "wide1024", "--permutations", "-1");
        exit.Should().Be(2);
        stderr.Should().Contain("--permutations");
        (exit, _, stderr) = CliRunner.Run("similarity", "--data", _data, "--source", "face128", "--target", "wide1024", "--k", "500");
        exit.Should().Be(3);
        stderr.Should().Contain("more rows than k = 500").And.NotContain("   at ");
        (exit, _, stderr) = CliRunner.Run("similarity", "--data", _data, "--source", "face128", "--target", "nosuchmodel");
        exit.Should().Be(3);
        stderr.Should().Contain("nosuchmodel");
    }

    [Fact]
    public void A_study_with_similarity_writes_it_in_every_cell_with_matrices_a_tree_and_rank_correlations()
    {
        string study = Path.Combine(_dir, "study");
        string[] args = ["study", "--data", _data, "--models", "narrow48,face128,wide1024", "--methods", "baseline,procrustes", "--seeds", "0,1", "--similarity", "--similarity-permutations", "4", "--out", study];
        (int exit, _, string stderr) = CliRunner.Run(args);
        exit.Should().Be(0, stderr);
        File.ReadAllText(Path.Combine(study, "study.json")).Should().Contain("\"similarity\": {").And.Contain("\"permutations\": 4");
        string cell(string method) => File.ReadAllText(Path.Combine(study, "cells", "A", "face128__wide1024", method, "seed-1.json"));
        JsonElement baseline = JsonDocument.Parse(cell("baseline")).RootElement.GetProperty("similarity");
        JsonElement procrustes = JsonDocument.Parse(cell("procrustes")).RootElement.GetProperty("similarity");
        baseline.GetProperty("seed").GetInt32().Should().Be(1);
        procrustes.GetProperty("cka_unbiased").GetProperty("value").GetDouble().Should().Be(baseline.GetProperty("cka_unbiased").GetProperty("value").GetDouble(), "the raw embeddings' similarity does not depend on the method");
        string[] cka = File.ReadAllLines(Path.Combine(study, "similarity", "A.cka_unbiased.csv"));
        cka[0].Should().Be("source\\target,narrow48,face128,wide1024");
        cka[1].Should().StartWith("narrow48,1,");
        File.Exists(Path.Combine(study, "similarity", "A.cka_unbiased_z.csv")).Should().BeTrue();
        File.ReadAllText(Path.Combine(study, "similarity", "A.procrustes_angle.newick")).Should().Contain("narrow48").And.EndWith(";\n");
        string[] correlations = File.ReadAllLines(Path.Combine(study, "similarity", "A.rank-correlation.csv"));
        correlations[0].Should().Be("measure,method,pairs,rank1_rho,rank1_p,tmr_fmr1_rho,tmr_fmr1_p");
        correlations.Should().HaveCount(1 + (2 * 4)).And.Contain(l => l.StartsWith("cka_unbiased,procrustes,6,", StringComparison.Ordinal));

        // A re-run resumes (the definition, with its similarity settings, is the same).
        CliRunner.Run(args).Exit.Should().Be(0);
        (exit, _, stderr) = CliRunner.Run(["study", "--data", _data, "--models", "narrow48,face128,wide1024", "--methods", "baseline,procrustes", "--seeds", "0,1", "--out", study]);
        exit.Should().Be(3, "a run without --similarity is another configuration");
        stderr.Should().Contain("similarity");
    }
}
