namespace FaceCompat.LinearAlgebra;

/// <summary>Argument checks shared by every provider: once, at the boundary.</summary>
internal static class GemmArguments
{
    public static void Validate(bool transposeA, bool transposeB, int m, int n, int k, int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        if (m < 0 || n < 0 || k < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(m), "GEMM sizes must be non-negative.");
        }

        (int aRows, int aCols) = transposeA ? (k, m) : (m, k);
        (int bRows, int bCols) = transposeB ? (n, k) : (k, n);
        Check(aRows, aCols, lda, aLength, "a");
        Check(bRows, bCols, ldb, bLength, "b");
        Check(m, n, ldc, cLength, "c");
    }

    public static void RequireLength(int actual, long needed, string name)
    {
        if (actual < needed)
        {
            throw new ArgumentException($"{name} holds {actual} values; {needed} are needed.", name);
        }
    }

    public static void ScaleOnly<T>(int m, int n, T beta, Span<T> c, int ldc)
        where T : System.Numerics.INumber<T>
    {
        for (int i = 0; i < m; i++)
        {
            Span<T> row = c.Slice(i * ldc, n);
            for (int j = 0; j < n; j++)
            {
                row[j] = beta == T.Zero ? T.Zero : beta * row[j];
            }
        }
    }

    private static void Check(int rows, int cols, int ld, int length, string name)
    {
        if (rows == 0 || cols == 0)
        {
            return;
        }

        if (ld < cols)
        {
            throw new ArgumentOutOfRangeException(name, $"Leading dimension {ld} of {name} is smaller than its {cols} columns.");
        }

        RequireLength(length, ((long)(rows - 1) * ld) + cols, name);
    }
}
