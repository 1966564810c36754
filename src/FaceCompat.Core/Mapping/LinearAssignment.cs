namespace FaceCompat.Mapping;

/// <summary>
/// The minimum-cost perfect matching of a square cost matrix (the Hungarian algorithm with row and column
/// potentials, Kuhn-Munkres in the O(n^3) shortest-augmenting-path form). Deterministic: among equal-cost
/// choices the scan order (lowest column index first) decides.
/// </summary>
internal static class LinearAssignment
{
    /// <summary>For each row i, the column assigned to it; <paramref name="cost"/> is n x n, row-major, finite.</summary>
    /// <exception cref="ArgumentException">The matrix is not square or holds a value that is not finite.</exception>
    public static int[] Minimise(ReadOnlySpan<double> cost, int n)
    {
        if (n < 0 || cost.Length != n * n)
        {
            throw new ArgumentException($"the cost matrix has {cost.Length} values, expected {n} x {n}.", nameof(cost));
        }

        foreach (double c in cost)
        {
            if (!double.IsFinite(c))
            {
                throw new ArgumentException("every cost must be finite.", nameof(cost));
            }
        }

        // 1-based arrays as in the classic formulation: p[j] = row matched to column j (0 = none).
        double[] u = new double[n + 1], v = new double[n + 1], minv = new double[n + 1];
        int[] p = new int[n + 1], way = new int[n + 1];
        bool[] used = new bool[n + 1];
        for (int i = 1; i <= n; i++)
        {
            p[0] = i;
            int j0 = 0;
            Array.Fill(minv, double.PositiveInfinity);
            Array.Fill(used, false);
            do
            {
                used[j0] = true;
                int i0 = p[j0], j1 = 0;
                double delta = double.PositiveInfinity;
                for (int j = 1; j <= n; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    double cur = cost[((i0 - 1) * n) + (j - 1)] - u[i0] - v[j];
                    if (cur < minv[j])
                    {
                        minv[j] = cur;
                        way[j] = j0;
                    }

                    if (minv[j] < delta)
                    {
                        delta = minv[j];
                        j1 = j;
                    }
                }

                for (int j = 0; j <= n; j++)
                {
                    if (used[j])
                    {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minv[j] -= delta;
                    }
                }

                j0 = j1;
            }
            while (p[j0] != 0);

            do
            {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }

        int[] assignment = new int[n];
        for (int j = 1; j <= n; j++)
        {
            assignment[p[j] - 1] = j - 1;
        }

        return assignment;
    }
}
