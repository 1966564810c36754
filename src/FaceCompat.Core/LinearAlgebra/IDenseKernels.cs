namespace FaceCompat.LinearAlgebra;

/// <summary>
/// The dense kernels the protocol needs, over row-major spans. Two providers implement it:
/// a managed provider (always available) and an OpenBLAS/LAPACKE provider chosen
/// automatically when the native libraries are present (DenseKernels.Default).
/// Validation of sizes happens here at the boundary; providers may assume valid arguments.
/// </summary>
public interface IDenseKernels
{
    /// <summary>Short name for logs and benchmark tables, e.g. "managed" or "openblas".</summary>
    string Name { get; }

    /// <summary>
    /// C = alpha * op(A) * op(B) + beta * C, all row-major. op(A) is m x k (A is k x m when
    /// <paramref name="transposeA"/>), op(B) is k x n. lda/ldb/ldc are row strides in elements.
    /// When beta is 0, C is overwritten (NaNs already in C do not propagate).
    /// </summary>
    void Gemm(bool transposeA, bool transposeB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc);

    /// <inheritdoc cref="Gemm(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>
    void Gemm(bool transposeA, bool transposeB, int m, int n, int k, double alpha, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc);

    /// <summary>
    /// Thin SVD of the m x n row-major matrix A: A = U diag(S) Vt with r = min(m, n), U m x r,
    /// S descending and non-negative, Vt r x n. Signs of singular-vector pairs are unspecified.
    /// </summary>
    void Svd(int m, int n, ReadOnlySpan<double> a, Span<double> u, Span<double> s, Span<double> vt);

    /// <summary>
    /// Eigen-decomposition of the symmetric n x n matrix A (only its values are read, both
    /// triangles): eigenvalues ascending; eigenvector i is column i of the row-major n x n
    /// <paramref name="vectors"/>.
    /// </summary>
    void SymmetricEigen(int n, ReadOnlySpan<double> a, Span<double> eigenvalues, Span<double> vectors);

    /// <summary>
    /// Solves A X = B for symmetric positive-definite A (n x n, overwritten by its factor) and
    /// B (n x nrhs row-major, overwritten by X). Returns false when A is not positive definite.
    /// </summary>
    bool CholeskySolve(int n, int nrhs, Span<double> a, Span<double> b);
}
