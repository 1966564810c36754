namespace FaceCompat.LinearAlgebra.Native;

/// <summary>
/// <see cref="IDenseKernels"/> over OpenBLAS (sgemm/dgemm) and LAPACKE (dgesdd, dsyevd, dposv).
/// Inputs are copied where LAPACK overwrites them, so callers' spans stay intact.
/// </summary>
internal sealed unsafe class OpenBlasKernels : IDenseKernels
{
    private readonly OpenBlasImports _api;

    public OpenBlasKernels(OpenBlasImports api) => _api = api;

    public string Name => "openblas";

    public string Config => _api.Config;

    /// <summary>OpenBLAS's thread count (1 when the library cannot say).</summary>
    public int Threads
    {
        get => _api.GetThreads == null ? 1 : _api.GetThreads();
        set
        {
            if (_api.SetThreads != null)
            {
                _api.SetThreads(Math.Max(1, value));
            }
        }
    }

    public void Gemm(bool transposeA, bool transposeB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        GemmArguments.Validate(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            GemmArguments.ScaleOnly(m, n, beta, c, ldc);
            return;
        }

        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            _api.Sgemm(OpenBlasImports.RowMajor, transposeA ? OpenBlasImports.Trans : OpenBlasImports.NoTrans, transposeB ? OpenBlasImports.Trans : OpenBlasImports.NoTrans, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
        }
    }

    public void Gemm(bool transposeA, bool transposeB, int m, int n, int k, double alpha, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc)
    {
        GemmArguments.Validate(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            GemmArguments.ScaleOnly(m, n, beta, c, ldc);
            return;
        }

        fixed (double* pa = a)
        fixed (double* pb = b)
        fixed (double* pc = c)
        {
            _api.Dgemm(OpenBlasImports.RowMajor, transposeA ? OpenBlasImports.Trans : OpenBlasImports.NoTrans, transposeB ? OpenBlasImports.Trans : OpenBlasImports.NoTrans, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
        }
    }

    public void Svd(int m, int n, ReadOnlySpan<double> a, Span<double> u, Span<double> s, Span<double> vt)
    {
        int r = Math.Min(m, n);
        GemmArguments.RequireLength(a.Length, (long)m * n, "a");
        GemmArguments.RequireLength(u.Length, (long)m * r, "u");
        GemmArguments.RequireLength(s.Length, r, "s");
        GemmArguments.RequireLength(vt.Length, (long)r * n, "vt");
        if (r == 0)
        {
            return;
        }

        double[] copy = a[..(m * n)].ToArray();
        fixed (double* pa = copy)
        fixed (double* pu = u)
        fixed (double* ps = s)
        fixed (double* pvt = vt)
        {
            OpenBlasImports.Check(_api.Dgesdd(OpenBlasImports.RowMajor, (byte)'S', m, n, pa, n, ps, pu, r, pvt, n), "LAPACKE_dgesdd");
        }
    }

    public void SymmetricEigen(int n, ReadOnlySpan<double> a, Span<double> eigenvalues, Span<double> vectors)
    {
        GemmArguments.RequireLength(a.Length, (long)n * n, "a");
        GemmArguments.RequireLength(eigenvalues.Length, n, "eigenvalues");
        GemmArguments.RequireLength(vectors.Length, (long)n * n, "vectors");
        if (n == 0)
        {
            return;
        }

        // Symmetrise so that either triangle gives the same answer.
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                vectors[(i * n) + j] = 0.5 * (a[(i * n) + j] + a[(j * n) + i]);
            }
        }

        fixed (double* pv = vectors)
        fixed (double* pw = eigenvalues)
        {
            OpenBlasImports.Check(_api.Dsyevd(OpenBlasImports.RowMajor, (byte)'V', (byte)'U', n, pv, n, pw), "LAPACKE_dsyevd");
        }
    }

    public bool CholeskySolve(int n, int nrhs, Span<double> a, Span<double> b)
    {
        GemmArguments.RequireLength(a.Length, (long)n * n, "a");
        GemmArguments.RequireLength(b.Length, (long)n * nrhs, "b");
        if (n == 0 || nrhs == 0)
        {
            return true;
        }

        fixed (double* pa = a)
        fixed (double* pb = b)
        {
            int info = _api.Dposv(OpenBlasImports.RowMajor, (byte)'U', n, nrhs, pa, n, pb, nrhs);
            if (info > 0)
            {
                return false;
            }

            OpenBlasImports.Check(info, "LAPACKE_dposv");
            return true;
        }
    }
}
