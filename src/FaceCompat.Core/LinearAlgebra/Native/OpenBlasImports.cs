namespace FaceCompat.LinearAlgebra.Native;

/// <summary>
/// The few CBLAS and LAPACKE entry points FaceCompat uses, resolved at run time from
/// libopenblas.so.0 and liblapacke.so.3 (Debian: libopenblas0, liblapacke). Row-major layout
/// throughout (CblasRowMajor = LAPACK_ROW_MAJOR = 101).
/// </summary>
internal sealed unsafe class OpenBlasImports
{
    public const int RowMajor = 101;
    public const int NoTrans = 111;
    public const int Trans = 112;

    private readonly NativeLibraryHandle _blas;
    private readonly NativeLibraryHandle _lapacke;

    private OpenBlasImports(NativeLibraryHandle blas, NativeLibraryHandle lapacke)
    {
        _blas = blas;
        _lapacke = lapacke;
        Sgemm = (delegate* unmanaged[Cdecl]<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)Require(blas, "cblas_sgemm");
        Dgemm = (delegate* unmanaged[Cdecl]<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)Require(blas, "cblas_dgemm");
        Dgesdd = (delegate* unmanaged[Cdecl]<int, byte, int, int, double*, int, double*, double*, int, double*, int, int>)Require(lapacke, "LAPACKE_dgesdd");
        Dsyevd = (delegate* unmanaged[Cdecl]<int, byte, byte, int, double*, int, double*, int>)Require(lapacke, "LAPACKE_dsyevd");
        Dposv = (delegate* unmanaged[Cdecl]<int, byte, int, int, double*, int, double*, int, int>)Require(lapacke, "LAPACKE_dposv");
        SetThreads = (delegate* unmanaged[Cdecl]<int, void>)blas.Export("openblas_set_num_threads");
        GetThreads = (delegate* unmanaged[Cdecl]<int>)blas.Export("openblas_get_num_threads");
        IntPtr config = blas.Export("openblas_get_config");
        IntPtr core = blas.Export("openblas_get_corename");
        Config = (config == IntPtr.Zero ? "OpenBLAS" : new string((sbyte*)((delegate* unmanaged[Cdecl]<byte*>)config)()))
            + (core == IntPtr.Zero ? "" : $" (kernels: {new string((sbyte*)((delegate* unmanaged[Cdecl]<byte*>)core)())})");
    }

    public delegate* unmanaged[Cdecl]<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> Sgemm { get; }

    public delegate* unmanaged[Cdecl]<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> Dgemm { get; }

    /// <summary>LAPACKE_dgesdd(layout, jobz, m, n, a, lda, s, u, ldu, vt, ldvt) -> info.</summary>
    public delegate* unmanaged[Cdecl]<int, byte, int, int, double*, int, double*, double*, int, double*, int, int> Dgesdd { get; }

    /// <summary>LAPACKE_dsyevd(layout, jobz, uplo, n, a, lda, w) -> info.</summary>
    public delegate* unmanaged[Cdecl]<int, byte, byte, int, double*, int, double*, int> Dsyevd { get; }

    /// <summary>LAPACKE_dposv(layout, uplo, n, nrhs, a, lda, b, ldb) -> info.</summary>
    public delegate* unmanaged[Cdecl]<int, byte, int, int, double*, int, double*, int, int> Dposv { get; }

    /// <summary>openblas_set_num_threads, or null when the library has none.</summary>
    public delegate* unmanaged[Cdecl]<int, void> SetThreads { get; }

    /// <summary>openblas_get_num_threads, or null.</summary>
    public delegate* unmanaged[Cdecl]<int> GetThreads { get; }

    /// <summary>What openblas_get_config reports (version, threading, build target) and the kernels openblas_get_corename says run.</summary>
    public string Config { get; }

    /// <summary>Loads both libraries, or returns null with the reason.</summary>
    public static OpenBlasImports? TryLoad(out string? problem)
    {
        OpenBlasCoreType.ApplyUnlessSet();
        NativeLibraryHandle? blas = NativeLibraryHandle.TryLoad("libopenblas.so.0", "libopenblas.so", "libopenblas");
        NativeLibraryHandle? lapacke = NativeLibraryHandle.TryLoad("liblapacke.so.3", "liblapacke.so", "liblapacke");
        if (blas is null || lapacke is null)
        {
            blas?.Dispose();
            lapacke?.Dispose();
            problem = "OpenBLAS/LAPACKE not found (install them with: apt-get install libopenblas0 liblapacke).";
            return null;
        }

        try
        {
            problem = null;
            return new OpenBlasImports(blas, lapacke);
        }
        catch (EntryPointNotFoundException e)
        {
            blas.Dispose();
            lapacke.Dispose();
            problem = e.Message;
            return null;
        }
    }

    /// <summary>Throws a <see cref="ModelException"/> naming the routine when LAPACK reports an error.</summary>
    public static void Check(int info, string routine)
    {
        if (info < 0)
        {
            throw new ModelException($"{routine}: argument {-info} was invalid (a FaceCompat bug: please report it).");
        }

        if (info > 0)
        {
            throw new ModelException($"{routine} did not converge (info {info}); the input may contain non-finite values.");
        }
    }

    private static IntPtr Require(NativeLibraryHandle library, string name)
    {
        IntPtr address = library.Export(name);
        return address != IntPtr.Zero ? address : throw new EntryPointNotFoundException($"{name} is missing from the installed library.");
    }
}
