using FaceCompat.Alignment;

namespace FaceCompat.Audit;

/// <summary>
/// Percentile-bootstrap interval of D_sys over the identities of the source records: each resample
/// draws as many identities as there are, with replacement (a SplitMix64 stream from the seed, so the
/// interval is reproducible), counts every pair of a drawn identity's records once per draw, and
/// recomputes D_sys on the fixed bins. The target records stay fixed (a subjects bootstrap of the
/// probe side, as in Bolle et al.'s subsets bootstrap); the bins are those of the full data.
/// </summary>
internal static class LinkabilityBootstrap
{
    public static (double Lower, double Upper) Interval(IdentityBinCounts counts, double omega, int resamples, ulong seed)
    {
        int g = counts.Identities;
        int[] weights = new int[g];
        double[] values = new double[resamples];
        var stream = new SplitMix64(seed ^ 0xB0075754A9UL);
        for (int r = 0; r < resamples; r++)
        {
            Array.Clear(weights);
            for (int i = 0; i < g; i++)
            {
                weights[(int)(stream.Next() % (ulong)g)]++;
            }

            (long[] mated, long[] nonMated) = counts.Weighted(weights);
            // A resample without any mated (or non-mated) pair has no D_sys; it counts as 0 (no evidence).
            values[r] = mated.Any(c => c > 0) && nonMated.Any(c => c > 0) ? LinkabilityMeasure.DsysOf(mated, nonMated, counts.Bins.Edges, omega) : 0;
        }

        Array.Sort(values);
        return (Percentile(values, 0.025), Percentile(values, 0.975));
    }

    /// <summary>Linear interpolation between order statistics (NumPy's default percentile).</summary>
    internal static double Percentile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
