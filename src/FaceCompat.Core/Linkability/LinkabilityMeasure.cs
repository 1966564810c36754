namespace FaceCompat.Linkability;

/// <summary>
/// Gomez-Barrero et al.'s linkability (IEEE TIFS 13(6), 2018, "General framework to evaluate
/// unlinkability in biometric template protection systems") from mated and non-mated score
/// histograms over the same bins.
/// <para>
/// Local measure at score s: D(s) = 2 w LR(s) / (1 + w LR(s)) - 1 where w LR(s) &gt; 1, else 0, with
/// LR = p(s | mated) / p(s | non-mated) (the histograms' densities) and w the prior ratio
/// P(mated) / P(non-mated); a bin with mated but no non-mated scores has D = 1. Global measure
/// D_sys = integral of p(s | mated) D(s) ds, in [0, 1]: 0 when no score tells mated from non-mated
/// pairs, 1 when every mated score lies where no non-mated one does.
/// </para>
/// <para>
/// <see cref="LinkabilityResult.Dsys"/> is that integral over the histogram density exactly,
/// sum over bins of (mated share in the bin) D. The authors' published script integrates
/// D p(s | mated) with the trapezoid rule over the bin centres instead, which drops half of the
/// first and last bins (a perfectly separated set whose mated scores all fall in the top bin gets
/// 0.5); that figure is <see cref="LinkabilityResult.DsysTrapezoid"/>, for comparison with
/// published numbers. The script's bins: K = min(floor(mated / 10), 100) equal bins from the lowest
/// to the highest score of both sets (<see cref="BinCount"/>).
/// </para>
/// </summary>
public static class LinkabilityMeasure
{
    /// <summary>The published script's bin count: min(floor(mated / 10), 100); at least 10 mated scores are needed.</summary>
    public static int BinCount(long matedScores)
    {
        if (matedScores < 10)
        {
            throw new ArgumentOutOfRangeException(nameof(matedScores), matedScores, "Linkability needs at least 10 mated scores (identities with two or more images).");
        }

        return (int)Math.Min(matedScores / 10, 100);
    }

    /// <summary>Linkability of two score lists, with the published script's bins.</summary>
    public static LinkabilityResult FromScores(ReadOnlySpan<float> mated, ReadOnlySpan<float> nonMated, double omega = 1.0)
    {
        if (nonMated.IsEmpty)
        {
            throw new ArgumentException("Linkability needs at least one non-mated score.", nameof(nonMated));
        }

        int bins = BinCount(mated.Length);
        float low = Math.Min(System.Numerics.Tensors.TensorPrimitives.Min(mated), System.Numerics.Tensors.TensorPrimitives.Min(nonMated));
        float high = Math.Max(System.Numerics.Tensors.TensorPrimitives.Max(mated), System.Numerics.Tensors.TensorPrimitives.Max(nonMated));
        if (!(high > low))
        {
            return Degenerate(mated.Length, nonMated.Length, low, bins);
        }

        var m = new ScoreHistogram(low, high, bins);
        var n = m.EmptyCopy();
        m.Add(mated);
        n.Add(nonMated);
        return FromHistograms(m, n, omega);
    }

    /// <summary>Linkability of two histograms over the same bins.</summary>
    /// <param name="omega">Prior ratio P(mated) / P(non-mated), positive; 1 when unknown.</param>
    public static LinkabilityResult FromHistograms(ScoreHistogram mated, ScoreHistogram nonMated, double omega = 1.0)
    {
        ArgumentNullException.ThrowIfNull(mated);
        ArgumentNullException.ThrowIfNull(nonMated);
        if (mated.Bins != nonMated.Bins)
        {
            throw new ArgumentException("Linkability needs mated and non-mated scores over the same bins.", nameof(nonMated));
        }

        return FromCounts(mated.Counts, nonMated.Counts, mated.Edges, omega);
    }

    /// <summary>Linkability of mated and non-mated counts over the bins between <paramref name="edges"/>.</summary>
    internal static LinkabilityResult FromCounts(ReadOnlySpan<long> mated, ReadOnlySpan<long> nonMated, ReadOnlySpan<double> edges, double omega)
    {
        (long matedTotal, long nonMatedTotal) = Totals(mated, nonMated, omega);
        int bins = mated.Length;
        double[] centres = new double[bins];
        double[] matedDensity = new double[bins];
        double[] nonMatedDensity = new double[bins];
        double[] local = new double[bins];
        for (int k = 0; k < bins; k++)
        {
            double width = edges[k + 1] - edges[k];
            centres[k] = (edges[k + 1] + edges[k]) / 2;
            matedDensity[k] = mated[k] / (double)matedTotal / width;
            nonMatedDensity[k] = nonMated[k] / (double)nonMatedTotal / width;
            local[k] = Local(matedDensity[k], nonMatedDensity[k], omega);
        }

        double trapezoid = 0;
        for (int k = 0; k + 1 < bins; k++)
        {
            trapezoid += (centres[k + 1] - centres[k]) * ((local[k] * matedDensity[k]) + (local[k + 1] * matedDensity[k + 1])) / 2;
        }

        return new LinkabilityResult
        {
            Dsys = DsysOf(mated, nonMated, edges, omega),
            DsysTrapezoid = trapezoid,
            Omega = omega,
            Mated = matedTotal,
            NonMated = nonMatedTotal,
            Centres = centres,
            MatedDensity = matedDensity,
            NonMatedDensity = nonMatedDensity,
            Local = local,
        };
    }

    /// <summary>D_sys alone: sum over bins of (mated share) D, with D from the bins' densities (the bootstrap's inner loop).</summary>
    internal static double DsysOf(ReadOnlySpan<long> mated, ReadOnlySpan<long> nonMated, ReadOnlySpan<double> edges, double omega)
    {
        (long matedTotal, long nonMatedTotal) = Totals(mated, nonMated, omega);
        double dsys = 0;
        for (int k = 0; k < mated.Length; k++)
        {
            double width = edges[k + 1] - edges[k];
            double local = Local(mated[k] / (double)matedTotal / width, nonMated[k] / (double)nonMatedTotal / width, omega);
            dsys += mated[k] / (double)matedTotal * local;
        }

        return dsys;
    }

    private static (long Mated, long NonMated) Totals(ReadOnlySpan<long> mated, ReadOnlySpan<long> nonMated, double omega)
    {
        if (!(omega > 0) || !double.IsFinite(omega))
        {
            throw new ArgumentOutOfRangeException(nameof(omega), omega, "The prior ratio must be a positive number.");
        }

        long m = 0, n = 0;
        foreach (long c in mated)
        {
            m += c;
        }

        foreach (long c in nonMated)
        {
            n += c;
        }

        if (m == 0 || n == 0 || mated.Length != nonMated.Length)
        {
            throw new ArgumentException("Linkability needs mated and non-mated scores over the same bins.", nameof(nonMated));
        }

        return (m, n);
    }

    /// <summary>D(s) of one bin from its two densities.</summary>
    private static double Local(double matedDensity, double nonMatedDensity, double omega)
    {
        if (nonMatedDensity == 0)
        {
            return matedDensity > 0 ? 1.0 : 0.0;
        }

        double ratio = omega * matedDensity / nonMatedDensity;
        return ratio > 1 ? (2 * ratio / (1 + ratio)) - 1 : 0.0;
    }

    /// <summary>Every score equal: nothing separates the two sets.</summary>
    private static LinkabilityResult Degenerate(long mated, long nonMated, float score, int bins) => new()
    {
        Dsys = 0,
        DsysTrapezoid = 0,
        Omega = 1,
        Mated = mated,
        NonMated = nonMated,
        Centres = Enumerable.Repeat((double)score, bins).ToArray(),
        MatedDensity = new double[bins],
        NonMatedDensity = new double[bins],
        Local = new double[bins],
    };
}
