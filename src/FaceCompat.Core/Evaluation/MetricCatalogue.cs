namespace FaceCompat.Evaluation;

/// <summary>
/// Every metric FaceCompat reports, each defined once (docs/metrics.md). <see cref="Table"/> is the
/// papers' column order, which every summary, table, printer and the report follow. A value that
/// is not defined (NaN: EER with no genuine pair, the std of one run) is written as JSON
/// <c>null</c>, an empty CSV field and <see cref="NotDefined"/> in text tables.
/// </summary>
public static class MetricCatalogue
{
    /// <summary>How a value that is not defined is shown in Markdown, LaTeX, HTML and terminal tables.</summary>
    public const string NotDefined = "n/a";

    /// <summary>The CMC curve's JSON key (Rank-k % for k = 1..<see cref="CmcDepth"/>).</summary>
    public const string CmcKey = "cmc";

    /// <summary>How many ranks a cell's CMC curve holds by default.</summary>
    public const int CmcDepth = 50;

    public static readonly Metric Rank1 = RankK(1, m => m.Rank1);

    public static readonly Metric Rank5 = RankK(5, m => m.Rank5);

    public static readonly Metric Rank10 = RankK(10, m => m.Rank10);

    public static readonly Metric MeanAveragePrecision = new(
        "mAP", "mAP", "map", MetricScale.Fraction, MetricDirection.HigherIsBetter, 4, "mean over queries of the average precision of the query's relevant gallery rows", m => m.MeanAveragePrecision);

    public static readonly Metric Auc = new(
        "AUC", "AUC", "auc", MetricScale.Fraction, MetricDirection.HigherIsBetter, 4, "area under the ROC curve of genuine vs impostor scores (ties count one half)", m => m.Auc);

    public static readonly Metric Eer = new(
        "EER", "EER", "eer", MetricScale.Percent, MetricDirection.LowerIsBetter, 2, "equal error rate: (FMR + FNMR) / 2 at the first threshold minimising |FMR - FNMR|", m => m.Eer);

    public static readonly Metric TmrAtFmr1 = new(
        "TMR@FMR=1%", "TMR@FMR=1%", "tmr_fmr1", MetricScale.Percent, MetricDirection.HigherIsBetter, 2, "true match rate at the smallest threshold with FMR <= 1 %", m => m.TmrAtFmr1);

    public static readonly Metric TmrAtFmr01 = new(
        "TMR@FMR=0.1%", "TMR@FMR=0.1%", "tmr_fmr01", MetricScale.Percent, MetricDirection.HigherIsBetter, 2, "true match rate at the smallest threshold with FMR <= 0.1 %", m => m.TmrAtFmr01);

    /// <summary>
    /// Gomez-Barrero et al.'s global linkability of two systems' templates (0 unlinkable, 1 fully
    /// linkable: higher is better for an attacker, worse for privacy); it lives in a cell's
    /// linkability, not in its metrics.
    /// </summary>
    public static readonly Metric Dsys = new(
        "D_sys", "dsys", "dsys", MetricScale.Fraction, MetricDirection.LowerIsBetter, 3, "global template linkability D_sys (Gomez-Barrero et al. 2018), records of different captures", null);

    /// <summary>Linear CKA, unbiased HSIC estimator (Song et al. 2012), of the raw test embeddings of a cell's two models (docs/similarity.md); it lives in a cell's similarity.</summary>
    public static readonly Metric CkaUnbiased = new(
        "CKA (unbiased)", "cka_unbiased", "cka_unbiased", MetricScale.Fraction, MetricDirection.HigherIsBetter, 4, "linear CKA of the two models' test embeddings with the unbiased HSIC estimator (Song et al. 2012); higher = more similar", null);

    /// <summary>Linear CKA, biased HSIC estimator (Kornblith et al. 2019); inflated on few rows in many dimensions.</summary>
    public static readonly Metric CkaBiased = new(
        "CKA (biased)", "cka_biased", "cka_biased", MetricScale.Fraction, MetricDirection.HigherIsBetter, 4, "linear CKA with the biased HSIC estimator (Kornblith et al. 2019); higher = more similar", null);

    /// <summary>Mutual k-NN alignment (Huh et al. 2024), k = 10 by default.</summary>
    public static readonly Metric MutualKnn = new(
        "mutual k-NN", "mutual_knn", "mutual_knn", MetricScale.Fraction, MetricDirection.HigherIsBetter, 4, "mean over test images of the share of its k nearest other images (cosine) that both models agree on (Huh et al. 2024); higher = more similar", null);

    /// <summary>The angular Procrustes shape distance (Williams et al. 2021), a true metric, in radians.</summary>
    public static readonly Metric ProcrustesAngle = new(
        "Procrustes angle", "procrustes_angle", "procrustes_angle", MetricScale.Radians, MetricDirection.LowerIsBetter, 4, "arccos of the nuclear norm of Xc^T Yc, columns centred and each scaled to unit Frobenius norm (Williams et al. 2021, netrep); radians, lower = more similar", null);

    /// <summary>The eight metrics of a cell in the papers' column order: Rank-1/5/10, mAP, AUC, EER, TMR@FMR 1 % and 0.1 %.</summary>
    public static IReadOnlyList<Metric> Table { get; } = Array.AsReadOnly([Rank1, Rank5, Rank10, MeanAveragePrecision, Auc, Eer, TmrAtFmr1, TmrAtFmr01]);

    /// <summary>The identification metrics with a per-query value (Rank-k and mAP): those a bootstrap over identities can resample.</summary>
    public static IReadOnlyList<Metric> PerQuery { get; } = Array.AsReadOnly([Rank1, Rank5, Rank10, MeanAveragePrecision]);

    /// <summary>The representation-similarity measures of a cell (its similarity, <c>study --similarity</c>), in this order.</summary>
    public static IReadOnlyList<Metric> Similarity { get; } = Array.AsReadOnly([CkaUnbiased, CkaBiased, MutualKnn, ProcrustesAngle]);

    /// <summary>The metric whose CSV or JSON key is <paramref name="key"/> (either spelling, ordinal, case-insensitive).</summary>
    public static Metric? FindByKey(string key) =>
        Table.Concat([Dsys]).Concat(Similarity).FirstOrDefault(m => string.Equals(m.CsvKey, key, StringComparison.OrdinalIgnoreCase) || string.Equals(m.JsonKey, key, StringComparison.OrdinalIgnoreCase));

    private static Metric RankK(int k, Func<CellMetrics, double> value) =>
        new($"Rank-{k}", $"rank{k}", $"rank{k}", MetricScale.Percent, MetricDirection.HigherIsBetter, 2, $"share (%) of queries whose first relevant gallery row is among the {k} best-scored", value, k);
}
