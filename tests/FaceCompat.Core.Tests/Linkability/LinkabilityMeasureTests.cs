using System.Text.Json;
using FaceCompat.Linkability;

namespace FaceCompat.Tests.Linkability;

/// <summary>
/// D_sys against NumPy on fixtures made by tests/fixtures/linkability/make_fixture.py (the published
/// recipe: np.linspace bins, np.histogram densities, trapezoid over the bin centres; and the exact
/// histogram integral), plus properties that hold for any scores.
/// </summary>
public sealed class LinkabilityMeasureTests
{
    private static JsonElement[] Cases()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.Fixture("linkability", "linkability.json")));
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    private static float[] Scores(JsonElement c, string key) => c.GetProperty(key).EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    private static double[] Values(JsonElement c, string key) => c.GetProperty(key).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    [Fact]
    public void Dsys_and_local_measure_match_numpy_on_every_fixture_within_1e12()
    {
        JsonElement[] cases = Cases();
        cases.Should().HaveCount(5);
        foreach (JsonElement c in cases)
        {
            string name = c.GetProperty("name").GetString()!;
            LinkabilityResult r = LinkabilityMeasure.FromScores(Scores(c, "mated"), Scores(c, "non_mated"), c.GetProperty("omega").GetDouble());
            r.Centres.Should().HaveCount(c.GetProperty("bins").GetInt32(), name);
            r.Dsys.Should().BeApproximately(c.GetProperty("dsys").GetDouble(), 1e-12, name);
            r.DsysTrapezoid.Should().BeApproximately(c.GetProperty("dsys_trapezoid").GetDouble(), 1e-12, name);
            double[] local = Values(c, "local");
            for (int k = 0; k < local.Length; k++)
            {
                r.Local[k].Should().BeApproximately(local[k], 1e-12, $"{name}, bin {k}");
            }
        }
    }

    [Fact]
    public void Histogram_counts_equal_numpy_including_scores_on_bin_edges()
    {
        foreach (JsonElement c in Cases())
        {
            double[] edges = Values(c, "edges");
            var histogram = new ScoreHistogram(edges[0], edges[^1], edges.Length - 1);
            for (int k = 0; k < edges.Length; k++)
            {
                histogram.Edges[k].Should().Be(edges[k], "edges are np.linspace's, bit for bit");
            }

            histogram.Add(Scores(c, "mated"));
            histogram.Counts.ToArray().Should().Equal(c.GetProperty("mated_counts").EnumerateArray().Select(v => v.GetInt64()));
        }
    }

    [Fact]
    public void Identical_score_lists_are_unlinkable()
    {
        float[] scores = Enumerable.Range(0, 500).Select(i => MathF.Sin(i * 0.37f)).ToArray();
        LinkabilityResult r = LinkabilityMeasure.FromScores(scores, scores);
        r.Dsys.Should().Be(0);
        r.Local.Should().OnlyContain(d => d == 0);
    }

    [Fact]
    public void Separated_scores_are_fully_linkable_and_the_trapezoid_rule_loses_the_end_bins()
    {
        float[] mated = Enumerable.Range(0, 200).Select(i => 0.6f + (i * 0.001f)).ToArray();
        float[] nonMated = Enumerable.Range(0, 1000).Select(i => -0.2f + (i * 0.0003f)).ToArray();
        LinkabilityResult r = LinkabilityMeasure.FromScores(mated, nonMated);
        r.Dsys.Should().Be(1.0);
        r.DsysTrapezoid.Should().BeLessThan(1.0);
    }

    [Fact]
    public void Dsys_lies_in_0_1_and_grows_with_the_prior_ratio()
    {
        var rng = new Random(5);
        float[] mated = Enumerable.Range(0, 400).Select(_ => (float)(0.3 + (0.2 * Normal(rng)))).ToArray();
        float[] nonMated = Enumerable.Range(0, 4000).Select(_ => (float)(0.2 * Normal(rng))).ToArray();
        double previous = -1;
        foreach (double omega in new[] { 0.01, 0.1, 1, 10, 100 })
        {
            double d = LinkabilityMeasure.FromScores(mated, nonMated, omega).Dsys;
            d.Should().BeInRange(0, 1);
            d.Should().BeGreaterThanOrEqualTo(previous);
            previous = d;
        }
    }

    [Fact]
    public void Fewer_than_ten_mated_scores_are_refused_with_the_reason()
    {
        Action act = () => LinkabilityMeasure.FromScores([0.5f, 0.6f], [0.1f, 0.2f]);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*at least 10 mated*");
    }

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
