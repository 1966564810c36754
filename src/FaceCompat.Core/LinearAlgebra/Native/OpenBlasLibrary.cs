namespace FaceCompat.LinearAlgebra.Native;

/// <summary>
/// The OpenBLAS (libopenblas.so.0) and LAPACKE (liblapacke.so.3) entry points this project uses,
/// resolved once as unmanaged function pointers. All P/Invoke of these libraries lives in this folder.
/// </summary>
internal sealed unsafe class OpenBlasLibrary
{
    public const int RowMajor = 101;
    public const int NoTrans = 111;
    public const int Trans = 112;

    private static readonly Lazy<OpenBlasLibrary?> s_instance = new(Load);

    // Kept alive for the process lifetime: the function pointers below point into them.
    private readonly NativeLibraryHandle _blas;
    private readonly NativeLibraryHandle _lapacke;

    private OpenBlasLibrary(NativeLibraryHandle blas, NativeLibraryHandle lapacke)
    {
        _blas = blas;
        _lapacke = lapacke;
    }

    /// <summary>The loaded libraries, or null when either is missing or lacks an export.</summary>
    public static OpenBlasLibrary? Instance => s_instance.Value;

    public const string InstallHint = "apt-get install libopenblas0 liblapacke";

    public delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> Sgemm { get; private set; }

    public delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> Dgemm { get; private set; }

    /// <summary>LAPACKE_dgesdd(layout, jobz, m, n, a, lda, s, u, ldu, vt, ldvt).</summary>
    public delegate* unmanaged<int, byte, int, int, double*, int, double*, double*, int, double*, int, int> Dgesdd { get; private set; }

    /// <summary>LAPACKE_dsyevd(layout, jobz, uplo, n, a, lda, w).</summary>
    public delegate* unmanaged<int, byte, byte, int, double*, int, double*, int> Dsyevd { get; private set; }

    /// <summary>LAPACKE_dposv(layout, uplo, n, nrhs, a, lda, b, ldb).</summary>
    public delegate* unmanaged<int, byte, int, int, double*, int, double*, int, int> Dposv { get; private set; }

    public override string ToString() => $"OpenBLAS {(_blas.IsInvalid ? "?" : "loaded")}, LAPACKE {(_lapacke.IsInvalid ? "?" : "loaded")}";

    private static OpenBlasLibrary? Load()
    {
        NativeLibraryHandle? blas = NativeLibraryHandle.TryLoad("libopenblas.so.0", "libopenblas.so", "openblas");
        NativeLibraryHandle? lapacke = NativeLibraryHandle.TryLoad("liblapacke.so.3", "liblapacke.so", "lapacke");
        if (blas is null || lapacke is null)
        {
            blas?.Dispose();
            lapacke?.Dispose();
            return null;
        }

        IntPtr sgemm = blas.Export("cblas_sgemm");
        IntPtr dgemm = blas.Export("cblas_dgemm");
        IntPtr gesdd = lapacke.Export("LAPACKE_dgesdd");
        IntPtr syevd = lapacke.Export("LAPACKE_dsyevd");
        IntPtr posv = lapacke.Export("LAPACKE_dposv");
        if (sgemm == IntPtr.Zero || dgemm == IntPtr.Zero || gesdd == IntPtr.Zero || syevd == IntPtr.Zero || posv == IntPtr.Zero)
        {
            blas.Dispose();
            lapacke.Dispose();
            return null;
        }

        return new OpenBlasLibrary(blas, lapacke)
        {
            Sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)sgemm,
            Dgemm = (delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)dgemm,
            Dgesdd = (delegate* unmanaged<int, byte, int, int, double*, int, double*, double*, int, double*, int, int>)gesdd,
            Dsyevd = (delegate* unmanaged<int, byte, byte, int, double*, int, double*, int>)syevd,
            Dposv = (delegate* unmanaged<int, byte, int, int, double*, int, double*, int, int>)posv,
        };
    }
}
