using System.Numerics;
using System.Runtime.Intrinsics;
using System.Numerics.Tensors;

namespace FaceCompat.LinearAlgebra;

public sealed partial class ManagedKernels
{
    private const int ColumnBlock = 512;
    private const int DepthBlock = 256;

    /// <summary>One GEMM call's operands (pinned by the caller) and the work on one chunk of C rows.</summary>
    private readonly unsafe struct GemmJob<T>(bool transposeA, int m, int n, int k, T alpha, nint a, int lda, nint b, int ldb, T beta, nint c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Rows(int chunk)
        {
            int i0 = chunk * RowChunk;
            int i1 = Math.Min(m, i0 + RowChunk);
            T* pa = (T*)a;
            T* pb = (T*)b;
            T* pc = (T*)c;
            for (int i = i0; i < i1; i++)
            {
                var cRow = new Span<T>(pc + ((long)i * ldc), n);
                if (beta == T.Zero)
                {
                    cRow.Clear();
                }
                else if (beta != T.One)
                {
                    TensorPrimitives.Multiply(cRow, beta, cRow);
                }
            }

            for (int j0 = 0; j0 < n; j0 += ColumnBlock)
            {
                int width = Math.Min(ColumnBlock, n - j0);
                for (int p0 = 0; p0 < k; p0 += DepthBlock)
                {
                    int p1 = Math.Min(k, p0 + DepthBlock);
                    int tileWidth = 2 * Vector256<T>.Count;
                    int tiledWidth = Vector256.IsHardwareAccelerated ? width - (width % tileWidth) : 0;
                    int iTiled = i0 + ((i1 - i0) & ~3);
                    for (int i = i0; i < iTiled; i += 4)
                    {
                        for (int j = 0; j < tiledWidth; j += tileWidth)
                        {
                            Tile(pa, pb, pc, i, j0 + j, p0, p1);
                        }
                    }

                    for (int i = i0; i < i1; i++)
                    {
                        int from = i < iTiled ? tiledWidth : 0;
                        if (from == width)
                        {
                            continue;
                        }

                        var cRow = new Span<T>(pc + ((long)i * ldc) + j0 + from, width - from);
                        for (int p = p0; p < p1; p++)
                        {
                            T aip = transposeA ? pa[((long)p * lda) + i] : pa[((long)i * lda) + p];
                            TensorPrimitives.MultiplyAdd(new ReadOnlySpan<T>(pb + ((long)p * ldb) + j0 + from, width - from), alpha * aip, cRow, cRow);
                        }
                    }
                }
            }
        }
    
        /// <summary>Register tile: C[i..i+4, j..j+2V] += alpha * sum over p in [p0, p1) of A(i, p) B(p, j..), in increasing p.</summary>
        private void Tile(T* pa, T* pb, T* pc, int i, int j, int p0, int p1)
        {
            Vector256<T> c00 = Vector256<T>.Zero, c01 = Vector256<T>.Zero, c10 = Vector256<T>.Zero, c11 = Vector256<T>.Zero;
            Vector256<T> c20 = Vector256<T>.Zero, c21 = Vector256<T>.Zero, c30 = Vector256<T>.Zero, c31 = Vector256<T>.Zero;
            long rowStep = transposeA ? 1 : lda;
            long depthStep = transposeA ? lda : 1;
            for (int p = p0; p < p1; p++)
            {
                T* bp = pb + ((long)p * ldb) + j;
                Vector256<T> b0 = Vector256.Load(bp);
                Vector256<T> b1 = Vector256.Load(bp + Vector256<T>.Count);
                T* ap = pa + (i * rowStep) + (p * depthStep);
                Vector256<T> a0 = Vector256.Create(ap[0]);
                Vector256<T> a1 = Vector256.Create(ap[rowStep]);
                Vector256<T> a2 = Vector256.Create(ap[2 * rowStep]);
                Vector256<T> a3 = Vector256.Create(ap[3 * rowStep]);
                c00 += a0 * b0;
                c01 += a0 * b1;
                c10 += a1 * b0;
                c11 += a1 * b1;
                c20 += a2 * b0;
                c21 += a2 * b1;
                c30 += a3 * b0;
                c31 += a3 * b1;
            }

            Vector256<T> al = Vector256.Create(alpha);
            Accumulate(pc + ((long)i * ldc) + j, al, c00, c01);
            Accumulate(pc + ((long)(i + 1) * ldc) + j, al, c10, c11);
            Accumulate(pc + ((long)(i + 2) * ldc) + j, al, c20, c21);
            Accumulate(pc + ((long)(i + 3) * ldc) + j, al, c30, c31);
        }

        private static void Accumulate(T* cp, Vector256<T> alpha, Vector256<T> x0, Vector256<T> x1)
        {
            (Vector256.Load(cp) + (alpha * x0)).Store(cp);
            (Vector256.Load(cp + Vector256<T>.Count) + (alpha * x1)).Store(cp + Vector256<T>.Count);
        }
    }
}
