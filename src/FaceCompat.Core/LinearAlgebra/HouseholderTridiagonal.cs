using System.Numerics.Tensors;

namespace FaceCompat.LinearAlgebra;

/// <summary>
/// Blocked Householder reduction of a symmetric matrix to tridiagonal form, Q^T A Q = T, as in
/// LAPACK's dsytrd/dlatrd (lower variant): each panel of <see cref="Panel"/> columns is reduced
/// with its updates of the rest delayed (one matrix-vector product with the trailing matrix per
/// column), then the trailing matrix takes the rank-2k update A -= V W^T + W V^T through the GEMM.
/// The matrix is kept full (both triangles), so column j below the diagonal is row j right of it,
/// contiguous. Q = H_0 H_1 ... H_{n-2} is applied to other matrices in the compact WY form
/// (dlarft + dlarfb: three GEMMs per panel) by <see cref="ApplyQ"/>.
/// </summary>
internal sealed class HouseholderTridiagonal
{
    /// <summary>Columns per panel: large enough for the GEMM updates to run at speed, small enough for the panel work.</summary>
    private const int Panel = 32;

    /// <summary>Rows per GEMM of the trailing (lower-triangle) update.</summary>
    private const int UpdateRows = 192;

    /// <summary>Reflectors per block of the back-transformation: fewer, larger GEMMs over Z.</summary>
    private const int ApplyBlock = 128;

    private readonly int _n;

    /// <summary>Row j holds reflector v_j at columns j+1 .. n-1 (v_j[j+1] = 1), zeros elsewhere.</summary>
    private readonly double[] _reflectors;

    private readonly double[] _tau;

    private HouseholderTridiagonal(int n)
    {
        _n = n;
        _reflectors = new double[n * n];
        _tau = new double[n];
        Diagonal = new double[n];
        OffDiagonal = new double[Math.Max(0, n - 1)];
    }

    /// <summary>T's diagonal.</summary>
    public double[] Diagonal { get; }

    /// <summary>T's off-diagonal: OffDiagonal[j] = T[j + 1, j].</summary>
    public double[] OffDiagonal { get; }

    /// <summary>
    /// Reduces the symmetric n x n row-major <paramref name="a"/> (its lower triangle is read; overwritten).
    /// Only the lower triangle (and the diagonal blocks) of the trailing matrix is updated and read.
    /// </summary>
    public static HouseholderTridiagonal Reduce(int n, double[] a)
    {
        var result = new HouseholderTridiagonal(n);
        double[] v = new double[Panel * n];
        double[] w = new double[Panel * n];
        double[] y = new double[n];
        double[] left = new double[2 * Panel * n];
        double[] right = new double[2 * Panel * n];
        double[] coefficients = new double[2 * Panel];
        double[] column = new double[n];
        for (int k = 0; k < n; k += Panel)
        {
            int nb = Math.Min(Panel, n - k);
            Array.Clear(v);
            Array.Clear(w);
            for (int i = 0; i < nb; i++)
            {
                result.ReduceColumn(a, k, i, v, w, y, coefficients, column);
            }

            int start = k + nb, length = n - start;
            if (length > 0)
            {
                // A22 -= V W^T + W V^T on the lower triangle after the panel (dsyr2k): GEMMs with
                // k = 2 nb, [V W] [W V]^T with the panel rows stacked, one per block of rows, each
                // over the columns up to the block's diagonal.
                Array.Copy(v, 0, left, 0, nb * n);
                Array.Copy(w, 0, left, nb * n, nb * n);
                Array.Copy(w, 0, right, 0, nb * n);
                Array.Copy(v, 0, right, nb * n, nb * n);
                for (int r0 = start; r0 < n; r0 += UpdateRows)
                {
                    int rows = Math.Min(UpdateRows, n - r0), columns = r0 + rows - start;
                    ManagedGemm.Multiply(true, false, rows, columns, 2 * nb, -1.0, left.AsSpan(r0), n, right.AsSpan(start), n, 1.0, a.AsSpan((r0 * n) + start), n);
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Column j = k + i of the panel: brings it up to date with the panel's earlier reflectors,
    /// generates reflector j (dlarfg) and the panel's row w_j = tau (A v - V (W^T v) - W (V^T v)),
    /// corrected by -tau/2 (w . v) v (dlatrd).
    /// </summary>
    private void ReduceColumn(double[] a, int k, int i, double[] v, double[] w, double[] y, double[] coefficients, double[] columnBuffer)
    {
        int n = _n, j = k + i;
        Span<double> column = columnBuffer.AsSpan(0, n - j);
        for (int c = 0; c < column.Length; c++)
        {
            column[c] = a[((j + c) * n) + j];
        }

        for (int p = 0; p < i; p++)
        {
            double vj = v[(p * n) + j], wj = w[(p * n) + j];
            Span<double> vp = v.AsSpan((p * n) + j, n - j), wp = w.AsSpan((p * n) + j, n - j);
            for (int c = 0; c < column.Length; c++)
            {
                column[c] -= (vp[c] * wj) + (wp[c] * vj);
            }
        }

        Diagonal[j] = column[0];
        if (j == n - 1)
        {
            return;
        }

        // Reflector H = I - tau u u^T with H x = beta e_1 for x = column[1..].
        Span<double> x = column[1..];
        double alpha = x[0];
        double tailNorm = x.Length > 1 ? TensorPrimitives.Norm<double>(x[1..]) : 0.0;
        double tau = 0.0, beta = alpha;
        if (tailNorm != 0.0)
        {
            beta = -Math.CopySign(Hypot(alpha, tailNorm), alpha);
            tau = (beta - alpha) / beta;
            TensorPrimitives.Multiply<double>(x[1..], 1.0 / (alpha - beta), x[1..]);
        }

        x[0] = 1.0;
        OffDiagonal[j] = beta;
        _tau[j] = tau;
        Span<double> u = v.AsSpan((i * n) + j + 1, n - j - 1);
        x.CopyTo(u);
        x.CopyTo(_reflectors.AsSpan((j * n) + j + 1, n - j - 1));
        if (tau == 0.0)
        {
            return;
        }

        // y = A22 u with the trailing matrix as it was at the panel's start (rows j+1 .. n-1).
        int start = j + 1, length = n - start;
        ReadOnlySpan<double> uRead = u;
        SymmetricProduct(a, n, start, v.AsSpan((i * n) + start, length), y.AsSpan(start, length));

        Span<double> target = w.AsSpan((i * n) + start, length);
        Span<double> yy = y.AsSpan(start, length);
        for (int p = 0; p < i; p++)
        {
            coefficients[2 * p] = TensorPrimitives.Dot<double>(w.AsSpan((p * n) + start, length), uRead);
            coefficients[(2 * p) + 1] = TensorPrimitives.Dot<double>(v.AsSpan((p * n) + start, length), uRead);
        }

        for (int p = 0; p < i; p++)
        {
            // y -= v_p (w_p . u) + w_p (v_p . u)
            MultiplyAdd(v.AsSpan((p * n) + start, length), -coefficients[2 * p], yy);
            MultiplyAdd(w.AsSpan((p * n) + start, length), -coefficients[(2 * p) + 1], yy);
        }

        TensorPrimitives.Multiply<double>(yy, tau, target);
        double correction = -0.5 * tau * TensorPrimitives.Dot<double>(target, uRead);
        MultiplyAdd(uRead, correction, target);
    }

    /// <summary>
    /// Z = Q Z for the n x columns row-major <paramref name="z"/>: the panels of reflectors from the last
    /// to the first, each as I - V T V^T (T upper triangular, dlarft forward/columnwise).
    /// </summary>
    public void ApplyQ(double[] z, int columns)
    {
        int n = _n;
        int reflectorCount = n - 1;
        if (reflectorCount <= 0)
        {
            return;
        }

        double[] t = new double[ApplyBlock * ApplyBlock];
        double[] work = new double[ApplyBlock * columns];
        double[] scaled = new double[ApplyBlock * columns];
        int lastStart = (reflectorCount - 1) / ApplyBlock * ApplyBlock;
        for (int k = lastStart; k >= 0; k -= ApplyBlock)
        {
            int nb = Math.Min(ApplyBlock, reflectorCount - k);
            int start = k + 1, length = n - start;
            BuildT(k, nb, t);
            ReadOnlySpan<double> vRows = _reflectors.AsSpan((k * n) + start);
            Span<double> zs = z.AsSpan(start * columns, length * columns);

            // work = V^T Z; scaled = T work; Z -= V scaled.
            ManagedGemm.Multiply(false, false, nb, columns, length, 1.0, vRows, n, zs, columns, 0.0, work.AsSpan(0, nb * columns), columns);
            ManagedGemm.Multiply(false, false, nb, columns, nb, 1.0, t, ApplyBlock, work, columns, 0.0, scaled.AsSpan(0, nb * columns), columns);
            ManagedGemm.Multiply(true, false, length, columns, nb, -1.0, vRows, n, scaled, columns, 1.0, zs, columns);
        }
    }

    /// <summary>T of H_k ... H_{k+nb-1} = I - V T V^T: T[i, i] = tau_i, T[0..i, i] = -tau_i T[0..i, 0..i] (V^T v_i).</summary>
    private void BuildT(int k, int nb, double[] t)
    {
        int n = _n;
        Array.Clear(t);
        Span<double> dots = stackalloc double[ApplyBlock];
        for (int i = 0; i < nb; i++)
        {
            int j = k + i;
            double tau = _tau[j];
            t[(i * ApplyBlock) + i] = tau;
            if (tau == 0.0)
            {
                continue;
            }

            ReadOnlySpan<double> vi = _reflectors.AsSpan((j * n) + j + 1, n - j - 1);
            for (int p = 0; p < i; p++)
            {
                dots[p] = TensorPrimitives.Dot<double>(_reflectors.AsSpan(((k + p) * n) + j + 1, n - j - 1), vi);
            }

            for (int r = 0; r < i; r++)
            {
                double sum = 0.0;
                for (int p = r; p < i; p++)
                {
                    sum += t[(r * ApplyBlock) + p] * dots[p];
                }

                t[(r * ApplyBlock) + i] = -tau * sum;
            }
        }
    }

    /// <summary>
    /// y = S u for the symmetric trailing block S = a[start.., start..], reading only its lower
    /// triangle (dsymv: each row once, for its dot product and its axpy), in parallel over row
    /// ranges of equal area, each with its own accumulator, summed in a fixed order.
    /// </summary>
    private static void SymmetricProduct(double[] a, int n, int start, ReadOnlySpan<double> u, Span<double> y)
    {
        int length = u.Length;
        int parts = length >= 192 ? Math.Min(4 * Environment.ProcessorCount, 16) : 1;
        double[] uu = u.ToArray();
        double[] partial = new double[parts * length];
        int[] bounds = new int[parts + 1];
        for (int t = 1; t < parts; t++)
        {
            bounds[t] = (int)(length * Math.Sqrt((double)t / parts));
        }

        bounds[parts] = length;
        void Rows(int t)
        {
            Span<double> acc = partial.AsSpan(t * length, length);
            for (int r = bounds[t]; r < bounds[t + 1]; r++)
            {
                ReadOnlySpan<double> row = a.AsSpan(((start + r) * n) + start, r);
                double ur = uu[r];
                acc[r] += TensorPrimitives.Dot<double>(row, uu.AsSpan(0, r)) + (a[((start + r) * n) + start + r] * ur);
                TensorPrimitives.MultiplyAdd<double>(row, ur, acc[..r], acc[..r]);
            }
        }

        if (parts == 1)
        {
            Rows(0);
        }
        else
        {
            Parallel.For(0, parts, Rows);
        }

        partial.AsSpan(0, length).CopyTo(y);
        for (int t = 1; t < parts; t++)
        {
            TensorPrimitives.Add<double>(y, partial.AsSpan(t * length, length), y);
        }
    }

    /// <summary>y += alpha x.</summary>
    private static void MultiplyAdd(ReadOnlySpan<double> x, double alpha, Span<double> y) =>
        TensorPrimitives.MultiplyAdd<double>(x, alpha, y, y);

    internal static double Hypot(double a, double b)
    {
        double x = Math.Abs(a), y = Math.Abs(b);
        if (x < y)
        {
            (x, y) = (y, x);
        }

        if (x == 0)
        {
            return 0;
        }

        double t = y / x;
        return x * Math.Sqrt(1 + (t * t));
    }
}
