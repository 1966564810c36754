using FaceCompat.Evaluation;
using FaceCompat.Mapping;
using FaceCompat.Similarity;
using FaceCompat.Study;

namespace FaceCompat.Tests.Study;

public sealed class SimilarityRankCorrelationsTests
{
    private static readonly (string Source, string Target)[] s_pairs = [("a", "b"), ("a", "c"), ("b", "a"), ("b", "c"), ("c", "a"), ("c", "b")];

    private static CellResult Cell(string source, string target, int seed, double rank1, double tmr, double cka, double angle, int? limit = null) => new()
    {
        Protocol = "intra",
        Dataset = "ds",
        FitDataset = "ds",
        Seed = seed,
        Source = source,
        Target = target,
        Method = MapMethod.Procrustes,
        FitIdentityLimit = limit,
        Metrics = new CellMetrics
        {
            Rank1 = rank1,
            Rank5 = 0,
            Rank10 = 0,
            MeanAveragePrecision = 0,
            Auc = 0.5,
            Eer = 0,
            TmrAtFmr1 = tmr,
            TmrAtFmr01 = 0,
            Genuine = 1,
            Impostor = 1,
            TestImages = 2,
            TestIdentities = 1,
            Cmc = [rank1],
            Roc = [],
        },
        Similarity = new SimilarityResult
        {
            Rows = 2,
            Neighbours = 1,
            Permutations = 0,
            Seed = 0,
            CkaUnbiased = new CalibratedValue(cka, 0, 0, 0, 1),
            CkaBiased = new CalibratedValue(cka, 0, 0, 0, 1),
            MutualKnn = new CalibratedValue(0.5, 0, 0, 0, 1), // constant: no correlation defined
            ProcrustesAngle = new CalibratedValue(angle, 0, 0, 0, 1),
        },
    };

    /// <summary>
    /// Six ordered pairs, two seeds each (values +-1 around the pair's mean, so only the means count).
    /// CKA means 0.1..0.6 rank the pairs 1..6; Rank-1 means 10, 20, 30, 40, 60, 50 rank them 1, 2, 3, 4, 6, 5:
    /// sum d^2 = 2, rho = 1 - 6 * 2 / (6 * 35) = 33/35. With n - 2 = 4 degrees of freedom the two-sided
    /// p = I_{4/(4+t^2)}(2, 1/2) = 1 - 1.5 |rho| + 0.5 |rho|^3 (t^2 / (4 + t^2) = rho^2), = 412/85750 here.
    /// TMR falls as CKA rises: rho = -1, p = 0. The angle falls as CKA rises: its rho with Rank-1 is -33/35.
    /// Self pairs and the training-size rows must not enter.
    /// </summary>
    [Fact]
    public void Rho_and_p_across_pairs_match_the_hand_computed_values()
    {
        double[] rank1 = [10, 20, 30, 40, 60, 50];
        var cells = new List<CellResult>();
        for (int i = 0; i < s_pairs.Length; i++)
        {
            double c = 0.1 * (i + 1), angle = 1.0 - (0.1 * i), tmr = 90 - (10 * i);
            cells.Add(Cell(s_pairs[i].Source, s_pairs[i].Target, 0, rank1[i] - 1, tmr - 1, c - 0.01, angle));
            cells.Add(Cell(s_pairs[i].Source, s_pairs[i].Target, 1, rank1[i] + 1, tmr + 1, c + 0.01, angle));
            cells.Add(Cell(s_pairs[i].Source, s_pairs[i].Target, 0, 100 - rank1[i], 0, c, angle, limit: 5)); // training-size row: left out
        }

        cells.Add(Cell("a", "a", 0, 0, 100, 0.9, 0)); // own space: left out
        IReadOnlyList<SimilarityRankCorrelation> rows = SimilarityRankCorrelations.Of(SummaryRow.Group(cells));

        rows.Should().HaveCount(MetricCatalogue.Similarity.Count, "one dataset, one method, every measure");
        SimilarityRankCorrelation cka = rows.Single(r => r.Measure == MetricCatalogue.CkaUnbiased);
        cka.Dataset.Should().Be("ds");
        cka.Method.Should().Be("procrustes");
        cka.Pairs.Should().Be(6);
        cka.Correlations.Select(c => c.Task).Should().Equal(MetricCatalogue.Rank1, MetricCatalogue.TmrAtFmr1);
        cka.Correlations[0].Spearman.Rho.Should().BeApproximately(33.0 / 35, 1e-12);
        cka.Correlations[0].Spearman.PValue.Should().BeApproximately(412.0 / 85750, 1e-9);
        cka.Correlations[1].Spearman.Rho.Should().BeApproximately(-1, 1e-12);
        cka.Correlations[1].Spearman.PValue.Should().Be(0);
        rows.Single(r => r.Measure == MetricCatalogue.ProcrustesAngle).Correlations[0].Spearman.Rho.Should().BeApproximately(-33.0 / 35, 1e-12);
        double.IsNaN(rows.Single(r => r.Measure == MetricCatalogue.MutualKnn).Correlations[0].Spearman.Rho).Should().BeTrue("a constant measure has no rank correlation (SciPy gives NaN)");
    }

    [Fact]
    public void A_study_without_similarity_has_no_rows()
    {
        CellResult plain = Cell("a", "b", 0, 50, 50, 0.5, 0.5) with { Similarity = null };
        SimilarityRankCorrelations.Of(SummaryRow.Group([plain])).Should().BeEmpty();
    }
}
