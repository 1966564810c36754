using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    /// (most of a row lies below every relevant score: eight values at a time are passed over with
    /// one vector compare). With AVX2 the search runs on eight values at once (gathers).
    /// </summary>
    private static void CountAboveBySearch(ReadOnlySpan<float> row, ReadOnlySpan<float> t, Span<long> counts)
    {
        // First counts[p] = number of values with exactly p thresholds strictly below them;
        // s > t[k] <=> at least k + 1 thresholds are below s, so the answer is a suffix sum.
        int m = t.Length;
        counts.Clear();
        int i = 0;
        if (Avx2.IsSupported && row.Length >= Vector256<float>.Count)
        {
            i = CountBelowEightAtATime(row, t, counts);
        }
        else if (Vector256.IsHardwareAccelerated && row.Length >= Vector256<float>.Count)
        {
            long searched = 0;
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

    /// <summary>
    /// counts[#{k : t[k] &lt; s}]++ for the values of whole vectors of <paramref name="row"/>; returns how
    /// many values it covered. The branch-free search (pos += step while t[pos + step - 1] &lt; s) runs on
    /// eight lanes with a gather per step over t padded with +infinity to 2^j - 1 entries; NaN compares
    /// false everywhere and lands at 0, as in <see cref="SortedSearch.LowerBound"/>.
    /// </summary>
    private static unsafe int CountBelowEightAtATime(ReadOnlySpan<float> row, ReadOnlySpan<float> t, Span<long> counts)
    {
        int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)t.Length + 1);
        float[]? rented = size > 2048 ? System.Buffers.ArrayPool<float>.Shared.Rent(size) : null;
        Span<float> padded = rented ?? stackalloc float[size];
        t.CopyTo(padded);
        padded[t.Length..].Fill(float.PositiveInfinity);
        int vectors = row.Length / Vector256<float>.Count;
        long atOrBelowLowest = 0;
        Span<int> lanes = stackalloc int[Vector256<int>.Count];
        try
        {
            fixed (float* table = padded)
            fixed (float* values = row)
            {
                Vector256<float> lowest = Vector256.Create(t[0]);
                for (int v = 0; v < vectors; v++)
                {
                    Vector256<float> s = Avx.LoadVector256(values + (v * Vector256<float>.Count));
                    if (Vector256.GreaterThanAny(s, lowest) is false)
                    {
                        atOrBelowLowest += Vector256<float>.Count;
                        continue;
                    }

                    Vector256<int> pos = Vector256<int>.Zero;
                    for (int step = size >> 1; step >= 1; step >>= 1)
                    {
                        Vector256<float> probe = Avx2.GatherVector256(table, pos + Vector256.Create(step - 1), 4);
                        pos += Vector256.LessThan(probe, s).AsInt32() & Vector256.Create(step);
                    }

                    pos.CopyTo(lanes);
                    foreach (int p in lanes)
                    {
                        counts[p]++;
                    }
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<float>.Shared.Return(rented);
            }
        }

        counts[0] += atOrBelowLowest;
        return vectors * Vector256<float>.Count;
    }
}
