using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FaceCompat.Evaluation;

/// <summary>
/// Impostor scores counted in 2^20 equal bins over [-1.001, 1.001] (width about 1.9e-6, a few
/// float32 rounding steps; the 4 MB count array stays in cache), so memory does not grow with N^2. The bin of a score is monotone
/// in the score, so a bin is a contiguous score interval; scores far outside the range (the
/// sentinel used for genuine pairs) land in one discard bin.
/// </summary>
internal static class ImpostorHistogram
{
    public const int Bins = 1 << 20;

    /// <summary>Index of the discard bin (one past the last real bin).</summary>
    public const int Discard = Bins;

    /// <summary>A value that lands in the discard bin.</summary>
    public const float Sentinel = 8f;

    private const float Offset = 1.001f;
    private const float Scale = Bins / (2 * Offset);

    public static int Bin(float score)
    {
        int b = (int)((score + Offset) * Scale);
        return b < 0 ? 0 : (b > Bins ? Bins : b);
    }

    /// <summary><see cref="Bin(float)"/> of eight scores.</summary>
    private static Vector256<int> Bin(Vector256<float> scores) =>
        Vector256.Min(Vector256.Max(Vector256.ConvertToInt32((scores + Vector256.Create(Offset)) * Vector256.Create(Scale)), Vector256<int>.Zero), Vector256.Create(Bins));

    /// <summary>
    /// Adds the bins of <paramref name="scores"/> to <paramref name="counts"/> and keeps the
    /// scores whose bin lies in one of <paramref name="keep"/> (inclusive ranges).
    /// </summary>
    public static void CountAndKeep(ReadOnlySpan<float> scores, Span<uint> counts, BinRanges keep, List<float> kept)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated && scores.Length >= Vector256<float>.Count)
        {
            var lowest = Vector256.Create(keep.Lowest);
            var highest = Vector256.Create(keep.Highest);
            Span<int> bins = stackalloc int[Vector256<int>.Count];
            ref uint counts0 = ref MemoryMarshal.GetReference(counts);
            for (; i <= scores.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> v = Vector256.Create(scores.Slice(i, Vector256<float>.Count));
                Vector256<int> b = Bin(v);
                b.CopyTo(bins);
                for (int k = 0; k < bins.Length; k++)
                {
                    Unsafe.Add(ref counts0, bins[k])++;
                }

                if (!Vector256.EqualsAll(Vector256.GreaterThanOrEqual(b, lowest) & Vector256.LessThanOrEqual(b, highest), Vector256<int>.Zero))
                {
                    for (int k = 0; k < bins.Length; k++)
                    {
                        if (keep.Contains(bins[k]))
                        {
                            kept.Add(scores[i + k]);
                        }
                    }
                }
            }
        }

        for (; i < scores.Length; i++)
        {
            int b = Bin(scores[i]);
            counts[b]++;
            if (keep.Contains(b))
            {
                kept.Add(scores[i]);
            }
        }
    }

    /// <summary>
    /// Adds the bins of <paramref name="scores"/> to <paramref name="counts"/> and keeps the scores
    /// whose bin is marked (non-zero) in <paramref name="marked"/> (length Bins + 1) into
    /// <paramref name="kept"/> (room for every score); returns how many it kept.
    /// </summary>
    public static int CountAndKeepMarked(ReadOnlySpan<float> scores, Span<uint> counts, ReadOnlySpan<byte> marked, Span<float> kept)
    {
        if (kept.Length < scores.Length)
        {
            throw new ArgumentException("The kept buffer needs room for every score.");
        }

        int filled = 0;
        int i = 0;
        ref uint counts0 = ref MemoryMarshal.GetReference(counts);
        ref byte marked0 = ref MemoryMarshal.GetReference(marked);
        if (counts.Length <= Bins || marked.Length <= Bins)
        {
            throw new ArgumentException("The count and mark tables need Bins + 1 entries.");
        }

        if (Vector256.IsHardwareAccelerated && scores.Length >= Vector256<float>.Count)
        {
            Span<int> bins = stackalloc int[Vector256<int>.Count];
            for (; i <= scores.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> v = Vector256.Create(scores.Slice(i, Vector256<float>.Count));
                Bin(v).CopyTo(bins);
                for (int k = 0; k < bins.Length; k++)
                {
                    // Bins are clamped to [0, Bins] above, inside both tables.
                    int b = bins[k];
                    Unsafe.Add(ref counts0, b)++;
                    if (Unsafe.Add(ref marked0, b) != 0)
                    {
                        kept[filled++] = scores[i + k];
                    }
                }
            }
        }

        for (; i < scores.Length; i++)
        {
            int b = Bin(scores[i]);
            counts[b]++;
            if (marked[b] != 0)
            {
                kept[filled++] = scores[i];
            }
        }

        return filled;
    }

    /// <summary>
    /// Keeps the scores whose bin is marked with <paramref name="mark"/> in <paramref name="marked"/>
    /// (length Bins + 1); every such bin lies in [<paramref name="lowest"/>, <paramref name="highest"/>],
    /// so eight scores outside that span are passed over with one vector compare. Appends to
    /// <paramref name="kept"/> from <paramref name="filled"/> on and returns the new fill.
    /// </summary>
    public static int KeepMarked(ReadOnlySpan<float> scores, ReadOnlySpan<byte> marked, byte mark, int lowest, int highest, Span<float> kept, int filled)
    {
        if (marked.Length <= Bins)
        {
            throw new ArgumentException("The mark table needs Bins + 1 entries.");
        }

        int i = 0;
        ref byte marked0 = ref MemoryMarshal.GetReference(marked);
        if (Vector256.IsHardwareAccelerated && scores.Length >= Vector256<float>.Count)
        {
            var low = Vector256.Create(lowest);
            var high = Vector256.Create(highest);
            for (; i <= scores.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<int> b = Bin(Vector256.Create(scores.Slice(i, Vector256<float>.Count)));
                uint inSpan = (Vector256.GreaterThanOrEqual(b, low) & Vector256.LessThanOrEqual(b, high)).ExtractMostSignificantBits();
                while (inSpan != 0)
                {
                    int lane = System.Numerics.BitOperations.TrailingZeroCount(inSpan);
                    if (Unsafe.Add(ref marked0, b.GetElement(lane)) == mark)
                    {
                        kept[filled++] = scores[i + lane];
                    }

                    inSpan &= inSpan - 1;
                }
            }
        }

        for (; i < scores.Length; i++)
        {
            if (marked[Bin(scores[i])] == mark)
            {
                kept[filled++] = scores[i];
            }
        }

        return filled;
    }

    /// <summary>Adds the bins of <paramref name="scores"/> to <paramref name="counts"/> (length Bins + 1).</summary>
    public static void Count(ReadOnlySpan<float> scores, Span<uint> counts)
    {
        foreach (float s in scores)
        {
            counts[Bin(s)]++;
        }
    }
}

/// <summary>A few inclusive ranges of bins, with a fast reject outside their span.</summary>
internal sealed class BinRanges
{
    private readonly (int Low, int High)[] _ranges;
    private readonly int _lowest;
    private readonly int _highest;

    public BinRanges(IEnumerable<(int Low, int High)> ranges)
    {
        _ranges = ranges.ToArray();
        _lowest = _ranges.Length == 0 ? int.MaxValue : _ranges.Min(r => r.Low);
        _highest = _ranges.Length == 0 ? int.MinValue : _ranges.Max(r => r.High);
    }

    public int Lowest => _lowest;

    public int Highest => _highest;

    public bool Contains(int bin)
    {
        if (bin < _lowest || bin > _highest)
        {
            return false;
        }

        foreach ((int low, int high) in _ranges)
        {
            if (bin >= low && bin <= high)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether one of the ranges covers all of [low, high].</summary>
    public bool Covers(int low, int high) => _ranges.Any(r => r.Low <= low && high <= r.High);
}
