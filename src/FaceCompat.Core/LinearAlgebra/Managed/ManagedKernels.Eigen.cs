namespace FaceCompat.LinearAlgebra;

public sealed partial class ManagedKernels
{
    private const int MaxSweeps = 80;

    /// <inheritdoc/>
    /// <remarks>
    /// Cyclic Jacobi on the symmetrised matrix (A + A^T) / 2. Eigenvalues are accurate to about
    /// 1e-14 * max|eigenvalue|; eigenvectors are orthonormal to about 1e-14.
    /// </remarks>
    public void SymmetricEigen(int n, ReadOnlySpan<double> a, Span<double> eigenvalues, Span<double> vectors)
    {
        KernelArguments.Eigen(n, a.Length, eigenvalues.Length, vectors.Length);
        RequireFinite(a[..(n * n)], nameof(a));
        double[] w = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                w[(i * n) + j] = 0.5 * (a[(i * n) + j] + a[(j * n) + i]);
            }
        }

        // vt row j holds eigenvector j (the transpose of the output), so rotations touch contiguous rows.
        double[] vt = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            vt[(i * n) + i] = 1;
        }

        double total = 0;
        foreach (double x in w)
        {
            total += x * x;
        }

        for (int sweep = 0; sweep < MaxSweeps; sweep++)
        {
            double off = 0;
            for (int p = 0; p < n; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    off += w[(p * n) + q] * w[(p * n) + q];
                }
            }

            if (off <= 1e-32 * total || off == 0)
            {
                break;
            }

            for (int p = 0; p < n - 1; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    Rotate(n, w, vt, p, q);
                }
            }
        }

        int[] order = new int[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
            values[i] = w[(i * n) + i];
        }

        Array.Sort(values, order);
        for (int c = 0; c < n; c++)
        {
            eigenvalues[c] = values[c];
            ReadOnlySpan<double> vec = vt.AsSpan(order[c] * n, n);
            for (int r = 0; r < n; r++)
            {
                vectors[(r * n) + c] = vec[r];
            }
        }
    }

    /// <summary>One Jacobi rotation W = P^T W P zeroing W[p,q]; the same rotation is applied to the rows of vt.</summary>
    private static void Rotate(int n, double[] w, double[] vt, int p, int q)
    {
        double apq = w[(p * n) + q];
        if (apq == 0)
        {
            return;
        }

        double theta = (w[(q * n) + q] - w[(p * n) + p]) / (2 * apq);
        double t = double.IsFinite(theta * theta)
            ? Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1))
            : 0.5 / theta;
        double c = 1 / Math.Sqrt((t * t) + 1);
        double s = t * c;
        for (int k = 0; k < n; k++)
        {
            double akp = w[(k * n) + p];
            double akq = w[(k * n) + q];
            w[(k * n) + p] = (c * akp) - (s * akq);
            w[(k * n) + q] = (s * akp) + (c * akq);
        }

        RotateRows(w.AsSpan(p * n, n), w.AsSpan(q * n, n), c, s);
        RotateRows(vt.AsSpan(p * n, n), vt.AsSpan(q * n, n), c, s);
    }

    /// <summary>x' = c x - s y, y' = s x + c y.</summary>
    private static void RotateRows(Span<double> x, Span<double> y, double c, double s)
    {
        for (int k = 0; k < x.Length; k++)
        {
            double xk = x[k];
            double yk = y[k];
            x[k] = (c * xk) - (s * yk);
            y[k] = (s * xk) + (c * yk);
        }
    }
}
