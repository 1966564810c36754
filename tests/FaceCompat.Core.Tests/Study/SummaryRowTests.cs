using FaceCompat.Evaluation;
using FaceCompat.Mapping;
using FaceCompat.Study;

namespace FaceCompat.Tests.Study;

public sealed class SummaryRowTests
{
    private static CellResult Run(int seed, double rank1, double auc, int? limit = null) => new()
    {
        Protocol = "intra",
        Dataset = "ds",
        FitDataset = "ds",
        Seed = seed,
        Source = "a",
        Target = "b",
        Method = MapMethod.Procrustes,
        FitIdentityLimit = limit,
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
        SummaryRow row = SummaryRow.From([Run(0, 60, 0.9), Run(1, 70, 0.8), Run(2, 80, 0.7)]);
        row.Runs.Should().Be(3);
        row[MetricCatalogue.Rank1].Mean.Should().BeApproximately(70, 1e-12);
        row[MetricCatalogue.Rank1].Std.Should().BeApproximately(10, 1e-12);
        row[MetricCatalogue.Auc].Mean.Should().BeApproximately(0.8, 1e-12);
        row[MetricCatalogue.Auc].Std.Should().BeApproximately(0.1, 1e-12);
        row.Method.Should().Be("procrustes");
    }

    [Fact]
    public void The_std_of_a_single_run_is_not_defined()
    {
        SummaryRow row = SummaryRow.From([Run(0, 55, 0.9)]);
        MetricCatalogue.Table.Should().OnlyContain(m => double.IsNaN(row[m].Std));
        row[MetricCatalogue.Rank1].Mean.Should().Be(55);
        MetricCatalogue.Rank1.Format(row[MetricCatalogue.Rank1]).Should().Be("55.00");
    }

    [Fact]
    public void Training_size_runs_are_grouped_apart_from_the_full_fit()
    {
        IReadOnlyList<SummaryRow> rows = SummaryRow.Group([Run(0, 60, 0.9), Run(0, 40, 0.8, limit: 5), Run(1, 70, 0.9)]);
        rows.Should().HaveCount(2);
        rows[0].LimitedFit.Should().BeFalse();
        rows[0].Runs.Should().Be(2);
        rows[1].LimitedFit.Should().BeTrue();
        rows[1][MetricCatalogue.Rank1].Mean.Should().Be(40);
    }
}
