using FaceCompat.Randomness;

namespace FaceCompat.Statistics;

/// <summary>
/// 95% percentile bootstrap intervals over identities for Rank-1/5/10 and mAP from a cell's
/// per-query outcomes: identities are resampled with replacement (SplitMix64 stream, seeded),
/// each drawn identity contributes all its queries.
/// </summary>
public static class IdentityBootstrap
{
    public readonly record struct Interval(double Low, double High, int Identities, int Replicates);

    /// <summary>metric: 0 Rank-1, 1 Rank-5, 2 Rank-10 (percent), 3 mAP (0..1).</summary>
    public static Interval Run(IReadOnlyList<QueryRecord> queries, int metric, int replicates = 1000, ulong seed = 12345)
    {
        var groups = queries.GroupBy(q => q.Identity, StringComparer.Ordinal)
            .Select(g => (Sum: g.Sum(q => Value(q, metric)), Count: g.Count()))
            .ToArray();
        int m = groups.Length;
        var stats = new double[replicates];
        var rng = new SplitMix64(seed);
        for (int r = 0; r < replicates; r++)
        {
            double sum = 0;
            long count = 0;
            for (int i = 0; i < m; i++)
            {
                var g = groups[(int)rng.NextBelow((ulong)m)];
                sum += g.Sum;
                count += g.Count;
            }

            stats[r] = sum / count;
        }

        Array.Sort(stats);
        return new Interval(Quantile(stats, 0.025), Quantile(stats, 0.975), m, replicates);
    }

    private static double Value(QueryRecord q, int metric) => metric switch
    {
        0 => q.Rank <= 1 ? 100 : 0,
        1 => q.Rank <= 5 ? 100 : 0,
        2 => q.Rank <= 10 ? 100 : 0,
        3 => q.AveragePrecision,
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };

    private static double Quantile(double[] sorted, double p)
    {
        double pos = p * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((pos - lo) * (sorted[hi] - sorted[lo]));
    }
}
