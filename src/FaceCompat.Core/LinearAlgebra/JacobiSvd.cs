using System.Numerics.Tensors;

namespace FaceCompat.LinearAlgebra;

/// <summary>
/// Managed thin SVD by one-sided Jacobi (Hestenes): columns of A are rotated pairwise until
/// orthogonal; their norms are the singular values. Accurate for small singular values too.
/// Pairs are visited in round-robin order so that each step's rotations are independent and
/// run in parallel with a deterministic result. Left singular vectors of zero singular values
/// are completed to an orthonormal set (Gram-Schmidt on unit vectors), so U V^T is orthogonal.
/// </summary>
internal static class JacobiSvd
{
    private const int MaxSweeps = 60;

    public static void Decompose(int m, int n, ReadOnlySpan<double> a, Span<double> u, Span<double> s, Span<double> vt)
    {
        int r = Math.Min(m, n);
        if (r == 0)
        {
            return;
        }

        if (m >= n)
        {
            // Columns of A as rows of g (n x m).
            double[] g = new double[n * m];
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    g[(j * m) + i] = a[(i * n) + j];
                }
            }

            Tall(m, n, g, u, s, vt);
        }
        else
        {
            // A^T = V S U^T: decompose A^T (n x m, tall) and swap the factors.
            double[] g = a[..(m * n)].ToArray(); // rows of A are the columns of A^T
            double[] uT = new double[n * m];
            double[] vtT = new double[m * m];
            Tall(n, m, g, uT, s, vtT);
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < m; j++)
                {
                    u[(i * m) + j] = vtT[(j * m) + i];
                }
            }

            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    vt[(i * n) + j] = uT[(j * m) + i];
                }
            }
        }
    }

    /// <summary>SVD of the m x n matrix (m &gt;= n) whose columns are the rows of <paramref name="g"/>.</summary>
    private static void Tall(int m, int n, double[] g, Span<double> u, Span<double> s, Span<double> vt)
    {
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            v[(i * n) + i] = 1.0;
        }

        double[] norms = new double[n];
        for (int j = 0; j < n; j++)
        {
            norms[j] = TensorPrimitives.Dot<double>(g.AsSpan(j * m, m), g.AsSpan(j * m, m));
        }

        int players = n + (n & 1);
        for (int sweep = 0; sweep < MaxSweeps; sweep++)
        {
            int rotations = 0;
            for (int round = 0; round < players - 1; round++)
            {
                Parallel.For(0, players / 2, () => 0, (k, _, count) =>
                {
                    (int p, int q) = Pair(players, round, k);
                    return p < n && q < n && Rotate(g, v, norms, m, n, Math.Min(p, q), Math.Max(p, q)) ? count + 1 : count;
                }, count => Interlocked.Add(ref rotations, count));
            }

            if (rotations == 0)
            {
                break;
            }
        }

        int[] order = Enumerable.Range(0, n).OrderByDescending(j => norms[j]).ThenBy(j => j).ToArray();
        double largest = Math.Sqrt(Math.Max(0, norms[order[0]]));
        var basis = new List<double[]>();
        var pending = new List<int>();
        for (int c = 0; c < n; c++)
        {
            int j = order[c];
            double sigma = Math.Sqrt(TensorPrimitives.Dot<double>(g.AsSpan(j * m, m), g.AsSpan(j * m, m)));
            s[c] = sigma;
            for (int k = 0; k < n; k++)
            {
                vt[(c * n) + k] = v[(j * n) + k];
            }

            if (sigma > largest * m * 2.220446049250313e-16 && sigma > 0)
            {
                double[] column = new double[m];
                for (int i = 0; i < m; i++)
                {
                    column[i] = g[(j * m) + i] / sigma;
                }

                basis.Add(column);
                SetColumn(u, n, c, column);
            }
            else
            {
                s[c] = sigma;
                pending.Add(c);
            }
        }

        foreach (int c in pending)
        {
            SetColumn(u, n, c, Complete(basis, m));
        }
    }

    /// <summary>The round-robin (circle method) schedule: pair k of a round.</summary>
    private static (int P, int Q) Pair(int players, int round, int k)
    {
        int Seat(int i) => i == 0 ? 0 : 1 + ((i - 1 + round) % (players - 1));
        return (Seat(k), Seat(players - 1 - k));
    }

    private static bool Rotate(double[] g, double[] v, double[] norms, int m, int n, int p, int q)
    {
        Span<double> gp = g.AsSpan(p * m, m);
        Span<double> gq = g.AsSpan(q * m, m);
        double alpha = norms[p];
        double beta = norms[q];
        double gamma = TensorPrimitives.Dot<double>(gp, gq);
        if (alpha == 0 || beta == 0 || Math.Abs(gamma) <= 1e-15 * Math.Sqrt(alpha * beta))
        {
            return false;
        }

        double zeta = (beta - alpha) / (2 * gamma);
        double t = Math.Sign(zeta) / (Math.Abs(zeta) + Math.Sqrt(1 + (zeta * zeta)));
        if (zeta == 0)
        {
            t = 1;
        }

        double c = 1 / Math.Sqrt(1 + (t * t));
        double sn = c * t;
        Apply(gp, gq, c, sn);
        Apply(v.AsSpan(p * n, n), v.AsSpan(q * n, n), c, sn);
        norms[p] = TensorPrimitives.Dot<double>(gp, gp);
        norms[q] = TensorPrimitives.Dot<double>(gq, gq);
        return true;
    }

    /// <summary>(x, y) &lt;- (c x - s y, s x + c y).</summary>
    private static void Apply(Span<double> x, Span<double> y, double c, double s)
    {
        for (int k = 0; k < x.Length; k++)
        {
            double xk = x[k];
            double yk = y[k];
            x[k] = (c * xk) - (s * yk);
            y[k] = (s * xk) + (c * yk);
        }
    }

    private static double[] Complete(List<double[]> basis, int m)
    {
        for (int e = 0; e < m; e++)
        {
            double[] candidate = new double[m];
            candidate[e] = 1.0;
            for (int pass = 0; pass < 2; pass++)
            {
                foreach (double[] b in basis)
                {
                    double dot = TensorPrimitives.Dot<double>(candidate, b);
                    for (int i = 0; i < m; i++)
                    {
                        candidate[i] -= dot * b[i];
                    }
                }
            }

            double norm = Math.Sqrt(TensorPrimitives.Dot<double>(candidate, candidate));
            if (norm > 1e-6)
            {
                for (int i = 0; i < m; i++)
                {
                    candidate[i] /= norm;
                }

                basis.Add(candidate);
                return candidate;
            }
        }

        throw new InvalidOperationException("No vector left to complete the basis.");
    }

    private static void SetColumn(Span<double> u, int columns, int c, double[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            u[(i * columns) + c] = values[i];
        }
    }
}
