namespace FaceCompat.LinearAlgebra;

/// <summary>Size and span-length checks shared by every provider (the boundary of <see cref="IDenseKernels"/>).</summary>
internal static class KernelArguments
{
    /// <summary>Elements a row-major rows x cols view with row stride <paramref name="ld"/> spans.</summary>
    public static long Extent(int rows, int cols, int ld) => rows == 0 || cols == 0 ? 0 : ((long)(rows - 1) * ld) + cols;

    public static void Gemm(bool transposeA, bool transposeB, int m, int n, int k, int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        Matrix(transposeA ? k : m, transposeA ? m : k, aLength, lda, "a");
        Matrix(transposeB ? n : k, transposeB ? k : n, bLength, ldb, "b");
        Matrix(m, n, cLength, ldc, "c");
    }

    public static void Matrix(int rows, int cols, int length, int ld, string name)
    {
        if (ld < Math.Max(1, cols))
        {
            throw new ArgumentException($"Row stride {ld} of '{name}' is smaller than its {cols} columns.", name);
        }

        if (length < Extent(rows, cols, ld))
        {
            throw new ArgumentException($"'{name}' has {length} elements; a {rows} x {cols} matrix with row stride {ld} needs {Extent(rows, cols, ld)}.", name);
        }
    }

    public static void Length(int length, long needed, string name)
    {
        if (length < needed)
        {
            throw new ArgumentException($"'{name}' has {length} elements; {needed} are needed.", name);
        }
    }

    public static void Svd(int m, int n, int aLength, int uLength, int sLength, int vtLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        int r = Math.Min(m, n);
        Length(aLength, (long)m * n, "a");
        Length(uLength, (long)m * r, "u");
        Length(sLength, r, "s");
        Length(vtLength, (long)r * n, "vt");
    }

    public static void Eigen(int n, int aLength, int valuesLength, int vectorsLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        Length(aLength, (long)n * n, "a");
        Length(valuesLength, n, "eigenvalues");
        Length(vectorsLength, (long)n * n, "vectors");
    }

    public static void Cholesky(int n, int nrhs, int aLength, int bLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(nrhs);
        Length(aLength, (long)n * n, "a");
        Length(bLength, (long)n * nrhs, "b");
    }
}
