namespace FaceCompat.LinearAlgebra;

/// <summary>Chooses the kernel provider: OpenBLAS/LAPACKE when present, else managed.</summary>
public static class DenseKernels
{
    /// <summary>The managed provider (always available, deterministic).</summary>
    public static IDenseKernels Managed => ManagedKernels.Instance;

    /// <summary>The provider used when none is given.</summary>
    public static IDenseKernels Default => Managed;
}
