using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace FaceCompat.LinearAlgebra;

public sealed partial class ManagedKernels
{
    /// <inheritdoc/>
    public void Gemm(bool transposeA, bool transposeB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        KernelArguments.Gemm(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        GemmCore(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <inheritdoc/>
    public void Gemm(bool transposeA, bool transposeB, int m, int n, int k, double alpha, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc)
    {
        KernelArguments.Gemm(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        GemmCore(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    private const int RowChunk = 16;
    private const long ParallelThreshold = 1 << 18;

    /// <summary>
    /// i-k-j GEMM: each row of C accumulates alpha * A(i,p) * row p of op(B) in increasing p
    /// (SIMD across the row via TensorPrimitives), blocked over columns and k for cache, with
    /// chunks of 16 rows spread over threads. Each C element is owned by one thread and summed in increasing p,
    /// so results do not depend on the thread count. A transposed B is packed once into a k x n buffer.
    /// </summary>
    private static void GemmCore<T>(bool transposeA, bool transposeB, int m, int n, int k, T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        T[]? packed = null;
        ReadOnlySpan<T> bRows = b;
        int bStride = ldb;
        if (transposeB && k > 0)
        {
            packed = ArrayPool<T>.Shared.Rent(k * n);
            for (int j = 0; j < n; j++)
            {
                ReadOnlySpan<T> column = b.Slice(j * ldb, k);
                for (int p = 0; p < k; p++)
                {
                    packed[(p * n) + j] = column[p];
                }
            }

            bRows = packed;
            bStride = n;
        }

        try
        {
            unsafe
            {
                fixed (T* pa = a, pb = bRows, pc = c)
                {
                    var job = new GemmJob<T>(transposeA, m, n, k, alpha, (nint)pa, lda, (nint)pb, bStride, beta, (nint)pc, ldc);
                    int chunks = (m + RowChunk - 1) / RowChunk;
                    if ((long)m * n * k < ParallelThreshold || chunks == 1)
                    {
                        for (int chunk = 0; chunk < chunks; chunk++)
                        {
                            job.Rows(chunk);
                        }
                    }
                    else
                    {
                        Parallel.For(0, chunks, job.Rows);
                    }
                }
            }
        }
        finally
        {
            if (packed is not null)
            {
                ArrayPool<T>.Shared.Return(packed);
            }
        }
    }
}
