using System.Globalization;
using FaceCompat.Statistics;

namespace FaceCompat.Tests.Statistics;

public sealed class WilcoxonTests
{
    [Fact]
    public void Wilcoxon_matches_scipy_on_fixture_within_1e9()
    {
        // tests/fixtures/report/wilcoxon.csv was written by make_wilcoxon.py with scipy.stats.wilcoxon (scipy 1.10.1, defaults).
        string[] lines = File.ReadAllLines(SharedData.Fixture("report", "wilcoxon.csv")).Where(l => !l.StartsWith('#')).ToArray();
        lines.Should().HaveCount(7);
        foreach (string line in lines)
        {
            string[] f = line.Split(',');
            string[] xy = f[2].Split(';');
            double[] x = xy[0].Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            double[] y = xy[1].Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Wilcoxon.Result r = Wilcoxon.Test(x, y);
            r.Statistic.Should().BeApproximately(double.Parse(f[3], CultureInfo.InvariantCulture), 1e-9, "case " + f[0]);
            r.PValue.Should().BeApproximately(double.Parse(f[4], CultureInfo.InvariantCulture), 1e-9, "case " + f[0]);
        }
    }

    [Fact]
    public void Three_seeds_all_in_favour_give_the_smallest_exact_p_of_one_quarter()
    {
        Wilcoxon.Result r = Wilcoxon.Test([80, 81, 82], [70, 72, 75]);
        r.Exact.Should().BeTrue();
        r.PValue.Should().Be(0.25);
    }
}
