using System.Numerics.Tensors;

namespace FaceCompat.LinearAlgebra;

/// <summary>
/// Managed thin SVD: the eigenvectors of the Gram matrix precondition one-sided Jacobi (the idea of
/// Drmac and Veselic's preconditioned Jacobi SVD). With X the tall orientation of A (A, or A^T when
/// A is wide; p x r, p &gt;= r): V0 = eigenvectors of X^T X (GEMM + <see cref="SymmetricEigenSolver"/>),
/// B = X V0 (GEMM). The columns of B are orthogonal up to eps sigma_max^2 / (sigma_i sigma_j), so
/// only the columns with small singular values can fail the Jacobi test; one-sided Jacobi rotates
/// those (and only those) pairs until every pair of columns has |b_i . b_j| &lt;= p eps |b_i| |b_j|
/// (checked on the whole Gram matrix of B, again by GEMM). Then sigma_i = |b_i|, u_i = b_i / sigma_i,
/// v_i = column i of V0 times the rotations: X = U S V^T to O(eps) |X| and U, V orthonormal to
/// O(p eps), as accurate as Householder bidiagonalisation (singular values to eps sigma_max, the
/// small ones included: they come from the columns of B, never from square roots of eigenvalues of
/// X^T X). Columns with sigma &lt;= p eps sigma_max are numerically zero: their u is completed to an
/// orthonormal set (Gram-Schmidt on unit vectors), so U V^T is orthogonal for rank-deficient A too.
/// A is scaled by a power of two first (exact) so that the Gram matrix cannot overflow or underflow.
/// </summary>
internal static class GramJacobiSvd
{
    private const double Eps = 2.220446049250313e-16;

    private const int MaxSweeps = 30;

    public static void Decompose(int m, int n, ReadOnlySpan<double> a, Span<double> u, Span<double> s, Span<double> vt)
    {
        int r = Math.Min(m, n);
        if (r == 0)
        {
            return;
        }

        bool wide = m < n;
        int p = Math.Max(m, n);
        double largest = 0;
        for (int i = 0; i < m * n; i++)
        {
            if (!double.IsFinite(a[i]))
            {
                throw new ModelException("The SVD got a matrix with non-finite values.");
            }

            largest = Math.Max(largest, Math.Abs(a[i]));
        }

        int exponent = largest == 0 ? 0 : Math.ILogB(largest);
        double[] x = new double[m * n];
        TensorPrimitives.Multiply<double>(a[..(m * n)], Math.ScaleB(1.0, -exponent), x);

        // Gram matrix X^T X (r x r) and its eigenvectors V0 (columns).
        double[] gram = new double[r * r];
        ManagedGemm.Multiply(!wide, wide, r, r, p, 1.0, x, n, x, n, 0.0, gram, r);
        double[] values = new double[r];
        double[] v0 = new double[r * r];
        SymmetricEigenSolver.Decompose(r, gram, values, v0);

        // Rows of bt are the columns of B = X V0 (bt = V0^T X^T); rows of vr the columns of V0.
        double[] bt = new double[r * p];
        ManagedGemm.Multiply(true, !wide, r, p, r, 1.0, v0, r, x, n, 0.0, bt, p);
        double[] vr = new double[r * r];
        for (int i = 0; i < r; i++)
        {
            for (int j = 0; j < r; j++)
            {
                vr[(j * r) + i] = v0[(i * r) + j];
            }
        }

        Orthogonalise(p, r, bt, vr);

        double[] sigma = new double[r];
        for (int i = 0; i < r; i++)
        {
            sigma[i] = TensorPrimitives.Norm<double>(bt.AsSpan(i * p, p));
        }

        int[] order = Enumerable.Range(0, r).OrderByDescending(i => sigma[i]).ThenBy(i => i).ToArray();
        double negligible = p * Eps * sigma[order[0]];
        var basis = new List<double[]>();
        var pending = new List<int>();
        double[][] left = new double[r][];
        for (int c = 0; c < r; c++)
        {
            int i = order[c];
            s[c] = Math.ScaleB(sigma[i], exponent);
            if (sigma[i] > negligible && sigma[i] > 0)
            {
                double[] column = new double[p];
                TensorPrimitives.Multiply<double>(bt.AsSpan(i * p, p), 1.0 / sigma[i], column);
                basis.Add(column);
                left[c] = column;
            }
            else
            {
                pending.Add(c);
            }
        }

        int candidate = 0;
        foreach (int c in pending)
        {
            left[c] = Complete(basis, p, ref candidate);
        }

        for (int c = 0; c < r; c++)
        {
            ReadOnlySpan<double> right = vr.AsSpan(order[c] * r, r);
            if (!wide)
            {
                // U (m x r) column c = left[c]; Vt row c = right.
                for (int i = 0; i < m; i++)
                {
                    u[(i * r) + c] = left[c][i];
                }

                right.CopyTo(vt.Slice(c * n, n));
            }
            else
            {
                // A = X^T: U (m x m) column c = right; Vt row c = left[c].
                for (int i = 0; i < m; i++)
                {
                    u[(i * r) + c] = right[i];
                }

                left[c].AsSpan().CopyTo(vt.Slice(c * n, n));
            }
        }
    }

    /// <summary>
    /// One-sided Jacobi on the rows of <paramref name="bt"/> (r rows of length p), the same rotations on
    /// the rows of <paramref name="vr"/>, over the columns that fail the test against any other
    /// (numerically zero rows excluded); the whole Gram matrix is checked again after each pass.
    /// </summary>
    private static void Orthogonalise(int p, int r, double[] bt, double[] vr)
    {
        double tol = p * Eps;
        double[] h = new double[r * r];
        double[] norms = new double[r];
        for (int pass = 0; pass < 4; pass++)
        {
            ManagedGemm.Multiply(false, true, r, r, p, 1.0, bt, p, bt, p, 0.0, h, r);
            double largest = 0;
            for (int i = 0; i < r; i++)
            {
                largest = Math.Max(largest, h[(i * r) + i]);
            }

            double zero = (p * Eps) * (p * Eps) * largest;
            bool[] active = new bool[r];
            for (int i = 0; i < r; i++)
            {
                double hii = h[(i * r) + i];
                if (hii <= zero)
                {
                    continue;
                }

                for (int j = i + 1; j < r; j++)
                {
                    double hjj = h[(j * r) + j];
                    if (hjj > zero && Math.Abs(h[(i * r) + j]) > tol * Math.Sqrt(hii * hjj))
                    {
                        active[i] = true;
                        active[j] = true;
                    }
                }
            }

            int[] columns = Enumerable.Range(0, r).Where(i => active[i]).ToArray();
            if (columns.Length == 0)
            {
                return;
            }

            for (int i = 0; i < r; i++)
            {
                norms[i] = h[(i * r) + i];
            }

            Sweeps(p, r, bt, vr, norms, columns, tol);
        }
    }

    /// <summary>Cyclic one-sided Jacobi sweeps over <paramref name="columns"/> in round-robin order (independent pairs in parallel, deterministic).</summary>
    private static void Sweeps(int p, int r, double[] bt, double[] vr, double[] norms, int[] columns, double tol)
    {
        int q = columns.Length;
        int players = q + (q & 1);
        for (int sweep = 0; sweep < MaxSweeps; sweep++)
        {
            int rotations = 0;
            for (int round = 0; round < players - 1; round++)
            {
                Parallel.For(0, players / 2, () => 0, (k, _, count) =>
                {
                    (int a, int b) = Pair(players, round, k);
                    return a < q && b < q && Rotate(bt, vr, norms, p, r, columns[Math.Min(a, b)], columns[Math.Max(a, b)], tol) ? count + 1 : count;
                }, count => Interlocked.Add(ref rotations, count));
            }

            if (rotations == 0)
            {
                break;
            }
        }
    }

    /// <summary>The round-robin (circle method) schedule: pair k of a round.</summary>
    private static (int P, int Q) Pair(int players, int round, int k)
    {
        int Seat(int i) => i == 0 ? 0 : 1 + ((i - 1 + round) % (players - 1));
        return (Seat(k), Seat(players - 1 - k));
    }

    private static bool Rotate(double[] bt, double[] vr, double[] norms, int p, int r, int i, int j, double tol)
    {
        Span<double> bi = bt.AsSpan(i * p, p);
        Span<double> bj = bt.AsSpan(j * p, p);
        double alpha = norms[i];
        double beta = norms[j];
        double gamma = TensorPrimitives.Dot<double>(bi, bj);
        if (alpha == 0 || beta == 0 || Math.Abs(gamma) <= tol * Math.Sqrt(alpha * beta))
        {
            return false;
        }

        double zeta = (beta - alpha) / (2 * gamma);
        double t = zeta == 0 ? 1 : Math.Sign(zeta) / (Math.Abs(zeta) + Math.Sqrt(1 + (zeta * zeta)));
        double c = 1 / Math.Sqrt(1 + (t * t));
        double sn = c * t;
        Apply(bi, bj, c, sn);
        Apply(vr.AsSpan(i * r, r), vr.AsSpan(j * r, r), c, sn);
        norms[i] = TensorPrimitives.Dot<double>(bi, bi);
        norms[j] = TensorPrimitives.Dot<double>(bj, bj);
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

    /// <summary>
    /// A unit vector orthogonal to every vector in <paramref name="basis"/>, added to it: two Gram-Schmidt
    /// passes over the unit vectors e_next, e_next+1, ... until one keeps a norm of 1 / (2 sqrt(length)).
    /// One does while the basis has fewer than length vectors: the squared residuals of all unit vectors
    /// sum to length - |basis| &gt;= 1. A rejected unit vector stays rejected as the basis grows.
    /// </summary>
    private static double[] Complete(List<double[]> basis, int length, ref int next)
    {
        double[] candidate = new double[length];
        double threshold = 0.5 / Math.Sqrt(length);
        for (int e = next; e < length; e++)
        {
            next = e + 1;
            Array.Clear(candidate);
            candidate[e] = 1.0;
            for (int pass = 0; pass < 2; pass++)
            {
                foreach (double[] b in basis)
                {
                    TensorPrimitives.MultiplyAdd<double>(b, -TensorPrimitives.Dot<double>(candidate, b), candidate, candidate);
                }
            }

            double norm = TensorPrimitives.Norm<double>(candidate);
            if (norm > threshold)
            {
                TensorPrimitives.Multiply<double>(candidate, 1.0 / norm, candidate);
                basis.Add(candidate);
                return candidate;
            }
        }

        throw new InvalidOperationException("No vector left to complete the basis.");
    }
}
