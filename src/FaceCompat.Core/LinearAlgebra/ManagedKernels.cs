namespace FaceCompat.LinearAlgebra;

/// <summary>
/// The managed provider: always available, no native code. GEMM is cache-blocked, SIMD
/// (Vector256 FMA) and multi-threaded; the decompositions are classic, accurate algorithms
/// (blocked Householder tridiagonalisation + divide and conquer, Gram-preconditioned one-sided Jacobi SVD, Cholesky).
/// </summary>
public sealed class ManagedKernels : IDenseKernels
{
    /// <summary>The one instance (the kernels hold no state).</summary>
    public static ManagedKernels Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "managed";

    /// <inheritdoc />
    public void Gemm(bool transposeA, bool transposeB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc) =>
        ManagedGemm.Multiply(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    /// <inheritdoc />
    public void Gemm(bool transposeA, bool transposeB, int m, int n, int k, double alpha, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc) =>
        ManagedGemm.Multiply(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    /// <inheritdoc />
    public void Svd(int m, int n, ReadOnlySpan<double> a, Span<double> u, Span<double> s, Span<double> vt)
    {
        int r = Math.Min(m, n);
        GemmArguments.RequireLength(a.Length, (long)m * n, "a");
        GemmArguments.RequireLength(u.Length, (long)m * r, "u");
        GemmArguments.RequireLength(s.Length, r, "s");
        GemmArguments.RequireLength(vt.Length, (long)r * n, "vt");
        GramJacobiSvd.Decompose(m, n, a, u, s, vt);
    }

    /// <inheritdoc />
    public void SymmetricEigen(int n, ReadOnlySpan<double> a, Span<double> eigenvalues, Span<double> vectors)
    {
        GemmArguments.RequireLength(a.Length, (long)n * n, "a");
        GemmArguments.RequireLength(eigenvalues.Length, n, "eigenvalues");
        GemmArguments.RequireLength(vectors.Length, (long)n * n, "vectors");
        SymmetricEigenSolver.Decompose(n, a, eigenvalues, vectors);
    }

    /// <inheritdoc />
    public bool CholeskySolve(int n, int nrhs, Span<double> a, Span<double> b)
    {
        GemmArguments.RequireLength(a.Length, (long)n * n, "a");
        GemmArguments.RequireLength(b.Length, (long)n * nrhs, "b");
        return CholeskySolver.Solve(n, nrhs, a, b);
    }
}
