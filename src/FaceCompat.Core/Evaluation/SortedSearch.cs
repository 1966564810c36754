namespace FaceCompat.Evaluation;

/// <summary>Counts in an ascending span by binary search (branch-free halving: one conditional move per step).</summary>
internal static class SortedSearch
{
    /// <summary>Number of elements strictly less than <paramref name="value"/>.</summary>
    public static int LowerBound(ReadOnlySpan<float> sorted, float value)
    {
        int n = sorted.Length;
        if (n == 0)
        {
            return 0;
        }

        int start = 0;
        while (n > 1)
        {
            int half = n >>> 1;
            start = sorted[start + half] < value ? start + half : start;
            n -= half;
        }

        return start + (sorted[start] < value ? 1 : 0);
    }

    /// <summary>Number of elements less than or equal to <paramref name="value"/>.</summary>
    public static int UpperBound(ReadOnlySpan<float> sorted, float value)
    {
        int n = sorted.Length;
        if (n == 0)
        {
            return 0;
        }

        int start = 0;
        while (n > 1)
        {
            int half = n >>> 1;
            start = sorted[start + half] <= value ? start + half : start;
            n -= half;
        }

        return start + (sorted[start] <= value ? 1 : 0);
    }
}
