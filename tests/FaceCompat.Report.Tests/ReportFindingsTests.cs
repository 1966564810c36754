using FaceCompat.Evaluation;
using FaceCompat.Mapping;
using FaceCompat.Report;
using FaceCompat.Study;

namespace FaceCompat.Tests.Report;

/// <summary>The headline on a study whose numbers are worked out by hand (3 models, 6 ordered pairs, 2 methods, 3 seeds).</summary>
public sealed class ReportFindingsTests : IDisposable
{
    private static readonly string[] s_models = ["A", "B", "C"];
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fc-findings-" + Guid.NewGuid().ToString("N"));

    public ReportFindingsTests()
    {
        // procrustes, pair p (0..5), seed s: Rank-1 60 + 5p + s. ridge: 50 + 5p + 2s, except pair 5 at 86 for every
        // seed (procrustes' mean there: a tie). AUC = Rank-1 / 100, TMR@0.1% = Rank-1 / 2.
        StudyFolder folder = StudyFolder.Create(_dir, new StudyDefinition
        {
            Datasets = ["ds"],
            Models = s_models,
            Methods = [MapMethod.Procrustes, MapMethod.Ridge],
            Seeds = [0, 1, 2],
        });
        int p = 0;
        foreach (string source in s_models)
        {
            foreach (string target in s_models.Where(t => t != source))
            {
                for (int seed = 0; seed < 3; seed++)
                {
                    Write(folder, source, target, MapMethod.Procrustes, seed, 60 + (5 * p) + seed);
                    Write(folder, source, target, MapMethod.Ridge, seed, p == 5 ? 86 : 50 + (5 * p) + (2 * seed));
                }

                p++;
            }
        }
    }

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void The_best_method_its_share_and_its_intervals_are_those_worked_out_by_hand()
    {
        ReportFindings f = ReportFindings.Of(StudyReport.Load(_dir).Summaries);
        f.Pairs.Should().Be(6);
        f.Methods.Select(m => m.Method).Should().Equal("procrustes", "ridge");
        ReportFindings.MethodFinding best = f.Best!;
        best.BestOn.Should().Be(6, "best on every pair, the tie on pair 5 included");
        f.Methods[1].BestOn.Should().Be(1, "ridge ties on pair 5");

        // Per-seed means over pairs: 72.5, 73.5, 74.5 -> mean 73.5, std 1, interval 73.5 -+ t(0.975, 2) / sqrt(3).
        ReportFindings.SeedSpread r1 = best[MetricCatalogue.Rank1];
        r1.Mean.Should().BeApproximately(73.5, 1e-9);
        r1.Std.Should().BeApproximately(1, 1e-9);
        r1.Low.Should().BeApproximately(73.5 - (4.3026527297 / Math.Sqrt(3)), 1e-7);
        r1.High.Should().BeApproximately(73.5 + (4.3026527297 / Math.Sqrt(3)), 1e-7);
        r1.Seeds.Should().Be(3);
        r1.PairStd.Should().BeApproximately(5 * Math.Sqrt(3.5), 1e-9, "per-pair means 61, 66, ..., 86");
        best[MetricCatalogue.Auc].Mean.Should().BeApproximately(0.735, 1e-12);
        best[MetricCatalogue.TmrAtFmr01].Mean.Should().BeApproximately(36.75, 1e-12);

        // ridge per seed: (386 + 10 s) / 6 -> mean 66, std 10 / 6.
        f.Methods[1][MetricCatalogue.Rank1].Mean.Should().BeApproximately(66, 1e-9);
        f.Methods[1][MetricCatalogue.Rank1].Std.Should().BeApproximately(10.0 / 6, 1e-9);

        // Differences 9, 9, 9, 9, 9 and one zero (dropped; with a zero, scipy uses the normal approximation):
        // n 5, W 0, mean 7.5, variance 13.75 - (5^3 - 5) / 48 = 11.25, z = -7.5 / sqrt(11.25) = -sqrt(5),
        // p = 2 Phi(-sqrt(5)) = erfc(sqrt(2.5)) = 0.0253473187 (tables of erfc).
        ReportFindings.Comparison c = f.Comparisons.Should().ContainSingle().Subject;
        (c.Pairs, c.BestHigher).Should().Be((6, 5));
        c.Test.Statistic.Should().Be(0);
        c.Test.Exact.Should().BeFalse();
        c.Test.PValue.Should().BeApproximately(0.0253473187, 1e-9);
    }

    [Fact]
    public void The_summary_paragraph_states_the_numbers_and_links_each_to_its_table()
    {
        string html = HtmlReportWriter.Render(StudyReport.Load(_dir));
        int summary = html.IndexOf("<details open id=\"summary\">", StringComparison.Ordinal);
        int compatibility = html.IndexOf("<details open id=\"compatibility\">", StringComparison.Ordinal);
        string top = html[summary..compatibility];
        top.Should().Contain("<strong>procrustes</strong> gives the highest mean Rank-1: <a class=\"num\" href=\"#table-methods\">73.50 %</a>");
        top.Should().Contain("<a class=\"num\" href=\"#table-methods\">6 of 6 pairs (100 %)</a>");
        top.Should().Contain("<a class=\"num\" href=\"#table-method-tests\">p = 0.0253</a>, a difference unlikely to be chance at the 5 % level.");
        top.Should().Contain("<a class=\"num\" href=\"#table-methods\">66.00 %</a>", "the runner-up's mean");
        top.Should().Contain("<td>73.50 &plusmn; 1.00</td><td>[71.02, 75.98]</td><td>9.35</td>", "73.5 -+ 2.484");
        html.Should().Contain("id=\"table-methods\"").And.Contain("id=\"table-method-tests\"").And.Contain("id=\"table-pairs\"");
    }

    private static void Write(StudyFolder folder, string source, string target, MapMethod method, int seed, double r1)
    {
        var unit = new StudyWorkUnit(null, "ds", source, target, seed, null);
        folder.WriteCell(StudyFolder.CellPath(unit, method), new CellResult
        {
            Protocol = "intra",
            Dataset = "ds",
            FitDataset = "ds",
            Seed = seed,
            Source = source,
            Target = target,
            Method = method,
            FitIdentities = 50,
            Metrics = new CellMetrics
            {
                Rank1 = r1,
                Rank5 = r1,
                Rank10 = r1,
                MeanAveragePrecision = r1 / 100,
                Auc = r1 / 100,
                Eer = 100 - r1,
                TmrAtFmr1 = r1,
                TmrAtFmr01 = r1 / 2,
                Genuine = 10,
                Impostor = 100,
                TestImages = 20,
                TestIdentities = 10,
                Cmc = [r1],
                Roc = [new RocPoint(1, 0.001, 1 - (r1 / 100))],
            },
        });
    }
}
