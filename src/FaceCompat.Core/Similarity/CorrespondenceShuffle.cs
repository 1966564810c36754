using FaceCompat.Randomness;

namespace FaceCompat.Similarity;

/// <summary>
/// Shuffled correspondences for the permutation null: a Fisher-Yates shuffle driven by SplitMix64
/// (for i = N-1 down to 1: j = NextBelow(i + 1), swap p[i] and p[j]); row i of X is then paired with row
/// p[i] of Y. The permutations of one seed are drawn one after another from one stream.
/// </summary>
internal static class CorrespondenceShuffle
{
    public static int[] Next(int n, ref SplitMix64 random)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = i;
        }

        for (int i = n - 1; i > 0; i--)
        {
            int j = (int)random.NextBelow((ulong)(i + 1));
            (p[i], p[j]) = (p[j], p[i]);
        }

        return p;
    }

    public static int[] Inverse(int[] permutation)
    {
        var inverse = new int[permutation.Length];
        for (int i = 0; i < permutation.Length; i++)
        {
            inverse[permutation[i]] = i;
        }

        return inverse;
    }
}
