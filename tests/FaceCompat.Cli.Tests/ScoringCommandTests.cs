using System.Text.Json;
using FaceCompat.Data;
using FaceCompat.Evaluation;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;
using FaceCompat.Study;

namespace FaceCompat.Tests;

/// <summary>
/// <c>--scoring cosine|csls</c>, <c>--csls-k</c> and <c>--hubness</c> of <c>evaluate</c> and <c>study</c>: what the
/// cells record, that cosine studies are written exactly as before, the usage errors. The CSLS numbers
/// themselves are checked against a brute force and NumPy in FaceCompat.Core.Tests (CslsScoringTests).
/// </summary>
[Collection("console")]
public sealed class ScoringCommandTests : IDisposable
{
    private static readonly string[] s_referenceKeys =
    [
        "protocol", "seed", "source", "target", "method", "rank1", "rank5", "rank10", "mAP", "AUC", "EER",
        "TMR@FMR=1%", "TMR@FMR=0.1%", "genuine", "impostor", "test_images", "test_identities",
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("fc-scoring-").FullName;
    private readonly string _data = SharedData.Fixture("protocol", "A");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private JsonElement EvaluateJson(params string[] extra)
    {
        (int exit, string stdout, string stderr) = CliRunner.Run(["evaluate", "--data", _data, "--source", "narrow48", "--target", "face128", "--method", "procrustes", "--seeds", "1", "--json", .. extra]);
        exit.Should().Be(0, stderr);
        return JsonDocument.Parse(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single()).RootElement.Clone();
    }

    [Fact]
    public void Evaluate_with_csls_records_the_scoring_and_gives_the_librarys_numbers()
    {
        JsonElement cosine = EvaluateJson();
        JsonElement csls = EvaluateJson("--scoring", "csls", "--csls-k", "7");
        cosine.EnumerateObject().Select(p => p.Name).Should().Equal(s_referenceKeys, "cosine output is unchanged");
        csls.EnumerateObject().Select(p => p.Name).Should().Equal([.. s_referenceKeys, "scoring", "scoring_k", "hubness_skew"]);
        csls.GetProperty("scoring").GetString().Should().Be("csls");
        csls.GetProperty("scoring_k").GetInt32().Should().Be(7);

        var options = new ProtocolOptions { Kernels = DenseKernels.Default, Scoring = new ScoringOptions { Method = ScoringMethod.Csls, K = 7, Hubness = true } };
        CellResult library = ProtocolRunner.RunIntra(DatasetFolder.Open(_data), "narrow48", "face128", 1, [MapMethod.Procrustes], options)[0];
        csls.GetProperty("rank1").GetDouble().Should().Be(library.Metrics.Rank1);
        csls.GetProperty("TMR@FMR=0.1%").GetDouble().Should().Be(library.Metrics.TmrAtFmr01);
        csls.GetProperty("AUC").GetDouble().Should().Be(library.Metrics.Auc);
        csls.GetProperty("hubness_skew").GetDouble().Should().Be(library.Metrics.HubnessSkew);
        csls.GetProperty("AUC").GetDouble().Should().NotBe(cosine.GetProperty("AUC").GetDouble(), "CSLS rescores every pair");
    }

    [Fact]
    public void Hubness_with_cosine_scoring_adds_the_statistic_and_changes_no_other_number()
    {
        JsonElement cosine = EvaluateJson();
        JsonElement measured = EvaluateJson("--hubness");
        measured.GetProperty("scoring").GetString().Should().Be("cosine");
        measured.GetProperty("scoring_k").GetInt32().Should().Be(10);
        measured.GetProperty("hubness_skew").ValueKind.Should().Be(JsonValueKind.Number);
        foreach (string key in s_referenceKeys)
        {
            measured.GetProperty(key).GetRawText().Should().Be(cosine.GetProperty(key).GetRawText(), key);
        }
    }

    [Theory]
    [InlineData("--scoring", "dot")]
    [InlineData("--csls-k", "0")]
    [InlineData("--csls-k", "-3")]
    [InlineData("--csls-k", "100001")]
    [InlineData("--csls-k", "ten")]
    public void Bad_scoring_options_are_usage_errors(string option, string value)
    {
        (int exit, string stdout, string stderr) = CliRunner.Run("evaluate", "--data", _data, "--source", "narrow48", "--target", "face128", "--scoring", "csls", option, value);
        exit.Should().Be(2);
        stdout.Should().BeEmpty();
        stderr.Should().Contain(option).And.NotContain("   at ");
        (exit, _, stderr) = CliRunner.Run("study", "--data", _data, "--scoring", "csls", option, value, "--out", Path.Combine(_dir, "bad"));
        exit.Should().Be(2);
        stderr.Should().Contain(option);
        Directory.Exists(Path.Combine(_dir, "bad")).Should().BeFalse();
    }

    [Fact]
    public void A_k_above_the_test_images_is_an_input_error_naming_the_limit()
    {
        (int exit, _, string stderr) = CliRunner.Run("evaluate", "--data", _data, "--source", "narrow48", "--target", "face128", "--seeds", "0", "--scoring", "csls", "--csls-k", "100000");
        exit.Should().Be(3);
        stderr.Should().Contain("--csls-k 100000 is more than the").And.Contain("test images").And.NotContain("   at ");
        (exit, _, stderr) = CliRunner.Run("study", "--data", _data, "--models", "narrow48,face128", "--hubness", "--csls-k", "100000", "--out", Path.Combine(_dir, "big-k"));
        exit.Should().Be(3);
        stderr.Should().Contain("--csls-k 100000");
    }

    [Fact]
    public void A_csls_study_records_the_scoring_in_its_definition_and_cells_and_summarises_the_hubness()
    {
        string cosine = Path.Combine(_dir, "cosine");
        string csls = Path.Combine(_dir, "csls");
        string[] common = ["study", "--data", _data, "--models", "narrow48,face128,wide1024", "--methods", "baseline,procrustes", "--seeds", "0,1"];
        CliRunner.Run([.. common, "--out", cosine]).Exit.Should().Be(0);
        (int exit, _, string stderr) = CliRunner.Run([.. common, "--scoring", "csls", "--csls-k", "5", "--out", csls]);
        exit.Should().Be(0, stderr);

        string cosineJson = File.ReadAllText(Path.Combine(cosine, "study.json"));
        cosineJson.Should().NotContain("scoring", "cosine studies keep their study.json and fingerprint");
        string cosineCell = File.ReadAllText(Path.Combine(cosine, "cells", "A", "narrow48__face128", "procrustes", "seed-1.json"));
        cosineCell.Should().NotContain("scoring").And.NotContain("hubness");
        Directory.Exists(Path.Combine(cosine, "hubness")).Should().BeFalse();

        File.ReadAllText(Path.Combine(csls, "study.json")).Should().Contain("\"scoring\": {").And.Contain("\"method\": \"csls\"").And.Contain("\"k\": 5");
        JsonElement cell = JsonDocument.Parse(File.ReadAllText(Path.Combine(csls, "cells", "A", "narrow48__face128", "procrustes", "seed-1.json"))).RootElement;
        cell.GetProperty("scoring").GetString().Should().Be("csls");
        cell.GetProperty("scoring_k").GetInt32().Should().Be(5);
        JsonElement evaluated = EvaluateJson("--scoring", "csls", "--csls-k", "5");
        cell.GetProperty("rank1").GetDouble().Should().Be(evaluated.GetProperty("rank1").GetDouble());
        cell.GetProperty("hubness_skew").GetDouble().Should().Be(evaluated.GetProperty("hubness_skew").GetDouble());

        string[] summary = File.ReadAllLines(Path.Combine(csls, "hubness", "summary.csv"));
        summary[0].Should().Be("protocol,dataset,fit_dataset,source,target,method,fit_identities,runs,hubness_skew_mean,hubness_skew_std");
        summary.Should().HaveCount(1 + (9 * 2));
        string[] matrix = File.ReadAllLines(Path.Combine(csls, "hubness", "A.procrustes.csv"));
        matrix[0].Should().Be("source\\target,narrow48,face128,wide1024");
        matrix.Should().HaveCount(4);

        // A re-run resumes; a run with another scoring is another configuration.
        CliRunner.Run([.. common, "--scoring", "csls", "--csls-k", "5", "--out", csls]).Exit.Should().Be(0);
        (exit, _, stderr) = CliRunner.Run([.. common, "--out", csls]);
        exit.Should().Be(3);
        stderr.Should().Contain("scoring");
    }
}
