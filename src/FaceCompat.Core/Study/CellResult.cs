using FaceCompat.Evaluation;
using FaceCompat.Mapping;

namespace FaceCompat.Study;

/// <summary>One evaluated cell: (dataset or fit->eval pair, source, target, method, seed) and its metrics.</summary>
public sealed record CellResult
{
    /// <summary>"intra" or "cross".</summary>
    public required string Protocol { get; init; }

    /// <summary>The evaluation dataset's name.</summary>
    public required string Dataset { get; init; }

    /// <summary>The dataset the map was fitted on (the same as <see cref="Dataset"/> for intra).</summary>
    public required string FitDataset { get; init; }

    /// <summary>The split seed; null for cross-dataset cells (no split).</summary>
    public int? Seed { get; init; }

    /// <summary>The model mapped from.</summary>
    public required string Source { get; init; }

    /// <summary>The model mapped into.</summary>
    public required string Target { get; init; }

    /// <summary>The map method.</summary>
    public required MapMethod Method { get; init; }

    /// <summary>Ridge lambda for ridge cells, else null.</summary>
    public double? Lambda { get; init; }

    /// <summary>Which impostor pairs verification scored.</summary>
    public ImpostorSampling Impostors { get; init; }

    /// <summary>Identities the map was fitted on.</summary>
    public int FitIdentities { get; init; }

    /// <summary>
    /// The training-size experiment's limit on fitting identities (<c>study --fit-identities</c>);
    /// null for a full fit. A study folder keeps it in the cell file's name (<c>seed-s.fit-k.json</c>).
    /// </summary>
    public int? FitIdentityLimit { get; init; }

    /// <summary>The cell's task metrics on its test split.</summary>
    public required CellMetrics Metrics { get; init; }

    /// <summary>How the cell was scored (cosine or CSLS, k) and whether it carries the hubness statistic (<see cref="CellMetrics.HubnessSkew"/>).</summary>
    public ScoringOptions Scoring { get; init; } = ScoringOptions.Cosine;

    /// <summary>Template linkability of the cell's test set, when <see cref="ProtocolOptions.LinkabilityOmega"/> asked for it.</summary>
    public Linkability.TemplateLinkability? Linkability { get; init; }

    /// <summary>
    /// Representation similarity of the two models' raw test embeddings (the same for every method of a
    /// work unit), when <see cref="ProtocolOptions.Similarity"/> asked for it (<c>study --similarity</c>).
    /// </summary>
    public FaceCompat.Similarity.SimilarityResult? Similarity { get; init; }

    /// <summary>Seconds the similarity measures took (once per work unit; 0 when not measured).</summary>
    public double SimilaritySeconds { get; init; }

    /// <summary>Open-set identification of the cell's test set (NIST FRTE protocol), when <see cref="ProtocolOptions.OpenSet"/> asked for it.</summary>
    public OpenSetMetrics? OpenSet { get; init; }

    /// <summary>Seconds the open-set search took (0 when not measured).</summary>
    public double OpenSetSeconds { get; init; }

    /// <summary>Seconds spent fitting the map.</summary>
    public double FitSeconds { get; init; }

    /// <summary>Seconds spent evaluating.</summary>
    public double EvalSeconds { get; init; }

    /// <summary>
    /// The cell's value of any catalogue metric: a task metric from <see cref="Metrics"/>, D_sys (other capture) from
    /// <see cref="Linkability"/>, a similarity measure's value from <see cref="Similarity"/>; NaN when the cell does not carry it.
    /// </summary>
    public double ValueOf(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (ReferenceEquals(metric, MetricCatalogue.Dsys))
        {
            return Linkability?.OtherCapture.Dsys ?? double.NaN;
        }

        return MetricCatalogue.Similarity.Contains(metric) ? Similarity?[metric].Value ?? double.NaN : metric.ValueOf(Metrics);
    }
}
