namespace FaceCompat.Evaluation;

/// <summary>What a cell's probe-gallery pairs are scored with (docs/metrics.md, Hubness).</summary>
public enum ScoringMethod
{
    /// <summary>The cosine of the unit rows (PROTOCOL.md).</summary>
    Cosine,

    /// <summary>Cross-domain similarity local scaling, CSLS(x, y) = 2 cos(x, y) - r_T(x) - r_S(y) (Conneau et al. 2018).</summary>
    Csls,
}

/// <summary>
/// How a cell is scored: the cosine or CSLS with neighbourhood size <see cref="K"/>, and whether the
/// gallery's k-occurrence skewness (the hubness statistic, same k) is recorded. CSLS needs the
/// neighbourhoods anyway, so it always records the skewness; with the cosine it costs one extra pass
/// over the score blocks and is recorded only when <see cref="Hubness"/> asks for it.
/// </summary>
public sealed record ScoringOptions
{
    /// <summary>MUSE's neighbourhood size.</summary>
    public const int DefaultK = 10;

    /// <summary>The largest k the command line accepts (the set sizes bound it further: k &lt;= min(probes, gallery)).</summary>
    public const int MaxK = 100_000;

    /// <summary>Plain cosine scoring, no hubness statistic: what every cell had before CSLS.</summary>
    public static ScoringOptions Cosine { get; } = new();

    /// <summary>The score identification and verification rank and threshold.</summary>
    public ScoringMethod Method { get; init; } = ScoringMethod.Cosine;

    /// <summary>The neighbourhood size of CSLS's r_T, r_S and of the k-occurrence N_k.</summary>
    public int K { get; init; } = DefaultK;

    /// <summary>Record the k-occurrence skewness with cosine scoring too.</summary>
    public bool Hubness { get; init; }

    /// <summary>Whether the cell collects the neighbourhoods (CSLS, or the hubness statistic asked for).</summary>
    public bool CollectsNeighbourhoods => Method == ScoringMethod.Csls || Hubness;

    /// <summary>"cosine" or "csls", as the command line and the study files spell it.</summary>
    public string Name => ToName(Method);

    /// <summary>"cosine" or "csls" for <paramref name="method"/>.</summary>
    public static string ToName(ScoringMethod method) => method == ScoringMethod.Csls ? "csls" : "cosine";

    /// <summary>Parses "cosine" or "csls" (ordinal).</summary>
    public static bool TryParse(string? name, out ScoringMethod method)
    {
        (bool known, method) = name switch
        {
            "cosine" => (true, ScoringMethod.Cosine),
            "csls" => (true, ScoringMethod.Csls),
            _ => (false, ScoringMethod.Cosine),
        };
        return known;
    }
}
