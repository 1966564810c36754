namespace FaceCompat.Linkability;

/// <summary>
/// Linkability of one set of mated and non-mated scores (<see cref="LinkabilityMeasure"/>):
/// the global measure and, per bin, the densities and the local measure D(s) for plotting.
/// </summary>
public sealed record LinkabilityResult
{
    /// <summary>D_sys in [0, 1]: the mated density's integral of D(s) over the histogram, exactly.</summary>
    public required double Dsys { get; init; }

    /// <summary>D_sys as the authors' script computes it (trapezoid rule over bin centres), for comparison with published figures.</summary>
    public required double DsysTrapezoid { get; init; }

    /// <summary>Lower end of the 95 % bootstrap interval of <see cref="Dsys"/> over source identities (normal, from the resamples' spread; see <see cref="LinkabilityBootstrap"/>); null when not bootstrapped.</summary>
    public double? DsysLower { get; init; }

    /// <summary>Upper end of that interval.</summary>
    public double? DsysUpper { get; init; }

    /// <summary>Bootstrap resamples behind the interval (0: none).</summary>
    public int Bootstrap { get; init; }

    /// <summary>The prior ratio P(mated) / P(non-mated) used.</summary>
    public required double Omega { get; init; }

    /// <summary>Mated (same-identity) score pairs.</summary>
    public required long Mated { get; init; }

    /// <summary>Non-mated score pairs.</summary>
    public required long NonMated { get; init; }

    /// <summary>Bin centres (scores), ascending.</summary>
    public required double[] Centres { get; init; }

    /// <summary>p(s | mated) per bin (a density: it integrates to 1 over the bins).</summary>
    public required double[] MatedDensity { get; init; }

    /// <summary>p(s | non-mated) per bin.</summary>
    public required double[] NonMatedDensity { get; init; }

    /// <summary>D(s) per bin, in [0, 1].</summary>
    public required double[] Local { get; init; }
}
