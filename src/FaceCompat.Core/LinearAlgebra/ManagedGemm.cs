using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FaceCompat.LinearAlgebra;

/// <summary>
/// The managed GEMM: op(A) and op(B)^T are packed into k-blocks of contiguous rows, then each
/// 4 x 4 tile of C is a set of 16 dot products held in Vector256 registers with fused
/// multiply-add. Row blocks of C run in parallel; every element of C is computed by one thread
/// with a fixed summation order, so results do not depend on the thread count.
/// </summary>
internal static class ManagedGemm
{
    /// <summary>Bytes of one packed row per k-block: a 4 x 4 tile then reads 8 x 4 KB, which stays in L1.</summary>
    private const int KBlockBytes = 4096;
    private const int RowBlock = 64;

    /// <summary>Columns of op(B) per pass: every row block runs over the same packed columns while they are in cache.</summary>
    private const int ColumnBlock = 2048;

    public static void Multiply<T>(bool transposeA, bool transposeB, int m, int n, int k, T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, INumber<T>
    {
        GemmArguments.Validate(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0)
        {
            return;
        }

        GemmArguments.ScaleOnly(m, n, beta, c, ldc);
        if (k == 0 || alpha == T.Zero)
        {
            return;
        }

        int kPad = (k + 7) & ~7;
        T[] packedA = ArrayPool<T>.Shared.Rent(m * kPad);
        T[] packedB = ArrayPool<T>.Shared.Rent(n * kPad);
        try
        {
            // Rows of op(A) and columns of op(B), each as a contiguous, zero-padded row of k values.
            Pack(a, lda, transposeA, m, k, kPad, packedA);
            Pack(b, ldb, !transposeB, n, k, kPad, packedB);
            int rowBlocks = (m + RowBlock - 1) / RowBlock;
            int kBlock = KBlockBytes / Unsafe.SizeOf<T>();
            T[] pa = packedA;
            T[] pb = packedB;
            unsafe
            {
                fixed (T* pc = c)
                {
                    T* cPtr = pc;
                    for (int j0 = 0; j0 < n; j0 += ColumnBlock)
                    {
                        int jStart = j0;
                        int jEnd = Math.Min(n, j0 + ColumnBlock);
                        Parallel.For(0, rowBlocks, block =>
                        {
                            int i0 = block * RowBlock;
                            int i1 = Math.Min(m, i0 + RowBlock);
                            for (int k0 = 0; k0 < kPad; k0 += kBlock)
                            {
                                int kc = Math.Min(kBlock, kPad - k0);
                                Tiles(pa, pb, kPad, k0, kc, i0, i1, jStart, jEnd, alpha, cPtr, ldc);
                            }
                        });
                    }
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(packedA);
            ArrayPool<T>.Shared.Return(packedB);
        }
    }

    /// <summary>Row r of the packed matrix is row r of op(M) (transpose: column r of M).</summary>
    private static void Pack<T>(ReadOnlySpan<T> source, int ld, bool transpose, int rows, int k, int kPad, T[] packed)
        where T : unmanaged, INumber<T>
    {
        for (int r = 0; r < rows; r++)
        {
            Span<T> dst = packed.AsSpan(r * kPad, kPad);
            if (transpose)
            {
                for (int p = 0; p < k; p++)
                {
                    dst[p] = source[(p * ld) + r];
                }
            }
            else
            {
                source.Slice(r * ld, k).CopyTo(dst);
            }

            dst[k..].Clear();
        }
    }

    private static unsafe void Tiles<T>(T[] pa, T[] pb, int kPad, int k0, int kc, int i0, int i1, int j0, int n, T alpha, T* c, int ldc)
        where T : unmanaged, INumber<T>
    {
        fixed (T* aBase = pa)
        fixed (T* bBase = pb)
        {
            for (int i = i0; i < i1; i += 4)
            {
                int rows = Math.Min(4, i1 - i);
                for (int j = j0; j < n; j += 4)
                {
                    int cols = Math.Min(4, n - j);
                    if (rows == 4 && cols == 4)
                    {
                        Tile4x4(aBase + (i * kPad) + k0, bBase + (j * kPad) + k0, kPad, kc, alpha, c + (i * ldc) + j, ldc);
                    }
                    else
                    {
                        for (int r = 0; r < rows; r++)
                        {
                            for (int s = 0; s < cols; s++)
                            {
                                T dot = Dot(aBase + ((i + r) * kPad) + k0, bBase + ((j + s) * kPad) + k0, kc);
                                c[((i + r) * ldc) + j + s] += alpha * dot;
                            }
                        }
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Tile4x4<T>(T* a, T* b, int stride, int kc, T alpha, T* c, int ldc)
        where T : unmanaged, INumber<T>
    {
        Vector256<T> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector256<T> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector256<T> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector256<T> c30 = default, c31 = default, c32 = default, c33 = default;
        T* a0 = a, a1 = a + stride, a2 = a + (2 * stride), a3 = a + (3 * stride);
        T* b0 = b, b1 = b + stride, b2 = b + (2 * stride), b3 = b + (3 * stride);
        int width = Vector256<T>.Count;
        for (int p = 0; p < kc; p += width)
        {
            Vector256<T> x0 = Vector256.Load(a0 + p), x1 = Vector256.Load(a1 + p), x2 = Vector256.Load(a2 + p), x3 = Vector256.Load(a3 + p);
            Vector256<T> y0 = Vector256.Load(b0 + p), y1 = Vector256.Load(b1 + p), y2 = Vector256.Load(b2 + p), y3 = Vector256.Load(b3 + p);
            c00 = Fma(x0, y0, c00); c01 = Fma(x0, y1, c01); c02 = Fma(x0, y2, c02); c03 = Fma(x0, y3, c03);
            c10 = Fma(x1, y0, c10); c11 = Fma(x1, y1, c11); c12 = Fma(x1, y2, c12); c13 = Fma(x1, y3, c13);
            c20 = Fma(x2, y0, c20); c21 = Fma(x2, y1, c21); c22 = Fma(x2, y2, c22); c23 = Fma(x2, y3, c23);
            c30 = Fma(x3, y0, c30); c31 = Fma(x3, y1, c31); c32 = Fma(x3, y2, c32); c33 = Fma(x3, y3, c33);
        }

        Store(c, alpha, Vector256.Sum(c00), Vector256.Sum(c01), Vector256.Sum(c02), Vector256.Sum(c03));
        Store(c + ldc, alpha, Vector256.Sum(c10), Vector256.Sum(c11), Vector256.Sum(c12), Vector256.Sum(c13));
        Store(c + (2 * ldc), alpha, Vector256.Sum(c20), Vector256.Sum(c21), Vector256.Sum(c22), Vector256.Sum(c23));
        Store(c + (3 * ldc), alpha, Vector256.Sum(c30), Vector256.Sum(c31), Vector256.Sum(c32), Vector256.Sum(c33));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma<T>(Vector256<T> x, Vector256<T> y, Vector256<T> acc)
        where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Vector256.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), acc.AsSingle()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector256.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), acc.AsDouble()).As<double, T>();
        }

        return (x * y) + acc;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Store<T>(T* c, T alpha, T s0, T s1, T s2, T s3)
        where T : unmanaged, INumber<T>
    {
        c[0] += alpha * s0;
        c[1] += alpha * s1;
        c[2] += alpha * s2;
        c[3] += alpha * s3;
    }

    private static unsafe T Dot<T>(T* a, T* b, int kc)
        where T : unmanaged, INumber<T>
    {
        Vector256<T> acc = default;
        for (int p = 0; p < kc; p += Vector256<T>.Count)
        {
            acc = Fma(Vector256.Load(a + p), Vector256.Load(b + p), acc);
        }

        return Vector256.Sum(acc);
    }
}
