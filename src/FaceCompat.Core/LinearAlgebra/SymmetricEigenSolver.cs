namespace FaceCompat.LinearAlgebra;

/// <summary>
/// Managed symmetric eigen-decomposition in LAPACK dsyevd's three steps: blocked Householder
/// reduction to tridiagonal form (<see cref="HouseholderTridiagonal"/>), divide and conquer on the
/// tridiagonal matrix (<see cref="TridiagonalDivideAndConquer"/>), and the blocked back-transformation
/// of its eigenvectors. The matrix is first scaled by a power of two (exact) so that its largest
/// entry is about 1: no overflow or underflow in the reflectors at huge or tiny scales.
/// Eigenvalues ascending (ties in index order), eigenvectors in the columns of the row-major output.
/// </summary>
internal static class SymmetricEigenSolver
{
    public static void Decompose(int n, ReadOnlySpan<double> a, Span<double> eigenvalues, Span<double> vectors)
    {
        if (n == 0)
        {
            return;
        }

        double largest = 0;
        for (int i = 0; i < n * n; i++)
        {
            if (!double.IsFinite(a[i]))
            {
                throw new ModelException("The symmetric eigen-decomposition got a matrix with non-finite values.");
            }

            largest = Math.Max(largest, Math.Abs(a[i]));
        }

        int exponent = largest == 0 ? 0 : Math.ILogB(largest);
        double scale = Math.ScaleB(1.0, -exponent);
        double[] work = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                work[(i * n) + j] = 0.5 * ((a[(i * n) + j] * scale) + (a[(j * n) + i] * scale));
            }
        }

        HouseholderTridiagonal reduction = HouseholderTridiagonal.Reduce(n, work);
        double[] d = reduction.Diagonal;
        double[] e = new double[n];
        reduction.OffDiagonal.CopyTo(e, 0);
        double[] z = work;
        TridiagonalDivideAndConquer.Solve(n, d, e, z);
        reduction.ApplyQ(z, n);

        int[] order = Enumerable.Range(0, n).OrderBy(i => d[i]).ThenBy(i => i).ToArray();
        double unscale = Math.ScaleB(1.0, exponent);
        for (int c = 0; c < n; c++)
        {
            eigenvalues[c] = d[order[c]] * unscale;
        }

        for (int r = 0; r < n; r++)
        {
            Span<double> target = vectors.Slice(r * n, n);
            ReadOnlySpan<double> source = z.AsSpan(r * n, n);
            for (int c = 0; c < n; c++)
            {
                target[c] = source[order[c]];
            }
        }
    }
}
