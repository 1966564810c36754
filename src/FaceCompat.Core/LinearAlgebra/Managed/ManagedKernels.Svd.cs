using System.Numerics.Tensors;

namespace FaceCompat.LinearAlgebra;

public sealed partial class ManagedKernels
{
    /// <inheritdoc/>
    /// <remarks>
    /// One-sided (Hestenes) Jacobi on the rows of A^T (m &gt;= n) or of A (m &lt; n), so every rotation
    /// works on contiguous rows. Singular values are accurate to about 1e-14 * S[0]; for a zero singular
    /// value the matching singular vector is completed to an orthonormal basis (Gram-Schmidt).
    /// </remarks>
    public void Svd(int m, int n, ReadOnlySpan<double> a, Span<double> u, Span<double> s, Span<double> vt)
    {
        KernelArguments.Svd(m, n, a.Length, u.Length, s.Length, vt.Length);
        RequireFinite(a[..(m * n)], nameof(a));
        int r = Math.Min(m, n);
        if (r == 0)
        {
            return;
        }

        int len = Math.Max(m, n);

        // g: r rows of length len (columns of A when m >= n, rows of A otherwise); q: r x r rotations.
        double[] g = new double[r * len];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                int at = m >= n ? (j * len) + i : (i * len) + j;
                g[at] = a[(i * n) + j];
            }
        }

        double[] q = new double[r * r];
        for (int i = 0; i < r; i++)
        {
            q[(i * r) + i] = 1;
        }

        OneSidedJacobi(r, len, g, q);
        double[] sigma = new double[r];
        int[] order = new int[r];
        for (int i = 0; i < r; i++)
        {
            sigma[i] = -Math.Sqrt(TensorPrimitives.Dot(g.AsSpan(i * len, len), g.AsSpan(i * len, len)));
            order[i] = i;
        }

        Array.Sort(sigma, order);
        double[] basis = new double[r * len];
        double tiny = -sigma[0] * 1e-13 * len;
        for (int k = 0; k < r; k++)
        {
            s[k] = -sigma[k];
            Span<double> bk = basis.AsSpan(k * len, len);
            g.AsSpan(order[k] * len, len).CopyTo(bk);
            if (s[k] > tiny && s[k] > 0)
            {
                TensorPrimitives.Divide(bk, s[k], bk);
            }
            else
            {
                CompleteBasis(basis, k, len);
            }
        }

        for (int k = 0; k < r; k++)
        {
            ReadOnlySpan<double> bk = basis.AsSpan(k * len, len);
            ReadOnlySpan<double> qk = q.AsSpan(order[k] * r, r);
            for (int i = 0; i < len; i++)
            {
                // bk is a left vector (m >= n) or a right vector (m < n); qk the other side.
                if (m >= n)
                {
                    u[(i * r) + k] = bk[i];
                }
                else
                {
                    vt[(k * n) + i] = bk[i];
                }
            }

            for (int i = 0; i < r; i++)
            {
                if (m >= n)
                {
                    vt[(k * n) + i] = qk[i];
                }
                else
                {
                    u[(i * r) + k] = qk[i];
                }
            }
        }
    }

    private static void OneSidedJacobi(int r, int len, double[] g, double[] q)
    {
        for (int sweep = 0; sweep < MaxSweeps; sweep++)
        {
            bool rotated = false;
            for (int i = 0; i < r - 1; i++)
            {
                for (int j = i + 1; j < r; j++)
                {
                    Span<double> gi = g.AsSpan(i * len, len);
                    Span<double> gj = g.AsSpan(j * len, len);
                    double alpha = TensorPrimitives.Dot(gi, gi);
                    double beta = TensorPrimitives.Dot(gj, gj);
                    double gamma = TensorPrimitives.Dot(gi, gj);
                    if (gamma == 0 || Math.Abs(gamma) <= 1e-15 * Math.Sqrt(alpha * beta))
                    {
                        continue;
                    }

                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = double.IsFinite(zeta * zeta)
                        ? Math.Sign(zeta == 0 ? 1 : zeta) / (Math.Abs(zeta) + Math.Sqrt(1 + (zeta * zeta)))
                        : 0.5 / zeta;
                    double c = 1 / Math.Sqrt(1 + (t * t));
                    double sn = c * t;
                    RotateRows(gi, gj, c, sn);
                    RotateRows(q.AsSpan(i * r, r), q.AsSpan(j * r, r), c, sn);
                }
            }

            if (!rotated)
            {
                return;
            }
        }
    }

    /// <summary>Sets basis row k to a unit vector orthogonal to rows 0..k-1 (Gram-Schmidt over unit vectors, twice).</summary>
    private static void CompleteBasis(double[] basis, int k, int len)
    {
        Span<double> bk = basis.AsSpan(k * len, len);
        for (int e = 0; e < len; e++)
        {
            bk.Clear();
            bk[e] = 1;
            for (int pass = 0; pass < 2; pass++)
            {
                for (int j = 0; j < k; j++)
                {
                    ReadOnlySpan<double> bj = basis.AsSpan(j * len, len);
                    TensorPrimitives.MultiplyAdd(bj, -TensorPrimitives.Dot(bj, bk), bk, bk);
                }
            }

            double norm = TensorPrimitives.Norm(bk);
            if (norm > 0.5)
            {
                TensorPrimitives.Divide(bk, norm, bk);
                return;
            }
        }
    }
}
