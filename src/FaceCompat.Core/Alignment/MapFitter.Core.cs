using FaceCompat.Data;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Alignment;

public static partial class MapFitter
{
    private static IReadOnlyList<FittedMap> FitCore(Matrix<float> sourceFitRows, Matrix<float> targetFitRows, IReadOnlyList<MapMethod> methods, double ridgeLambda, IDenseKernels kernels)
        => throw new NotSupportedException("in progress");
}
