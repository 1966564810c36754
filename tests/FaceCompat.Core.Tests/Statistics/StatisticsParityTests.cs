using System.Text.Json;
using FaceCompat.Statistics;

namespace FaceCompat.Tests.Statistics;

/// <summary>Parity with SciPy 1.10 on fixtures made by tests/fixtures/geometry/make_fixtures.py.</summary>
public sealed class StatisticsParityTests
{
    private static JsonElement[] Load(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.Fixture("geometry", name)));
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    private static double[] Values(JsonElement e, string key) => e.GetProperty(key).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    [Fact]
    public void Ks_matches_scipy_exact_mode_within_1e9()
    {
        foreach (JsonElement c in Load("ks.json").Where(c => c.GetProperty("exact").GetBoolean()))
        {
            KsResult r = KolmogorovSmirnov.TwoSample(Values(c, "a"), Values(c, "b"));
            r.Exact.Should().BeTrue(c.GetProperty("name").GetString());
            r.Statistic.Should().BeApproximately(c.GetProperty("statistic").GetDouble(), 1e-9, c.GetProperty("name").GetString());
            double expected = c.GetProperty("pvalue").GetDouble();
            r.PValue.Should().BeApproximately(expected, Math.Max(1e-9, expected * 1e-9), c.GetProperty("name").GetString());
        }
    }

    [Fact]
    public void Ks_switches_to_asymptotic_mode_above_scipys_limit_and_matches_scipy_within_1e9()
    {
        JsonElement[] cases = Load("ks.json").Where(c => !c.GetProperty("exact").GetBoolean()).ToArray();
        cases.Should().HaveCountGreaterThan(3);
        foreach (JsonElement c in cases)
        {
            KsResult r = KolmogorovSmirnov.TwoSample(Values(c, "a"), Values(c, "b"));
            string name = c.GetProperty("name").GetString()!;
            r.Exact.Should().BeFalse(name);
            r.Statistic.Should().BeApproximately(c.GetProperty("statistic").GetDouble(), 1e-9, name);
            r.PValue.Should().BeApproximately(c.GetProperty("pvalue").GetDouble(), 1e-9, name);
        }
    }

    [Fact]
    public void Kolmogorov_survival_matches_scipys_kstwo_on_every_branch()
    {
        foreach (JsonElement c in Load("kstwo.json"))
        {
            int n = c.GetProperty("n").GetInt32();
            double x = c.GetProperty("x").GetDouble();
            KolmogorovDistribution.Survival(n, x).Should().BeApproximately(c.GetProperty("sf").GetDouble(), 1e-9, $"n = {n}, x = {x}");
        }
    }

    [Fact]
    public void Spearman_matches_scipy_within_1e9()
    {
        foreach (JsonElement c in Load("spearman.json"))
        {
            SpearmanResult r = SpearmanCorrelation.Compute(Values(c, "x"), Values(c, "y"));
            string? name = c.GetProperty("name").GetString();
            r.Rho.Should().BeApproximately(c.GetProperty("rho").GetDouble(), 1e-9, name);
            r.PValue.Should().BeApproximately(c.GetProperty("pvalue").GetDouble(), 1e-9, name);
        }
    }

    [Fact]
    public void Ks_of_identical_samples_is_zero_with_p_one()
    {
        double[] a = [0.3, 0.1, 0.2, 0.5];
        KsResult r = KolmogorovSmirnov.TwoSample(a, a);
        r.Statistic.Should().Be(0.0);
        r.PValue.Should().Be(1.0);
    }

    [Fact]
    public void Spearman_of_a_constant_is_nan()
    {
        SpearmanResult r = SpearmanCorrelation.Compute([1.0, 1.0, 1.0], [1.0, 2.0, 3.0]);
        double.IsNaN(r.Rho).Should().BeTrue();
    }
}
