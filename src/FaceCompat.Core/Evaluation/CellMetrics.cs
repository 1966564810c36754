namespace FaceCompat.Evaluation;

/// <summary>
/// Every number PROTOCOL.md defines for one evaluated cell. Percentages are in 0..100; AUC and
/// mAP in 0..1. <see cref="Cmc"/>[k-1] is the Rank-k rate (%) for k = 1..CMC depth. Names, keys, scales
/// and directions of these numbers: <see cref="MetricCatalogue"/>.
/// </summary>
public sealed record CellMetrics
{
    /// <summary>Rank-1 identification rate (%).</summary>
    public required double Rank1 { get; init; }

    /// <summary>Rank-5 identification rate (%).</summary>
    public required double Rank5 { get; init; }

    /// <summary>Rank-10 identification rate (%).</summary>
    public required double Rank10 { get; init; }

    /// <summary>Mean average precision over queries, 0..1.</summary>
    public required double MeanAveragePrecision { get; init; }

    /// <summary>Area under the ROC curve of genuine against impostor scores, 0..1 (ties count one half).</summary>
    public required double Auc { get; init; }

    /// <summary>EER (%): (FMR + FNMR) / 2 at the first distinct-score threshold minimising |FMR - FNMR|.</summary>
    public required double Eer { get; init; }

    /// <summary>TMR (%) at the smallest threshold with FMR &lt;= 1%.</summary>
    public required double TmrAtFmr1 { get; init; }

    /// <summary>TMR (%) at the smallest threshold with FMR &lt;= 0.1%.</summary>
    public required double TmrAtFmr01 { get; init; }

    /// <summary>Genuine (same-identity) comparisons scored.</summary>
    public required long Genuine { get; init; }

    /// <summary>Impostor (different-identity) comparisons scored.</summary>
    public required long Impostor { get; init; }

    /// <summary>Test images (probe rows).</summary>
    public required int TestImages { get; init; }

    /// <summary>Identities among the test images.</summary>
    public required int TestIdentities { get; init; }

    /// <summary>Rank-k (%) for k = 1..depth (default 50).</summary>
    public required double[] Cmc { get; init; }

    /// <summary>ROC/DET points, FMR ascending, thinned to a few hundred points for plotting.</summary>
    public required RocPoint[] Roc { get; init; }

    /// <summary>
    /// Skewness of the gallery's k-occurrence N_k (<see cref="GalleryNeighbourhoods.KOccurrenceSkewness"/>,
    /// the cosine neighbourhoods, k of <see cref="EvaluationOptions.Scoring"/>); NaN when not measured or not defined.
    /// </summary>
    public double HubnessSkew { get; init; } = double.NaN;

    /// <summary>Per query (test row): identity code, rank of the best relevant gallery row, and its AP. For bootstrap intervals.</summary>
    public QueryOutcome[]? Queries { get; init; }
}

/// <summary>One operating point: threshold, FMR and FNMR as fractions in 0..1.</summary>
public readonly record struct RocPoint(double Threshold, double Fmr, double Fnmr);

/// <summary>
/// What one query scored: its identity (the dataset's identity code as invariant digits, or any
/// label a study folder holds), the rank of its first relevant gallery row, its average precision.
/// </summary>
public readonly record struct QueryOutcome(string Identity, int FirstRelevantRank, double AveragePrecision);
