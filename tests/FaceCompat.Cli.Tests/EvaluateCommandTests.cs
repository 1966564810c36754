using System.Globalization;
using System.Text.Json;

namespace FaceCompat.Tests;

[Collection("console")]
public sealed class EvaluateCommandTests
{
    private static readonly string s_fixture = SharedData.Fixture("protocol", "A");

    [Fact]
    public void Json_output_has_exactly_the_reference_keys_one_line_per_seed()
    {
        (int exit, string stdout, _) = CliRunner.Run("evaluate", "--data", s_fixture, "--source", "narrow48", "--target", "face128", "--method", "ridge", "--seeds", "0,1", "--json");
        exit.Should().Be(0);
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2);
        using JsonDocument doc = JsonDocument.Parse(lines[0]);
        doc.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal(
            "protocol", "seed", "source", "target", "method", "rank1", "rank5", "rank10", "mAP", "AUC", "EER",
            "TMR@FMR=1%", "TMR@FMR=0.1%", "genuine", "impostor", "test_images", "test_identities");
        doc.RootElement.GetProperty("seed").GetInt32().Should().Be(0);
    }

    [Fact]
    public void Open_set_adds_an_open_set_object_whose_searches_cover_the_test_images()
    {
        (int exit, string stdout, _) = CliRunner.Run("evaluate", "--data", s_fixture, "--source", "narrow48", "--target", "face128", "--method", "ridge", "--seeds", "0", "--json", "--open-set", "--open-set-rank", "1");
        exit.Should().Be(0);
        using JsonDocument doc = JsonDocument.Parse(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0]);
        JsonElement o = doc.RootElement.GetProperty("open_set");
        int enrolled = o.GetProperty("enrolled").GetInt32(), mated = o.GetProperty("mated_searches").GetInt32(), nonMated = o.GetProperty("non_mated_searches").GetInt32();
        (enrolled + mated + nonMated).Should().Be(doc.RootElement.GetProperty("test_images").GetInt32(), "every test image is enrolled or searched once");
        enrolled.Should().BeLessThan(doc.RootElement.GetProperty("test_identities").GetInt32(), "the non-mated identities are not enrolled");
        o.GetProperty("fnir_rankR").GetDouble().Should().Be(o.GetProperty("fnir_rank1").GetDouble(), "R = 1");
        o.GetProperty("FNIR@FPIR=1%").ValueKind.Should().Be(JsonValueKind.Null, "fewer than 100 non-mated searches");
        o.GetProperty("fpir")[1].GetProperty("not_defined").GetString().Should().Contain("below 1 /");
    }

    [Theory]
    [InlineData("--open-set-rank", "0")]
    [InlineData("--non-mated-percent", "100")]
    [InlineData("--non-mated-percent", "x")]
    public void Bad_open_set_options_are_usage_errors(string option, string value)
    {
        (int exit, _, string stderr) = CliRunner.Run("evaluate", "--data", s_fixture, "--source", "face128", "--target", "face128", "--open-set", option, value);
        exit.Should().Be(2);
        stderr.Should().Contain(option);
    }

    [Fact]
    public void Output_is_culture_invariant()
    {
        (int exit, string stdout, _) = CliRunner.RunUnder(new CultureInfo("de-DE"), "evaluate", "--data", s_fixture, "--source", "narrow48", "--target", "face128", "--seeds", "0");
        exit.Should().Be(0);
        stdout.Should().MatchRegex(@"\d+\.\d\d").And.NotMatchRegex(@"\d+,\d\d ");
    }

    [Fact]
    public void An_unknown_model_is_one_line_with_exit_code_3()
    {
        (int exit, string stdout, string stderr) = CliRunner.Run("evaluate", "--data", s_fixture, "--source", "arcface", "--target", "face128", "--json");
        exit.Should().Be(3);
        stdout.Should().BeEmpty();
        stderr.Trim().Should().StartWith("error: ").And.Contain("unknown model 'arcface'").And.Contain("Available models: face128, narrow48, wide1024").And.NotContain("   at ");
    }

    [Fact]
    public void A_bad_method_is_a_usage_error()
    {
        (int exit, _, string stderr) = CliRunner.Run("evaluate", "--data", s_fixture, "--source", "face128", "--target", "face128", "--method", "magic");
        exit.Should().Be(2);
        stderr.Should().Contain("--method: unknown value 'magic'; allowed: baseline, procrustes, linear, ridge, null");
    }

    [Fact]
    public void A_missing_dataset_names_the_folder()
    {
        (int exit, _, string stderr) = CliRunner.Run("evaluate", "--data", "/nonexistent/ds", "--source", "a", "--target", "b");
        exit.Should().Be(3);
        stderr.Should().Contain("/nonexistent/ds: dataset folder not found");
    }
}
