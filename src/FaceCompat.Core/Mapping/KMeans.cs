using FaceCompat.Data;
using FaceCompat.LinearAlgebra;
using FaceCompat.Randomness;

namespace FaceCompat.Mapping;

/// <summary>
/// Lloyd's k-means on float64 rows with k-means++ seeding (Arthur and Vassilvitskii 2007) drawn from a
/// SplitMix64 stream: the same rows, k and seed give the same centroids on every machine and thread count.
/// Rules: a row joins the nearest centroid by squared Euclidean distance, the lower index on a tie; a
/// cluster that loses every row keeps its previous centroid; Lloyd stops when no assignment changes or
/// after <c>iterations</c> rounds.
/// </summary>
internal static class KMeans
{
    /// <summary>The k centroids (k x d, row-major) of <paramref name="rows"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k outside 1..rows, or iterations &lt; 1.</exception>
    public static Matrix<double> Centroids(Matrix<double> rows, int k, ulong seed, int iterations, IDenseKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(kernels);
        int n = rows.Rows, d = rows.Columns;
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, n);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var centroids = Seed(rows, k, seed);
        ReadOnlySpan<double> x = rows.Values;
        double[] scores = new double[n * k];
        int[] assignment = new int[n];
        Array.Fill(assignment, -1);
        double[] centroidNorm = new double[k];
        for (int it = 0; it < iterations; it++)
        {
            kernels.Gemm(false, true, n, k, d, 1.0, x, d, centroids.Values, d, 0.0, scores, k);
            for (int c = 0; c < k; c++)
            {
                centroidNorm[c] = Dot(centroids.Row(c), centroids.Row(c));
            }

            bool changed = false;
            for (int i = 0; i < n; i++)
            {
                // |x - c|^2 = |x|^2 - 2 x.c + |c|^2; |x|^2 is the same for every c.
                int best = 0;
                double bestValue = centroidNorm[0] - (2 * scores[i * k]);
                for (int c = 1; c < k; c++)
                {
                    double v = centroidNorm[c] - (2 * scores[(i * k) + c]);
                    if (v < bestValue)
                    {
                        best = c;
                        bestValue = v;
                    }
                }

                changed |= assignment[i] != best;
                assignment[i] = best;
            }

            if (!changed)
            {
                break;
            }

            Recompute(rows, assignment, centroids);
        }

        return centroids;
    }

    /// <summary>
    /// The centroids of the lowest-inertia run among <paramref name="restarts"/> k-means++ runs (seeds drawn
    /// from <paramref name="seed"/>; the first run on a tie). The global optimum of the inertia does not depend
    /// on the rows' order or on a rotation of the space, so the best of several runs is what two isometric
    /// spaces agree on; single runs stop in different local optima.
    /// </summary>
    public static Matrix<double> BestOf(Matrix<double> rows, int k, ulong seed, int restarts, int iterations, IDenseKernels kernels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(restarts, 1);
        Matrix<double>? best = null;
        double bestInertia = double.PositiveInfinity;
        for (int r = 0; r < restarts; r++)
        {
            Matrix<double> c = Centroids(rows, k, SplitMix64.Mix(seed + (ulong)r), iterations, kernels);
            double inertia = Inertia(rows, c);
            if (inertia < bestInertia)
            {
                (best, bestInertia) = (c, inertia);
            }
        }

        return best!;
    }

    /// <summary>The sum of squared distances of the rows to their nearest centroid.</summary>
    public static double Inertia(Matrix<double> rows, Matrix<double> centroids)
    {
        int[] assignment = Assign(rows, centroids);
        double total = 0;
        for (int i = 0; i < rows.Rows; i++)
        {
            total += SquaredDistance(rows.Row(i), centroids.Row(assignment[i]));
        }

        return total;
    }

    /// <summary>The cluster index of every row under <paramref name="centroids"/> (nearest, lower index on ties).</summary>
    public static int[] Assign(Matrix<double> rows, Matrix<double> centroids)
    {
        int[] result = new int[rows.Rows];
        for (int i = 0; i < rows.Rows; i++)
        {
            int best = 0;
            double bestValue = double.PositiveInfinity;
            for (int c = 0; c < centroids.Rows; c++)
            {
                double v = SquaredDistance(rows.Row(i), centroids.Row(c));
                if (v < bestValue)
                {
                    best = c;
                    bestValue = v;
                }
            }

            result[i] = best;
        }

        return result;
    }

    /// <summary>k-means++: the first centre uniform, each next one with probability proportional to D(x)^2.</summary>
    private static Matrix<double> Seed(Matrix<double> rows, int k, ulong seed)
    {
        int n = rows.Rows;
        var rng = new SplitMix64(seed);
        var centroids = new Matrix<double>(k, rows.Columns);
        double[] nearest = new double[n];
        int first = (int)rng.NextBelow((ulong)n);
        rows.Row(first).CopyTo(centroids.MutableRow(0));
        for (int i = 0; i < n; i++)
        {
            nearest[i] = SquaredDistance(rows.Row(i), rows.Row(first));
        }

        for (int c = 1; c < k; c++)
        {
            double total = 0;
            foreach (double v in nearest)
            {
                total += v;
            }

            int pick;
            if (total > 0)
            {
                double u = (rng.Next() >> 11) * (1.0 / (1UL << 53)) * total;
                pick = n - 1;
                double cumulative = 0;
                for (int i = 0; i < n; i++)
                {
                    cumulative += nearest[i];
                    if (u < cumulative)
                    {
                        pick = i;
                        break;
                    }
                }
            }
            else
            {
                pick = (int)rng.NextBelow((ulong)n); // every row is already a centre: duplicates are harmless
            }

            rows.Row(pick).CopyTo(centroids.MutableRow(c));
            for (int i = 0; i < n; i++)
            {
                nearest[i] = Math.Min(nearest[i], SquaredDistance(rows.Row(i), rows.Row(pick)));
            }
        }

        return centroids;
    }

    private static void Recompute(Matrix<double> rows, int[] assignment, Matrix<double> centroids)
    {
        int k = centroids.Rows, d = centroids.Columns;
        double[] sums = new double[k * d];
        int[] counts = new int[k];
        for (int i = 0; i < rows.Rows; i++)
        {
            int c = assignment[i];
            counts[c]++;
            Span<double> sum = sums.AsSpan(c * d, d);
            ReadOnlySpan<double> row = rows.Row(i);
            for (int j = 0; j < d; j++)
            {
                sum[j] += row[j];
            }
        }

        for (int c = 0; c < k; c++)
        {
            if (counts[c] == 0)
            {
                continue;
            }

            Span<double> target = centroids.MutableRow(c);
            for (int j = 0; j < d; j++)
            {
                target[j] = sums[(c * d) + j] / counts[c];
            }
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    private static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double t = a[i] - b[i];
            s += t * t;
        }

        return s;
    }
}
