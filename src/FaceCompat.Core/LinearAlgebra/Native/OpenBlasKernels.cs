namespace FaceCompat.LinearAlgebra.Native;

/// <summary>
/// IDenseKernels over OpenBLAS cblas_?gemm and LAPACKE dgesdd/dsyevd/dposv (row-major layout).
/// OpenBLAS threads internally; its summation order may depend on the thread count.
/// NaN/infinite input to Svd/SymmetricEigen gives an <see cref="ArgumentException"/> (as in the managed provider).
/// </summary>
internal sealed unsafe class OpenBlasKernels : IDenseKernels
{
    private readonly OpenBlasLibrary _lib;

    public OpenBlasKernels(OpenBlasLibrary lib)
    {
        _lib = lib;
    }

    public string Name => "openblas";

    public void Gemm(bool transposeA, bool transposeB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        KernelArguments.Gemm(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0)
        {
            return;
        }

        fixed (float* pa = a, pb = b, pc = c)
        {
            _lib.Sgemm(OpenBlasLibrary.RowMajor, Op(transposeA), Op(transposeB), m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
        }
    }

    public void Gemm(bool transposeA, bool transposeB, int m, int n, int k, double alpha, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc)
    {
        KernelArguments.Gemm(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0)
        {
            return;
        }

        fixed (double* pa = a, pb = b, pc = c)
        {
            _lib.Dgemm(OpenBlasLibrary.RowMajor, Op(transposeA), Op(transposeB), m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
        }
    }

    public void Svd(int m, int n, ReadOnlySpan<double> a, Span<double> u, Span<double> s, Span<double> vt)
    {
        KernelArguments.Svd(m, n, a.Length, u.Length, s.Length, vt.Length);
        ManagedKernels.RequireFinite(a[..(m * n)], nameof(a));
        int r = Math.Min(m, n);
        if (r == 0)
        {
            return;
        }

        double[] work = a[..(m * n)].ToArray();
        fixed (double* pa = work, ps = s, pu = u, pvt = vt)
        {
            LapackInfo.Check("LAPACKE_dgesdd", _lib.Dgesdd(OpenBlasLibrary.RowMajor, (byte)'S', m, n, pa, n, ps, pu, r, pvt, n));
        }
    }

    public void SymmetricEigen(int n, ReadOnlySpan<double> a, Span<double> eigenvalues, Span<double> vectors)
    {
        KernelArguments.Eigen(n, a.Length, eigenvalues.Length, vectors.Length);
        ManagedKernels.RequireFinite(a[..(n * n)], nameof(a));
        if (n == 0)
        {
            return;
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                vectors[(i * n) + j] = 0.5 * (a[(i * n) + j] + a[(j * n) + i]);
            }
        }

        fixed (double* pv = vectors, pw = eigenvalues)
        {
            LapackInfo.Check("LAPACKE_dsyevd", _lib.Dsyevd(OpenBlasLibrary.RowMajor, (byte)'V', (byte)'U', n, pv, n, pw));
        }
    }

    public bool CholeskySolve(int n, int nrhs, Span<double> a, Span<double> b)
    {
        KernelArguments.Cholesky(n, nrhs, a.Length, b.Length);
        if (n == 0)
        {
            return true;
        }

        int info;
        fixed (double* pa = a, pb = b)
        {
            info = _lib.Dposv(OpenBlasLibrary.RowMajor, (byte)'L', n, nrhs, pa, n, pb, Math.Max(1, nrhs));
        }

        if (info > 0)
        {
            return false;
        }

        LapackInfo.Check("LAPACKE_dposv", info);
        return true;
    }

    private static int Op(bool transpose) => transpose ? OpenBlasLibrary.Trans : OpenBlasLibrary.NoTrans;
}
