using FaceCompat.Data;
using FaceCompat.Randomness;

namespace FaceCompat.Evaluation;

/// <summary>
/// The paper's balanced variant (PROTOCOL.md, --impostors balanced): as many distinct impostor
/// pairs i &lt; j as there are genuine pairs (or every impostor pair when there are fewer), drawn
/// uniformly with a SplitMix64 stream seeded by the split seed; score s_ij = q_i . g_j (its CSLS when
/// <c>csls</c> is given).
/// </summary>
internal static class BalancedImpostors
{
    public static float[] Sample(Matrix<float> queries, Matrix<float> gallery, int[] identities, long count, int seed, CslsScores? csls = null)
    {
        int n = identities.Length;
        long sameIdentityPairs = identities.GroupBy(id => id).Sum(g => (long)g.Count() * (g.Count() - 1) / 2);
        long available = ((long)n * (n - 1) / 2) - sameIdentityPairs;
        long target = Math.Min(count, available);
        var stream = new SplitMix64((ulong)(uint)seed);
        var chosen = new HashSet<long>();
        int[] left = new int[target];
        int[] right = new int[target];
        int k = 0;
        while (k < target)
        {
            int a = (int)stream.NextBelow((ulong)n);
            int b = (int)stream.NextBelow((ulong)n);
            if (a == b || identities[a] == identities[b])
            {
                continue;
            }

            (int i, int j) = a < b ? (a, b) : (b, a);
            if (!chosen.Add(((long)i * n) + j))
            {
                continue;
            }

            left[k] = i;
            right[k] = j;
            k++;
        }

        // The draws are sequential (one seeded stream); the scores are computed in parallel.
        var scores = new float[target];
        Parallel.For(0, (int)((target + 4095) / 4096), c =>
        {
            int end = (int)Math.Min(target, (c + 1) * 4096L);
            for (int p = c * 4096; p < end; p++)
            {
                float cosine = Dot(queries.Row(left[p]), gallery.Row(right[p]));
                scores[p] = csls is null ? cosine : csls.Score(left[p], right[p], cosine);
            }
        });

        return scores;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
}
