using System.Numerics.Tensors;

namespace FaceCompat.LinearAlgebra;

public sealed partial class ManagedKernels
{
    /// <inheritdoc/>
    public bool CholeskySolve(int n, int nrhs, Span<double> a, Span<double> b)
    {
        KernelArguments.Cholesky(n, nrhs, a.Length, b.Length);
        if (!Factor(n, a))
        {
            return false;
        }

        // Forward: L Y = B, row by row of B.
        for (int i = 0; i < n; i++)
        {
            Span<double> bi = b.Slice(i * nrhs, nrhs);
            for (int j = 0; j < i; j++)
            {
                TensorPrimitives.MultiplyAdd(b.Slice(j * nrhs, nrhs), -a[(i * n) + j], bi, bi);
            }

            TensorPrimitives.Divide(bi, a[(i * n) + i], bi);
        }

        // Backward: L^T X = Y.
        for (int i = n - 1; i >= 0; i--)
        {
            Span<double> bi = b.Slice(i * nrhs, nrhs);
            for (int j = i + 1; j < n; j++)
            {
                TensorPrimitives.MultiplyAdd(b.Slice(j * nrhs, nrhs), -a[(j * n) + i], bi, bi);
            }

            TensorPrimitives.Divide(bi, a[(i * n) + i], bi);
        }

        return true;
    }

    /// <summary>In-place lower Cholesky factor (upper triangle zeroed). False when a pivot is not positive and finite.</summary>
    private static bool Factor(int n, Span<double> a)
    {
        for (int j = 0; j < n; j++)
        {
            Span<double> rowJ = a.Slice(j * n, n);
            double d = rowJ[j] - TensorPrimitives.Dot(rowJ[..j], rowJ[..j]);
            if (!(d > 0) || !double.IsFinite(d))
            {
                return false;
            }

            double ljj = Math.Sqrt(d);
            rowJ[j] = ljj;
            rowJ[(j + 1)..].Clear();
            for (int i = j + 1; i < n; i++)
            {
                Span<double> rowI = a.Slice(i * n, n);
                rowI[j] = (rowI[j] - TensorPrimitives.Dot(rowI[..j], rowJ[..j])) / ljj;
            }
        }

        return true;
    }
}
