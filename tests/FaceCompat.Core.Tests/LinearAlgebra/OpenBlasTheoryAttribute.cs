using FaceCompat.LinearAlgebra;

namespace FaceCompat.Tests.LinearAlgebra;

/// <summary>A theory that skips with an install hint when OpenBLAS/LAPACKE cannot be loaded.</summary>
public sealed class OpenBlasTheoryAttribute : TheoryAttribute
{
    public OpenBlasTheoryAttribute()
    {
        if (!DenseKernels.TryGetOpenBlas(out _))
        {
            Skip = "OpenBLAS/LAPACKE not loadable (apt-get install libopenblas0 liblapacke).";
        }
    }
}
