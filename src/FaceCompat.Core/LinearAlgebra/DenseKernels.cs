namespace FaceCompat.LinearAlgebra;

/// <summary>Chooses the kernel provider: OpenBLAS/LAPACKE when present, else managed.</summary>
public static class DenseKernels
{
    /// <summary>The provider used when none is given. (Being built: see the kernels work.)</summary>
    public static IDenseKernels Default => throw new NotSupportedException("Dense kernels are being built.");
}
