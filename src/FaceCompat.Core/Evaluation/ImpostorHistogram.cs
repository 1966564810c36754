namespace FaceCompat.Evaluation;

/// <summary>
/// Impostor scores counted in 2^22 equal bins over [-1.001, 1.001] (width about 4.8e-7, the size
/// of float32 scoring noise), so memory does not grow with N^2. The bin of a score is monotone
/// in the score, so a bin is a contiguous score interval; scores far outside the range (the
/// sentinel used for genuine pairs) land in one discard bin.
/// </summary>
internal static class ImpostorHistogram
{
    public const int Bins = 1 << 22;

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

    /// <summary>Adds the bins of <paramref name="scores"/> to <paramref name="counts"/> (length Bins + 1).</summary>
    public static void Count(ReadOnlySpan<float> scores, Span<uint> counts)
    {
        foreach (float s in scores)
        {
            counts[Bin(s)]++;
        }
    }
}
