using System.Numerics.Tensors;

namespace FaceCompat.LinearAlgebra;

/// <summary>
/// Eigen-decomposition of a symmetric tridiagonal matrix by Cuppen's divide and conquer (LAPACK's
/// dstedc/dlaed0-dlaed4): T is torn into two halves plus a rank-one term, the halves are solved
/// recursively (implicit QL below <see cref="Leaf"/>), and each merge deflates (tiny components of z,
/// nearly equal poles rotated together, dlaed2), solves the secular equation for each remaining
/// eigenvalue in coordinates shifted to its nearest pole (safeguarded Newton in a bracket), recomputes
/// z by Gu and Eisenstat's formula so that the new eigenvectors are orthogonal to working precision
/// (dlaed3), and multiplies them into the halves' eigenvectors with one GEMM.
/// </summary>
internal static class TridiagonalDivideAndConquer
{
    private const int Leaf = 64;

    private const double Eps = 1.1102230246251565e-16;

    /// <summary>
    /// Eigenvalues (in <paramref name="d"/>, unordered) and eigenvectors (column i of the row-major
    /// n x n <paramref name="z"/> belongs to d[i]) of the tridiagonal matrix with diagonal d and
    /// off-diagonal e (e[i] = T[i + 1, i]; destroyed).
    /// </summary>
    public static void Solve(int n, double[] d, double[] e, double[] z)
    {
        Array.Clear(z, 0, n * n);
        if (n > 0)
        {
            Recurse(n, 0, n, d, e, z);
        }
    }

    private static void Recurse(int n, int start, int length, double[] d, double[] e, double[] z)
    {
        if (length <= Leaf)
        {
            SolveLeaf(n, start, length, d, e, z);
            return;
        }

        int n1 = length / 2;
        int cut = start + n1 - 1;
        double beta = e[cut];
        d[cut] -= Math.Abs(beta);
        d[cut + 1] -= Math.Abs(beta);
        if (length >= 512)
        {
            Parallel.Invoke(() => Recurse(n, start, n1, d, e, z), () => Recurse(n, start + n1, length - n1, d, e, z));
        }
        else
        {
            Recurse(n, start, n1, d, e, z);
            Recurse(n, start + n1, length - n1, d, e, z);
        }

        Merge(n, start, n1, length, beta, d, z);
    }

    /// <summary>Implicit QL (tql2) on the block [start, start + length), its eigenvectors into the block of z.</summary>
    private static void SolveLeaf(int n, int start, int length, double[] d, double[] e, double[] z)
    {
        double[] dd = d.AsSpan(start, length).ToArray();
        double[] ee = new double[length];
        for (int i = 0; i < length - 1; i++)
        {
            ee[i] = e[start + i];
        }

        // Eigenvectors as rows of vt, rotated two contiguous rows at a time.
        double[] vt = new double[length * length];
        for (int i = 0; i < length; i++)
        {
            vt[(i * length) + i] = 1.0;
        }

        ImplicitQl(length, dd, ee, vt);
        for (int c = 0; c < length; c++)
        {
            d[start + c] = dd[c];
            for (int r = 0; r < length; r++)
            {
                z[((start + r) * n) + start + c] = vt[(c * length) + r];
            }
        }
    }

    /// <summary>
    /// Merges the solved halves [start, start + n1) and [start + n1, start + length) of the block,
    /// whose tear was beta (T = diag(T1, T2) + |beta| u u^T, u = e_last + sign(beta) e_first).
    /// </summary>
    private static void Merge(int n, int start, int n1, int length, double beta, double[] d, double[] z)
    {
        // z-vector: last row of Q1, sign(beta) times the first row of Q2; with |u| = sqrt 2 folded into rho.
        double rho = 2 * Math.Abs(beta);
        double[] w = new double[length];
        double sign = beta < 0 ? -1.0 : 1.0;
        for (int c = 0; c < n1; c++)
        {
            w[c] = z[((start + n1 - 1) * n) + start + c] / Math.Sqrt(2);
        }

        for (int c = n1; c < length; c++)
        {
            w[c] = sign * z[((start + n1) * n) + start + c] / Math.Sqrt(2);
        }

        double[] lambda = d.AsSpan(start, length).ToArray();
        int[] order = Enumerable.Range(0, length).OrderBy(i => lambda[i]).ThenBy(i => i).ToArray();
        double dMax = 0, zMax = 0;
        for (int i = 0; i < length; i++)
        {
            dMax = Math.Max(dMax, Math.Abs(lambda[i]));
            zMax = Math.Max(zMax, Math.Abs(w[i]));
        }

        double tol = 8 * Eps * Math.Max(dMax, zMax);

        // Which halves' rows each column is non-zero in: 1 top, 2 bottom, 3 both (after a rotation across).
        byte[] part = new byte[length];
        for (int c = 0; c < length; c++)
        {
            part[c] = c < n1 ? (byte)1 : (byte)2;
        }

        // Deflation (dlaed2), visiting the poles in ascending order. Kept: the non-deflated columns.
        var kept = new List<int>(length);
        int previous = -1;
        for (int t = 0; t < length; t++)
        {
            int j = order[t];
            if (rho * Math.Abs(w[j]) <= tol)
            {
                continue;
            }

            if (previous >= 0)
            {
                double s = w[previous], c = w[j];
                double tau = HouseholderTridiagonal.Hypot(c, s);
                double gap = lambda[j] - lambda[previous];
                c /= tau;
                s = -s / tau;
                if (Math.Abs(gap * c * s) <= tol)
                {
                    // Rotate the two eigenvectors so that w[previous] = 0: previous deflates.
                    w[j] = tau;
                    w[previous] = 0;
                    RotateColumns(z, n, start, length, start + previous, start + j, c, s);
                    part[previous] = part[j] = (byte)(part[previous] | part[j]);
                    double lp = lambda[previous], lj = lambda[j];
                    lambda[previous] = (lp * c * c) + (lj * s * s);
                    lambda[j] = (lp * s * s) + (lj * c * c);
                    previous = j;
                    continue;
                }

                kept.Add(previous);
            }

            previous = j;
        }

        if (previous >= 0)
        {
            kept.Add(previous);
        }

        int k = kept.Count;
        if (k > 0)
        {
            SolveRankOne(n, start, n1, length, kept, part, lambda, w, rho, z);
        }

        lambda.CopyTo(d.AsSpan(start, length));
    }

    /// <summary>
    /// The k non-deflated eigenpairs of D + rho w w^T (poles lambda[kept], ascending): eigenvalues into
    /// lambda[kept], eigenvectors multiplied into the kept columns of the block of z, the top n1 rows
    /// and the bottom rows separately over the columns non-zero there (dlaed3's column types: half the flops).
    /// </summary>
    private static void SolveRankOne(int n, int start, int n1, int length, List<int> kept, byte[] part, double[] lambda, double[] w, double rho, double[] z)
    {
        int k = kept.Count;
        double[] poles = new double[k];
        double[] weights = new double[k];
        for (int i = 0; i < k; i++)
        {
            poles[i] = lambda[kept[i]];
            weights[i] = w[kept[i]];
        }

        double weightNorm = TensorPrimitives.Norm<double>(weights);
        for (int i = 0; i < k; i++)
        {
            weights[i] /= weightNorm;
        }

        rho *= weightNorm * weightNorm;

        // delta[j * k + i] = poles[i] - root_j, exactly as the shifted iteration computed it.
        double[] delta = new double[k * k];
        double[] roots = new double[k];
        if (k >= 64)
        {
            Parallel.For(0, k, j => roots[j] = SecularRoot(j, poles, weights, rho, delta.AsSpan(j * k, k)));
        }
        else
        {
            for (int j = 0; j < k; j++)
            {
                roots[j] = SecularRoot(j, poles, weights, rho, delta.AsSpan(j * k, k));
            }
        }

        // Gu-Eisenstat: the w for which the computed roots are exact; then vector j is w_i / (pole_i - root_j), normalised.
        double[] exact = new double[k];
        Parallel.For(0, k, i =>
        {
            double product = delta[(i * k) + i];
            for (int j = 0; j < k; j++)
            {
                if (j != i)
                {
                    product *= delta[(j * k) + i] / (poles[i] - poles[j]);
                }
            }

            exact[i] = Math.CopySign(Math.Sqrt(Math.Max(0.0, -product)), weights[i]);
        });

        // u (k x k row-major): column j = eigenvector j of the rank-one problem.
        double[] u = new double[k * k];
        Parallel.For(0, k, j =>
        {
            Span<double> dj = delta.AsSpan(j * k, k);
            double norm = 0;
            for (int i = 0; i < k; i++)
            {
                double value = exact[i] / dj[i];
                u[(i * k) + j] = value;
                norm += value * value;
            }

            double inverse = 1.0 / Math.Sqrt(norm);
            for (int i = 0; i < k; i++)
            {
                u[(i * k) + j] *= inverse;
            }
        });

        // Kept columns grouped top-only, both, bottom-only; the rows of u in the same order.
        int[] grouped = Enumerable.Range(0, k).Where(t => part[kept[t]] == 1)
            .Concat(Enumerable.Range(0, k).Where(t => part[kept[t]] == 3))
            .Concat(Enumerable.Range(0, k).Where(t => part[kept[t]] == 2)).ToArray();
        int topOnly = grouped.Count(t => part[kept[t]] == 1), bottomOnly = grouped.Count(t => part[kept[t]] == 2);
        MultiplyRows(z, n, start, 0, n1, kept, grouped.AsSpan(0, k - bottomOnly), u, k);
        MultiplyRows(z, n, start, n1, length - n1, kept, grouped.AsSpan(topOnly), u, k);

        for (int j = 0; j < k; j++)
        {
            lambda[kept[j]] = roots[j];
        }
    }

    /// <summary>
    /// Rows [start + r0, start + r0 + rows) of the block: their entries in the kept columns become
    /// (those rows over the columns kept[t], t in <paramref name="used"/>) times the rows t of u.
    /// </summary>
    private static void MultiplyRows(double[] z, int n, int start, int r0, int rows, List<int> kept, ReadOnlySpan<int> used, double[] u, int k)
    {
        int q = used.Length;
        if (rows == 0)
        {
            return;
        }

        double[] product = new double[rows * k];
        if (q > 0)
        {
            double[] gathered = new double[rows * q];
            double[] uRows = new double[q * k];
            for (int t = 0; t < q; t++)
            {
                u.AsSpan(used[t] * k, k).CopyTo(uRows.AsSpan(t * k, k));
            }

            for (int r = 0; r < rows; r++)
            {
                int row = ((start + r0 + r) * n) + start;
                for (int t = 0; t < q; t++)
                {
                    gathered[(r * q) + t] = z[row + kept[used[t]]];
                }
            }

            ManagedGemm.Multiply(false, false, rows, k, q, 1.0, gathered, q, uRows, k, 0.0, product, k);
        }

        for (int r = 0; r < rows; r++)
        {
            int row = ((start + r0 + r) * n) + start;
            for (int j = 0; j < k; j++)
            {
                z[row + kept[j]] = product[(r * k) + j];
            }
        }
    }

    /// <summary>
    /// Root j of 1 + rho sum_i w_i^2 / (pole_i - x) = 0 (poles ascending and distinct, rho &gt; 0, |w| = 1):
    /// in (pole_j, pole_{j+1}), or (pole_{k-1}, pole_{k-1} + rho] for the last. Works in tau = x - origin,
    /// origin the nearer pole, so that pole_i - x = (pole_i - origin) - tau keeps its relative accuracy
    /// (dlaed4's choice); safeguarded Newton steps inside a shrinking bracket, bisection when they fail.
    /// </summary>
    private static double SecularRoot(int j, double[] poles, double[] weights, double rho, Span<double> delta)
    {
        int k = poles.Length;
        int origin;
        double lo, hi;
        if (j == k - 1)
        {
            origin = j;
            lo = 0;
            hi = rho;
        }
        else
        {
            double half = 0.5 * (poles[j + 1] - poles[j]);
            for (int i = 0; i < k; i++)
            {
                delta[i] = (poles[i] - poles[j]) - half;
            }

            if (Secular(delta, weights, rho, out _) >= 0)
            {
                origin = j;
                lo = 0;
                hi = half;
            }
            else
            {
                origin = j + 1;
                lo = -half;
                hi = 0;
            }
        }

        double x = 0.5 * (lo + hi);
        for (int iteration = 0; iteration < 200; iteration++)
        {
            for (int i = 0; i < k; i++)
            {
                delta[i] = (poles[i] - poles[origin]) - x;
            }

            double f = Secular(delta, weights, rho, out double derivative, out double bound);
            if (f == 0 || Math.Abs(f) <= 8 * k * Eps * bound)
            {
                break;
            }

            if (f > 0)
            {
                hi = x;
            }
            else
            {
                lo = x;
            }

            double next = x - (f / derivative);
            if (!(next > lo && next < hi))
            {
                next = 0.5 * (lo + hi);
            }

            if (next == x || hi - lo <= 2 * Eps * Math.Max(Math.Abs(lo), Math.Abs(hi)))
            {
                break;
            }

            x = next;
        }

        for (int i = 0; i < k; i++)
        {
            delta[i] = (poles[i] - poles[origin]) - x;
        }

        return poles[origin] + x;
    }

    private static double Secular(ReadOnlySpan<double> delta, double[] weights, double rho, out double derivative) =>
        Secular(delta, weights, rho, out derivative, out _);

    /// <summary>f = 1 + rho sum w_i^2 / delta_i, its derivative rho sum w_i^2 / delta_i^2 (in x), and 1 + rho sum |w_i^2 / delta_i| (error scale).</summary>
    private static double Secular(ReadOnlySpan<double> delta, double[] weights, double rho, out double derivative, out double bound)
    {
        double sum = 0, absolute = 0, slope = 0;
        for (int i = 0; i < delta.Length; i++)
        {
            double term = weights[i] / delta[i];
            double value = weights[i] * term;
            sum += value;
            absolute += Math.Abs(value);
            slope += term * term;
        }

        derivative = rho * slope;
        bound = 1 + (rho * absolute);
        return 1 + (rho * sum);
    }

    /// <summary>Columns p, q of the block's rows: (x, y) &lt;- (c x + s y, c y - s x) (drot).</summary>
    private static void RotateColumns(double[] z, int n, int start, int length, int p, int q, double c, double s)
    {
        for (int r = start; r < start + length; r++)
        {
            double x = z[(r * n) + p], y = z[(r * n) + q];
            z[(r * n) + p] = (c * x) + (s * y);
            z[(r * n) + q] = (c * y) - (s * x);
        }
    }

    /// <summary>
    /// Implicit QL with shifts (EISPACK tql2, as in JAMA) on diagonal d and off-diagonal e (e[i] =
    /// T[i + 1, i]), eigenvectors as the rows of <paramref name="vt"/> (rotated in place).
    /// </summary>
    internal static void ImplicitQl(int n, double[] d, double[] e, double[] vt)
    {
        if (n == 0)
        {
            return;
        }

        e[n - 1] = 0.0;
        double f = 0.0;
        double tst1 = 0.0;
        double eps = Math.Pow(2.0, -52.0);
        for (int l = 0; l < n; l++)
        {
            tst1 = Math.Max(tst1, Math.Abs(d[l]) + Math.Abs(e[l]));
            int m = l;
            while (m < n)
            {
                if (Math.Abs(e[m]) <= eps * tst1)
                {
                    break;
                }

                m++;
            }

            if (m > l)
            {
                int iterations = 0;
                do
                {
                    if (++iterations > 300)
                    {
                        throw new ModelException("The symmetric eigen-decomposition did not converge; the matrix may contain non-finite values.");
                    }

                    double g = d[l];
                    double p = (d[l + 1] - g) / (2.0 * e[l]);
                    double r = HouseholderTridiagonal.Hypot(p, 1.0);
                    if (p < 0)
                    {
                        r = -r;
                    }

                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++)
                    {
                        d[i] -= h;
                    }

                    f += h;
                    p = d[m];
                    double c = 1.0, c2 = c, c3 = c;
                    double el1 = e[l + 1];
                    double s = 0.0, s2 = 0.0;
                    for (int i = m - 1; i >= l; i--)
                    {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = HouseholderTridiagonal.Hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = (c * d[i]) - (s * g);
                        d[i + 1] = h + (s * ((c * g) + (s * d[i])));
                        Rotate(vt.AsSpan(i * n, n), vt.AsSpan((i + 1) * n, n), c, s);
                    }

                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                }
                while (Math.Abs(e[l]) > eps * tst1);
            }

            d[l] += f;
            e[l] = 0.0;
        }
    }

    /// <summary>(x, y) &lt;- (c x - s y, s x + c y), elementwise.</summary>
    private static void Rotate(Span<double> x, Span<double> y, double c, double s)
    {
        for (int k = 0; k < x.Length; k++)
        {
            double h = y[k];
            y[k] = (s * x[k]) + (c * h);
            x[k] = (c * x[k]) - (s * h);
        }
    }
}
