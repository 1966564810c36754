namespace FaceCompat.Study;

/// <summary>
/// Splits an ordered list of work items into contiguous shards of about equal estimated cost.
/// Contiguous keeps neighbouring units (same dataset, seed and source model) together, so a shard
/// reuses what they share; the split depends only on the costs, so every task of an array computes
/// the same partition on its own.
/// </summary>
public static class StudyPartition
{
    /// <summary>
    /// The shard (0..<paramref name="shards"/>-1) of each item: shard i ends at the prefix whose cost
    /// is closest to (i+1)/n of the total (ties: the shorter prefix), with at least one item per shard.
    /// </summary>
    public static int[] Assign(IReadOnlyList<double> costs, int shards)
    {
        ArgumentNullException.ThrowIfNull(costs);
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(shards, costs.Count);
        var prefix = new double[costs.Count + 1];
        for (int j = 0; j < costs.Count; j++)
        {
            prefix[j + 1] = prefix[j] + Math.Max(0, costs[j]);
        }

        var result = new int[costs.Count];
        int start = 0;
        for (int i = 0; i < shards; i++)
        {
            int end = costs.Count;
            if (i < shards - 1)
            {
                double target = prefix[costs.Count] * (i + 1) / shards;
                int last = costs.Count - (shards - 1 - i);
                end = start + 1;
                for (int j = start + 2; j <= last; j++)
                {
                    if (Math.Abs(prefix[j] - target) < Math.Abs(prefix[end] - target))
                    {
                        end = j;
                    }
                }
            }

            for (int j = start; j < end; j++)
            {
                result[j] = i;
            }

            start = end;
        }

        return result;
    }

    /// <summary>The contiguous range [start, end) of <paramref name="shard"/> when <paramref name="count"/> equal-cost items are split.</summary>
    public static (int Start, int End) EqualRange(int count, WorkShard shard)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, shard.Count);
        long start = (long)count * shard.Index / shard.Count, end = (long)count * (shard.Index + 1) / shard.Count;
        return ((int)start, (int)end);
    }
}
