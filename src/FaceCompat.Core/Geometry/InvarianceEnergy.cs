using FaceCompat.Data;
using FaceCompat.Randomness;

namespace FaceCompat.Geometry;

/// <summary>
/// Microscale invariance energy (PROTOCOL.md, GEOMETRY): for each point x, the mean cosine between
/// its attribute vector v(x) and v(y) over up to 100 random points y != x of the same cloud with
/// Euclidean embedding distance d(x, y) &lt;= eps; E = minus the mean of that over points that have
/// at least one such neighbour (NaN when none has). eps = relative scale x the cloud's mean pairwise
/// distance, estimated from up to 10,000 random pairs. -1: aligned field (the model is sensitive
/// to the attribute); about 0: disordered field (the model folds the attribute away).
/// </summary>
public static class InvarianceEnergy
{
    /// <summary>Most neighbours y sampled per point.</summary>
    public const int MaxNeighbours = 100;
    /// <summary>Random pairs behind the mean pairwise distance of a cloud.</summary>
    public const int DistancePairs = 10_000;

    /// <param name="embeddings">Points (rows) in embedding space.</param>
    /// <param name="field">Unit attribute vectors, one row per point (zero rows are skipped).</param>
    /// <param name="clouds">Cloud (identity) code per point.</param>
    /// <param name="relativeScale">eps relative to the mean pairwise distance of each cloud.</param>
    /// <param name="seed">Seed of the SplitMix64 stream that samples pairs and neighbours.</param>
    public static double Compute(Matrix<double> embeddings, Matrix<double> field, int[] clouds, double relativeScale, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(clouds);
        var rng = new SplitMix64(seed);
        double total = 0.0;
        int counted = 0;
        foreach (IGrouping<int, int> group in Enumerable.Range(0, clouds.Length).GroupBy(i => clouds[i]))
        {
            int[] members = group.ToArray();
            if (members.Length < 2)
            {
                continue;
            }

            double eps = relativeScale * MeanPairwiseDistance(embeddings, members, ref rng);
            foreach (int x in members)
            {
                if (!IsNonZero(field.Row(x)))
                {
                    continue;
                }

                int[] candidates = members.Where(y => y != x && IsNonZero(field.Row(y)) && Distance(embeddings.Row(x), embeddings.Row(y)) <= eps).ToArray();
                if (candidates.Length == 0)
                {
                    continue;
                }

                Shuffle(candidates, ref rng);
                int take = Math.Min(MaxNeighbours, candidates.Length);
                double sum = 0.0;
                for (int k = 0; k < take; k++)
                {
                    sum += Cosine(field.Row(x), field.Row(candidates[k]));
                }

                total += sum / take;
                counted++;
            }
        }

        return counted == 0 ? double.NaN : -total / counted;
    }

    private static double MeanPairwiseDistance(Matrix<double> e, int[] members, ref SplitMix64 rng)
    {
        double sum = 0.0;
        int count = 0;
        for (int k = 0; k < DistancePairs; k++)
        {
            int a = members[(int)(rng.Next() % (ulong)members.Length)];
            int b = members[(int)(rng.Next() % (ulong)members.Length)];
            if (a != b)
            {
                sum += Distance(e.Row(a), e.Row(b));
                count++;
            }
        }

        return count == 0 ? 0.0 : sum / count;
    }

    private static void Shuffle(int[] values, ref SplitMix64 rng)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = (int)(rng.Next() % (ulong)(i + 1));
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    private static bool IsNonZero(ReadOnlySpan<double> v)
    {
        foreach (double x in v)
        {
            if (x != 0.0)
            {
                return true;
            }
        }

        return false;
    }

    private static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0.0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            s += d * d;
        }

        return Math.Sqrt(s);
    }

    private static double Cosine(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double ab = 0.0;
        double aa = 0.0;
        double bb = 0.0;
        for (int i = 0; i < a.Length; i++)
        {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }

        return ab / Math.Sqrt(aa * bb);
    }
}
