using FaceCompat.LinearAlgebra.Native;

namespace FaceCompat.LinearAlgebra;

/// <summary>
/// Chooses the kernel provider: OpenBLAS/LAPACKE when both libraries load, else managed.
/// The environment variable FACECOMPAT_KERNELS = auto | managed | openblas overrides the choice
/// (read once, on first use of <see cref="Default"/>).
/// </summary>
public static class DenseKernels
{
    private static readonly Lazy<IDenseKernels?> s_openBlas = new(() => OpenBlasLibrary.Instance is { } lib ? new OpenBlasKernels(lib) : null);
    private static readonly Lazy<IDenseKernels> s_default = new(() => Choose(Environment.GetEnvironmentVariable("FACECOMPAT_KERNELS")));

    /// <summary>The managed provider (always available, deterministic).</summary>
    public static IDenseKernels Managed => ManagedKernels.Instance;

    /// <summary>The provider used when none is given.</summary>
    /// <exception cref="ModelException">FACECOMPAT_KERNELS=openblas but the libraries are missing, or an unknown value.</exception>
    public static IDenseKernels Default => s_default.Value;

    /// <summary>The OpenBLAS/LAPACKE provider when libopenblas.so.0 and liblapacke.so.3 load.</summary>
    public static bool TryGetOpenBlas(out IDenseKernels kernels)
    {
        kernels = s_openBlas.Value!;
        return kernels is not null;
    }

    /// <summary>The provider a FACECOMPAT_KERNELS value selects (null or empty = auto).</summary>
    public static IDenseKernels Choose(string? setting)
    {
        switch ((setting ?? "auto").Trim().ToLowerInvariant())
        {
            case "" or "auto":
                return TryGetOpenBlas(out IDenseKernels found) ? found : Managed;
            case "managed":
                return Managed;
            case "openblas":
                return TryGetOpenBlas(out IDenseKernels blas)
                    ? blas
                    : throw new ModelException($"FACECOMPAT_KERNELS=openblas but libopenblas.so.0 or liblapacke.so.3 could not be loaded. Install them with `{OpenBlasLibrary.InstallHint}`, or set FACECOMPAT_KERNELS=managed.");
            default:
                throw new ModelException($"FACECOMPAT_KERNELS='{setting}' is not one of auto, managed, openblas.");
        }
    }
}
