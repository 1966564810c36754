using System.Numerics.Tensors;

namespace FaceCompat.LinearAlgebra;

/// <summary>Managed Cholesky factorisation A = L L^T (row-major, lower triangle) and the two triangular solves.</summary>
internal static class CholeskySolver
{
    public static bool Solve(int n, int nrhs, Span<double> a, Span<double> b)
    {
        for (int j = 0; j < n; j++)
        {
            Span<double> rowJ = a.Slice(j * n, n);
            double d = rowJ[j] - TensorPrimitives.Dot<double>(rowJ[..j], rowJ[..j]);
            if (!(d > 0))
            {
                return false;
            }

            d = Math.Sqrt(d);
            rowJ[j] = d;
            for (int i = j + 1; i < n; i++)
            {
                Span<double> rowI = a.Slice(i * n, n);
                rowI[j] = (rowI[j] - TensorPrimitives.Dot<double>(rowI[..j], rowJ[..j])) / d;
            }
        }

        // L y = b, then L^T x = y, one right-hand-side row at a time.
        for (int i = 0; i < n; i++)
        {
            Span<double> bi = b.Slice(i * nrhs, nrhs);
            for (int k = 0; k < i; k++)
            {
                TensorPrimitives.MultiplyAdd(b.Slice(k * nrhs, nrhs), -a[(i * n) + k], bi, bi);
            }

            TensorPrimitives.Divide(bi, a[(i * n) + i], bi);
        }

        for (int i = n - 1; i >= 0; i--)
        {
            Span<double> bi = b.Slice(i * nrhs, nrhs);
            for (int k = i + 1; k < n; k++)
            {
                TensorPrimitives.MultiplyAdd(b.Slice(k * nrhs, nrhs), -a[(k * n) + i], bi, bi);
            }

            TensorPrimitives.Divide(bi, a[(i * n) + i], bi);
        }

        return true;
    }
}
