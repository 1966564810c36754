using FaceCompat.LinearAlgebra.Native;

namespace FaceCompat.LinearAlgebra;

/// <summary>
/// Chooses the kernel provider. <c>FACECOMPAT_KERNELS</c> = <c>auto</c> (default: OpenBLAS +
/// LAPACKE when both load, else managed), <c>managed</c>, or <c>openblas</c> (an error when the
/// libraries are missing).
/// </summary>
public static class DenseKernels
{
    private static readonly Lazy<IDenseKernels?> s_openBlas = new(() =>
    {
        OpenBlasImports? api = OpenBlasImports.TryLoad(out string? problem);
        OpenBlasProblem = problem;
        return api is null ? null : new OpenBlasKernels(api);
    });

    private static readonly Lazy<IDenseKernels> s_default = new(() => Choose(Environment.GetEnvironmentVariable("FACECOMPAT_KERNELS")));

    public static IDenseKernels Default => s_default.Value;

    public static IDenseKernels Managed => ManagedKernels.Instance;

    /// <summary>Why OpenBLAS could not be used, after a failed <see cref="TryGetOpenBlas"/>.</summary>
    public static string? OpenBlasProblem { get; private set; }

    public static bool TryGetOpenBlas(out IDenseKernels kernels)
    {
        kernels = s_openBlas.Value!;
        return kernels is not null;
    }

    /// <summary>
    /// Runs native kernels on one thread until disposed, for callers that run several kernel
    /// calls in parallel themselves (OpenBLAS threads would otherwise oversubscribe the cores).
    /// </summary>
    public static IDisposable SingleThreadedNative(IDenseKernels kernels)
    {
        if (kernels is OpenBlasKernels native)
        {
            int before = native.Threads;
            native.Threads = 1;
            return new Restore(() => native.Threads = before);
        }

        return new Restore(() => { });
    }

    /// <summary>The provider a setting names: auto, managed or openblas.</summary>
    public static IDenseKernels Choose(string? setting) => (setting ?? "auto").Trim().ToLowerInvariant() switch
    {
        "" or "auto" => TryGetOpenBlas(out IDenseKernels native) ? native : Managed,
        "managed" => Managed,
        "openblas" => TryGetOpenBlas(out IDenseKernels native) ? native : throw new ModelException($"FACECOMPAT_KERNELS=openblas, but {OpenBlasProblem}"),
        _ => throw new ModelException($"FACECOMPAT_KERNELS='{setting}' is not a kernel provider; use auto, managed or openblas."),
    };

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
