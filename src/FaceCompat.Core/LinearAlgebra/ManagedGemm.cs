using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace FaceCompat.LinearAlgebra;

/// <summary>
/// The managed GEMM, in the BLIS layout: for each block of columns and of k, op(B) is packed once
/// into k-major micro-panels of <see cref="Tile{T}.Columns"/> columns; each thread packs a block of
/// op(A) rows into k-major micro-panels of <see cref="Tile{T}.Rows"/> rows and runs the micro-kernel over
/// every (A panel, B panel) pair: an outer-product update of a Rows x Columns tile of C held in
/// vector registers (a broadcast of one A value times two vectors of B per row, fused multiply-add).
/// Row blocks run in parallel; every element of C is computed by one thread with a fixed summation
/// order (k ascending within a k-block, k-blocks in order), so results do not depend on the thread count.
/// </summary>
internal static partial class ManagedGemm
{

    /// <summary>k values per block (a B micro-panel is 128 KB, in L2): fewer passes over C; measured faster than 256 or 512 at 2048^3.</summary>
    private const int KBlock = 1024;

    /// <summary>Rows of op(A) per thread task: its packed block (96 x 256) stays in L2.</summary>
    private const int RowBlock = 96;

    /// <summary>Columns of op(B) packed at a time (2048 x 1024 floats = 8 MB, shared by the threads).</summary>
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

        int nr = Tile<T>.Columns;
        int columnBlock = Math.Min(ColumnBlock, RoundUp(n, nr));
        T[] packedB = ArrayPool<T>.Shared.Rent(columnBlock * KBlock);
        int rowBlocks = (m + RowBlock - 1) / RowBlock;
        try
        {
            unsafe
            {
                fixed (T* pa = a)
                fixed (T* pb = b)
                fixed (T* pc = c)
                fixed (T* packed = packedB)
                {
                    var operands = new Operands<T>(pa, lda, transposeA, pb, ldb, transposeB, pc, ldc, m, alpha);
                    T* panels = packed;
                    for (int j0 = 0; j0 < n; j0 += columnBlock)
                    {
                        int nc = Math.Min(columnBlock, n - j0);
                        for (int k0 = 0; k0 < k; k0 += KBlock)
                        {
                            int kc = Math.Min(KBlock, k - k0);
                            PackB(operands, k0, kc, j0, nc, panels);
                            int jStart = j0, kStart = k0;
                            Parallel.For(0, rowBlocks, block => RowBlockPass(operands, block * RowBlock, kStart, kc, jStart, nc, panels));
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(packedB);
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    /// <summary>One thread's share: pack rows [i0, i0 + RowBlock) of op(A) for this k-block, then every tile of them.</summary>
    private static unsafe void RowBlockPass<T>(Operands<T> op, int i0, int k0, int kc, int j0, int nc, T* panelsB)
        where T : unmanaged, INumber<T>
    {
        int mc = Math.Min(RowBlock, op.M - i0);
        int nr = Tile<T>.Columns;
        int mr = Tile<T>.Rows;
        T[] packedA = ArrayPool<T>.Shared.Rent(RoundUp(mc, Tile<T>.Rows) * kc);
        Span<T> edge = stackalloc T[Tile<T>.Rows * Tile<T>.Columns];
        try
        {
            fixed (T* panelsA = packedA)
            fixed (T* scratch = edge)
            {
                PackA(op, i0, mc, k0, kc, panelsA);
                for (int jp = 0; jp < nc; jp += nr)
                {
                    int cols = Math.Min(nr, nc - jp);
                    T* bPanel = panelsB + (jp * kc);
                    for (int ip = 0; ip < mc; ip += mr)
                    {
                        int rows = Math.Min(mr, mc - ip);
                        T* aPanel = panelsA + (ip * kc);
                        T* cTile = op.C + ((long)(i0 + ip) * op.Ldc) + j0 + jp;
                        if (rows == mr && cols == nr)
                        {
                            MicroKernel(kc, aPanel, bPanel, cTile, op.Ldc, op.Alpha);
                        }
                        else
                        {
                            // A partial tile: computed whole into scratch (panels are zero-padded), then its valid part added.
                            new Span<T>(scratch, edge.Length).Clear();
                            MicroKernel(kc, aPanel, bPanel, scratch, nr, op.Alpha);
                            for (int r = 0; r < rows; r++)
                            {
                                for (int s = 0; s < cols; s++)
                                {
                                    cTile[((long)r * op.Ldc) + s] += scratch[(r * nr) + s];
                                }
                            }
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(packedA);
        }
    }

    /// <summary>
    /// op(B)[k0 .. k0 + kc, j0 .. j0 + nc] as micro-panels of <see cref="Tile{T}.Columns"/> columns,
    /// each k-major (value (p, s) at p * Columns + s), the last panel zero-padded.
    /// </summary>
    private static unsafe void PackB<T>(Operands<T> op, int k0, int kc, int j0, int nc, T* packed)
        where T : unmanaged, INumber<T>
    {
        int nr = Tile<T>.Columns;
        for (int jp = 0; jp < nc; jp += nr)
        {
            int cols = Math.Min(nr, nc - jp);
            T* panel = packed + (jp * kc);
            if (cols < nr)
            {
                new Span<T>(panel, nr * kc).Clear();
            }

            if (op.TransposeB)
            {
                // op(B)(p, j) = B[j, p]: read each row of B once, contiguously.
                for (int s = 0; s < cols; s++)
                {
                    T* src = op.B + ((long)(j0 + jp + s) * op.Ldb) + k0;
                    for (int p = 0; p < kc; p++)
                    {
                        panel[(p * nr) + s] = src[p];
                    }
                }
            }
            else
            {
                for (int p = 0; p < kc; p++)
                {
                    new ReadOnlySpan<T>(op.B + ((long)(k0 + p) * op.Ldb) + j0 + jp, cols).CopyTo(new Span<T>(panel + (p * nr), cols));
                }
            }
        }
    }

    /// <summary>op(A)[i0 .. i0 + mc, k0 .. k0 + kc] as micro-panels of <see cref="Tile{T}.Rows"/> rows, each k-major, zero-padded.</summary>
    private static unsafe void PackA<T>(Operands<T> op, int i0, int mc, int k0, int kc, T* packed)
        where T : unmanaged, INumber<T>
    {
        int mr = Tile<T>.Rows;
        for (int ip = 0; ip < mc; ip += mr)
        {
            int rows = Math.Min(mr, mc - ip);
            T* panel = packed + (ip * kc);
            if (rows < mr)
            {
                new Span<T>(panel, mr * kc).Clear();
            }

            for (int r = 0; r < rows; r++)
            {
                int i = i0 + ip + r;
                if (op.TransposeA)
                {
                    // op(A)(i, p) = A[p, i]
                    T* src = op.A + i + ((long)k0 * op.Lda);
                    for (int p = 0; p < kc; p++)
                    {
                        panel[(p * mr) + r] = src[(long)p * op.Lda];
                    }
                }
                else
                {
                    T* src = op.A + ((long)i * op.Lda) + k0;
                    for (int p = 0; p < kc; p++)
                    {
                        panel[(p * mr) + r] = src[p];
                    }
                }
            }
        }
    }

    /// <summary>The operands and their layout, passed to the thread tasks.</summary>
    private readonly unsafe struct Operands<T>(T* a, int lda, bool transposeA, T* b, int ldb, bool transposeB, T* c, int ldc, int m, T alpha)
        where T : unmanaged
    {
        public T* A { get; } = a;

        public int Lda { get; } = lda;

        public bool TransposeA { get; } = transposeA;

        public T* B { get; } = b;

        public int Ldb { get; } = ldb;

        public bool TransposeB { get; } = transposeB;

        public T* C { get; } = c;

        public int Ldc { get; } = ldc;

        public int M { get; } = m;

        public T Alpha { get; } = alpha;
    }

    /// <summary>The micro-tile: two vectors of the widest accelerated size wide; 12 rows with Vector512 (24 of its 32 registers accumulate), 6 with Vector256 (12 of 16).</summary>
    private static class Tile<T>
        where T : unmanaged
    {
        public static readonly int Columns = 2 * (Vector512.IsHardwareAccelerated ? Vector512<T>.Count : Vector256<T>.Count);

        public static readonly int Rows = Vector512.IsHardwareAccelerated ? 12 : 6;
    }
}
