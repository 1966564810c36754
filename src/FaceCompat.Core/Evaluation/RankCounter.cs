using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;

namespace FaceCompat.Evaluation;

/// <summary>
/// Identification for one query row by counting, never sorting the row (PROTOCOL.md,
/// Identification): rank(j) = 1 + #{g : s_g &gt; s_j} for each relevant j; the best relevant rank;
/// AP = mean over relevant j of (1 + #{relevant r : s_r &gt; s_j}) / rank(j). Ties count as not
/// above (strictly greater), so tied rows share the better rank.
/// </summary>
internal static class RankCounter
{
    private const int VectorisedThresholds = 12;

    /// <param name="row">The query's scores against every gallery row.</param>
    /// <param name="relevant">Gallery rows of the query's identity (at least one).</param>
    /// <param name="thresholds">Scratch of at least relevant.Length.</param>
    /// <param name="above">Scratch of at least relevant.Length + 1.</param>
    /// <param name="excludedColumn">A gallery column left out of the ranking (the query's own image), or -1.</param>
    public static (int FirstRank, double AveragePrecision) Rank(ReadOnlySpan<float> row, ReadOnlySpan<int> relevant, Span<float> thresholds, Span<long> above, int excludedColumn = -1)
    {
        int m = relevant.Length;
        Span<float> t = thresholds[..m];
        for (int k = 0; k < m; k++)
        {
            t[k] = row[relevant[k]];
        }

        t.Sort();
        Span<long> countAbove = above[..m];
        if (m <= VectorisedThresholds)
        {
            for (int k = 0; k < m; k++)
            {
                countAbove[k] = k > 0 && t[k] == t[k - 1] ? countAbove[k - 1] : CountGreater(row, t[k]);
            }
        }
        else
        {
            CountAboveBySearch(row, t, above[..(m + 1)]);
        }

        if (excludedColumn >= 0)
        {
            float own = row[excludedColumn];
            for (int k = 0; k < m; k++)
            {
                if (own > t[k])
                {
                    countAbove[k]--;
                }
            }
        }

        int firstRank = (int)Math.Min(int.MaxValue, 1 + countAbove[m - 1]);
        double apSum = 0;
        for (int k = 0; k < m; k++)
        {
            int relevantAbove = m - SortedSearch.UpperBound(t, t[k]);
            apSum += (1.0 + relevantAbove) / (1.0 + countAbove[k]);
        }

        return (firstRank, apSum / m);
    }

    /// <summary>Number of values strictly greater than <paramref name="threshold"/> (NaN is never greater).</summary>
    public static long CountGreater(ReadOnlySpan<float> values, float threshold)
    {
        long count = 0;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<float>.Count)
        {
            var t = Vector256.Create(threshold);
            var acc = Vector256<int>.Zero;
            ReadOnlySpan<Vector256<float>> vectors = MemoryMarshal.Cast<float, Vector256<float>>(values);
            for (int v = 0; v < vectors.Length; v++)
            {
                // A true lane is all ones (-1): subtracting counts it. A lane counts at most
                // values.Length / 8 &lt; 2^31 times, so it cannot overflow.
                acc -= Vector256.GreaterThan(vectors[v], t).AsInt32();
            }

            count = Vector256.Sum(acc);
            i = vectors.Length * Vector256<float>.Count;
        }

        for (; i < values.Length; i++)
        {
            if (values[i] > threshold)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// counts[k] = #{s in row : s &gt; t[k]} for sorted t, by one binary search per value above t[0]
    /// (found eight at a time by a vector compare; most of a row lies below every relevant score).
    /// </summary>
    private static void CountAboveBySearch(ReadOnlySpan<float> row, ReadOnlySpan<float> t, Span<long> counts)
    {
        // First counts[p] = number of values with exactly p thresholds strictly below them;
        // s > t[k] <=> at least k + 1 thresholds are below s, so the answer is a suffix sum.
        int m = t.Length;
        counts.Clear();
        int i = 0;
        long searched = 0;
        if (Vector256.IsHardwareAccelerated && row.Length >= Vector256<float>.Count)
        {
            var lowest = Vector256.Create(t[0]);
            ref float row0 = ref MemoryMarshal.GetReference(row);
            for (; i <= row.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                uint above = Vector256.GreaterThan(Vector256.LoadUnsafe(ref row0, (nuint)i), lowest).ExtractMostSignificantBits();
                while (above != 0)
                {
                    int lane = System.Numerics.BitOperations.TrailingZeroCount(above);
                    counts[SortedSearch.LowerBound(t, row[i + lane])]++;
                    searched++;
                    above &= above - 1;
                }
            }

            // Every other value of the vector part is at or below t[0] (or NaN): no threshold below it.
            counts[0] += i - searched;
        }

        for (; i < row.Length; i++)
        {
            counts[SortedSearch.LowerBound(t, row[i])]++;
        }

        long suffix = 0;
        long next = counts[m];
        for (int k = m - 1; k >= 0; k--)
        {
            suffix += next;
            next = counts[k];
            counts[k] = suffix;
        }
    }
}
