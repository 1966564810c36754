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

    /// <summary>Rank-1 identification rate (%).</summary>
    public static readonly Metric Rank1 = RankK(1, m => m.Rank1);

    /// <summary>Rank-5 identification rate (%).</summary>
    public static readonly Metric Rank5 = RankK(5, m => m.Rank5);

    /// <summary>Rank-10 identification rate (%).</summary>
    public static readonly Metric Rank10 = RankK(10, m => m.Rank10);

    /// <summary>Mean average precision, 0..1.</summary>
    public static readonly Metric MeanAveragePrecision = new(
        "mAP", "mAP", "map", MetricScale.Fraction, MetricDirection.HigherIsBetter, 4, "mean over queries of the average precision of the query's relevant gallery rows", m => m.MeanAveragePrecision);

    /// <summary>Verification ROC AUC, 0..1.</summary>
    public static readonly Metric Auc = new(
        "AUC", "AUC", "auc", MetricScale.Fraction, MetricDirection.HigherIsBetter, 4, "area under the ROC curve of genuine vs impostor scores (ties count one half)", m => m.Auc);

    /// <summary>Equal error rate (%), lower is better.</summary>
    public static readonly Metric Eer = new(
        "EER", "EER", "eer", MetricScale.Percent, MetricDirection.LowerIsBetter, 2, "equal error rate: (FMR + FNMR) / 2 at the first threshold minimising |FMR - FNMR|", m => m.Eer);

    /// <summary>TMR (%) at FMR 1%.</summary>
    public static readonly Metric TmrAtFmr1 = new(
        "TMR@FMR=1%", "TMR@FMR=1%", "tmr_fmr1", MetricScale.Percent, MetricDirection.HigherIsBetter, 2, "true match rate at the smallest threshold with FMR <= 1 %", m => m.TmrAtFmr1);

    /// <summary>TMR (%) at FMR 0.1%.</summary>
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

    /// <summary>FNIR at FPIR 0.3 % (NIST FRTE 1:N, candidate list of length R; docs/metrics.md, Open-set identification); it lives in a cell's open-set part.</summary>
    public static readonly Metric FnirAtFpir03 = Fnir("0.3", "fnir_fpir03", "share (%) of mated searches whose mate is not returned (score < T or rank > R) at the smallest threshold T with FPIR <= 0.3 %");

    /// <summary>FNIR at FPIR 1 %.</summary>
    public static readonly Metric FnirAtFpir1 = Fnir("1", "fnir_fpir1", "share (%) of mated searches whose mate is not returned (score < T or rank > R) at the smallest threshold T with FPIR <= 1 %");

    /// <summary>FNIR at FPIR 10 %.</summary>
    public static readonly Metric FnirAtFpir10 = Fnir("10", "fnir_fpir10", "share (%) of mated searches whose mate is not returned (score < T or rank > R) at the smallest threshold T with FPIR <= 10 %");

    /// <summary>FNIR at rank 1 with no threshold (NIST's T = 0).</summary>
    public static readonly Metric FnirRank1 = new(
        "FNIR(R=1,T=0)", "fnir_rank1", "fnir_rank1", MetricScale.Percent, MetricDirection.LowerIsBetter, 2, "share (%) of mated searches whose mate is not the top candidate (ties to the mate), no threshold", null);

    /// <summary>FNIR at rank R (the open-set candidate-list length) with no threshold.</summary>
    public static readonly Metric FnirRankR = new(
        "FNIR(R,T=0)", "fnir_rankR", "fnir_rankr", MetricScale.Percent, MetricDirection.LowerIsBetter, 2, "share (%) of mated searches whose mate is not among the R best candidates (ties to the mate), no threshold", null);

    /// <summary>
    /// Hubness of a cell's gallery (Radovanović et al. 2010): the skewness of the k-occurrence N_k of the
    /// target-space test templates among the mapped queries' k nearest (cosine), k = the cell's
    /// <c>scoring_k</c> (10 by default; docs/metrics.md, Hubness). Recorded with <c>--scoring csls</c> or
    /// <c>--hubness</c>; it lives in a cell's metrics.
    /// </summary>
    public static readonly Metric HubnessSkew = new(
        "N_k skewness", "hubness_skew", "hubness_skew", MetricScale.Number, MetricDirection.LowerIsBetter, 3, "skewness (population moments) of the gallery's k-occurrence N_k, the number of queries having a template among their k nearest (cosine); > 0 = hubs, lower = less hubness", m => m.HubnessSkew);

    /// <summary>The hubness metrics of a cell (<c>--scoring csls</c> or <c>--hubness</c>), in this order.</summary>
    public static IReadOnlyList<Metric> Hubness { get; } = Array.AsReadOnly([HubnessSkew]);

    /// <summary>The open-set identification metrics of a cell (its open-set part), in this order.</summary>
    public static IReadOnlyList<Metric> OpenSet { get; } = Array.AsReadOnly([FnirAtFpir03, FnirAtFpir1, FnirAtFpir10, FnirRank1, FnirRankR]);

    /// <summary>The eight metrics of a cell in the papers' column order: Rank-1/5/10, mAP, AUC, EER, TMR@FMR 1 % and 0.1 %.</summary>
    public static IReadOnlyList<Metric> Table { get; } = Array.AsReadOnly([Rank1, Rank5, Rank10, MeanAveragePrecision, Auc, Eer, TmrAtFmr1, TmrAtFmr01]);

    /// <summary>The identification metrics with a per-query value (Rank-k and mAP): those a bootstrap over identities can resample.</summary>
    public static IReadOnlyList<Metric> PerQuery { get; } = Array.AsReadOnly([Rank1, Rank5, Rank10, MeanAveragePrecision]);

    /// <summary>The representation-similarity measures of a cell (its similarity, <c>study --similarity</c>), in this order.</summary>
    public static IReadOnlyList<Metric> Similarity { get; } = Array.AsReadOnly([CkaUnbiased, CkaBiased, MutualKnn, ProcrustesAngle]);

    /// <summary>The metric whose CSV or JSON key is <paramref name="key"/> (either spelling, ordinal, case-insensitive).</summary>
    public static Metric? FindByKey(string key) =>
        Table.Concat([Dsys]).Concat(Similarity).Concat(OpenSet).Concat(Hubness).FirstOrDefault(m => string.Equals(m.CsvKey, key, StringComparison.OrdinalIgnoreCase) || string.Equals(m.JsonKey, key, StringComparison.OrdinalIgnoreCase));

    private static Metric Fnir(string fpir, string key, string definition) =>
        new($"FNIR@FPIR={fpir}%", $"FNIR@FPIR={fpir}%", key, MetricScale.Percent, MetricDirection.LowerIsBetter, 2, definition, null);

    private static Metric RankK(int k, Func<CellMetrics, double> value) =>
        new($"Rank-{k}", $"rank{k}", $"rank{k}", MetricScale.Percent, MetricDirection.HigherIsBetter, 2, $"share (%) of queries whose first relevant gallery row is among the {k} best-scored", value, k);
}
