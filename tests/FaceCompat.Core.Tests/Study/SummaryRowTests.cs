using FaceCompat.Evaluation;
using FaceCompat.Mapping;
using FaceCompat.Study;

namespace FaceCompat.Tests.Study;

public sealed class SummaryRowTests
{
    private static CellResult Run(int seed, double rank1, double auc) => new()
    {
        Protocol = "intra",
        Dataset = "ds",
        FitDataset = "ds",
        Seed = seed,
        Source = "a",
        Target = "b",
        Method = MapMethod.Procrustes,
        Metrics = new CellMetrics
        {
            Rank1 = rank1,
            Rank5 = 0,
            Rank10 = 0,
            MeanAveragePrecision = 0,
            Auc = auc,
            Eer = 0,
            TmrAtFmr1 = 0,
            TmrAtFmr01 = 0,
            Genuine = 1,
            Impostor = 1,
            TestImages = 2,
            TestIdentities = 1,
            Cmc = [rank1],
            Roc = [],
        },
    };

    [Fact]
    public void Mean_and_sample_std_over_seeds()
    {
        // Rank-1 60, 70, 80: mean 70, sample variance (100 + 0 + 100) / 2 = 100, std 10.
        SummaryRow row = SummaryRow.From([Run(0, 60, 0.9), Run(1, 70, 0.8), Run(2, 80, 0.7)], limitedFit: false);
        int rank1 = Array.IndexOf(MetricColumns.Names, "rank1");
        int auc = Array.IndexOf(MetricColumns.Names, "AUC");
        row.Runs.Should().Be(3);
        row.Mean[rank1].Should().BeApproximately(70, 1e-12);
        row.Std[rank1].Should().BeApproximately(10, 1e-12);
        row.Mean[auc].Should().BeApproximately(0.8, 1e-12);
        row.Std[auc].Should().BeApproximately(0.1, 1e-12);
        row.Method.Should().Be("procrustes");
    }

    [Fact]
    public void A_single_run_has_zero_std()
    {
        SummaryRow row = SummaryRow.From([Run(0, 55, 0.9)], limitedFit: false);
        row.Std.Should().OnlyContain(s => s == 0);
        row.Mean[0].Should().Be(55);
    }
}
