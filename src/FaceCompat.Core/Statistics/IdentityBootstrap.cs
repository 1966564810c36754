using FaceCompat.Evaluation;
using FaceCompat.Randomness;

namespace FaceCompat.Statistics;

/// <summary>
/// 95% percentile bootstrap intervals over identities for Rank-1/5/10 and mAP from a cell's
/// per-query outcomes: identities are resampled with replacement (SplitMix64 stream, seeded),
/// each drawn identity contributes all its queries.
/// </summary>
public static class IdentityBootstrap
{
    /// <summary>A 95% percentile interval.</summary>
    /// <param name="Low">The 2.5th percentile of the replicates.</param>
    /// <param name="High">The 97.5th percentile.</param>
    /// <param name="Identities">Identities resampled.</param>
    /// <param name="Replicates">Bootstrap replicates.</param>
    public readonly record struct Interval(double Low, double High, int Identities, int Replicates);

    /// <summary>The interval of <paramref name="metric"/>, one of <see cref="MetricCatalogue.PerQuery"/> (Rank-k in percent, mAP in 0..1).</summary>
    public static Interval Run(IReadOnlyList<QueryOutcome> queries, Metric metric, int replicates = 1000, ulong seed = 12345)
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

    /// <summary>The query's share in the metric: 100 or 0 for Rank-k (first relevant row within rank k), its AP for mAP.</summary>
    private static double Value(QueryOutcome q, Metric metric) =>
        metric.CmcRank is int k ? (q.FirstRelevantRank <= k ? 100 : 0)
        : metric == MetricCatalogue.MeanAveragePrecision ? q.AveragePrecision
        : throw new ArgumentOutOfRangeException(nameof(metric), $"{metric.Name} has no per-query value.");

    private static double Quantile(double[] sorted, double p)
    {
        double pos = p * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((pos - lo) * (sorted[hi] - sorted[lo]));
    }
}
