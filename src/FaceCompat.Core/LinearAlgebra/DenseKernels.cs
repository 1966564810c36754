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

    private static readonly Lazy<IDenseKernels> s_default = new(() =>
    {
        string? setting = Environment.GetEnvironmentVariable("FACECOMPAT_KERNELS");
        IDenseKernels chosen = Choose(setting);
        if (chosen is ManagedKernels)
        {
            ManagedNotice?.Invoke(ManagedReason(setting));
        }

        return chosen;
    });

    /// <summary>The provider of <c>FACECOMPAT_KERNELS</c>, chosen at the first use (then <see cref="ManagedNotice"/> hears of a managed choice, once).</summary>
    public static IDenseKernels Default => s_default.Value;

    /// <summary>
    /// Told once, when <see cref="Default"/> turns out to be the managed provider: a one-line note
    /// saying why and how to install the native libraries (the CLI writes it to stderr; the library
    /// never writes to the console).
    /// </summary>
    public static Action<string>? ManagedNotice { get; set; }

    /// <summary>The managed (SIMD, multi-threaded) kernels: always available.</summary>
    public static IDenseKernels Managed => ManagedKernels.Instance;

    /// <summary>Why OpenBLAS could not be used, after a failed <see cref="TryGetOpenBlas"/>.</summary>
    public static string? OpenBlasProblem { get; private set; }

    /// <summary>The OpenBLAS/LAPACKE kernels when the native libraries load; false (and no exception) when they do not.</summary>
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

    /// <summary>Why the managed provider runs, and how to get the native one.</summary>
    internal static string ManagedReason(string? setting)
    {
        if (TryGetOpenBlas(out _))
        {
            return "note: linear algebra runs on the managed kernels because FACECOMPAT_KERNELS=managed; unset it to use the installed OpenBLAS/LAPACKE.";
        }

        string why = (setting ?? "auto").Trim().Equals("managed", StringComparison.OrdinalIgnoreCase) ? "FACECOMPAT_KERNELS=managed; " : string.Empty;
        return $"note: linear algebra runs on the managed kernels ({why}{OpenBlasProblem?.TrimEnd('.')}). Same results, slower on large fits; "
            + "to install the native ones run 'bash scripts/setup-native.sh' as root, or: sudo apt-get install libopenblas0 liblapacke.";
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
