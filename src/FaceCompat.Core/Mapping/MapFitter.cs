using FaceCompat.Data;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Mapping;

/// <summary>
/// Fits maps (PROTOCOL.md, Maps) in float64 on the fitting rows of both models. Several methods
/// fitted on the same rows share the preprocessing and the cross-product Xs^T Xt and Gram Xs^T Xs.
/// </summary>
public static partial class MapFitter
{
    /// <summary>Fits each of <paramref name="methods"/>; raw rows, same count and order in both.</summary>
    public static IReadOnlyList<FittedMap> Fit(RowSubset sourceFitRows, RowSubset targetFitRows, IReadOnlyList<MapMethod> methods, double ridgeLambda, IDenseKernels kernels)
        => FitCore(sourceFitRows, targetFitRows, methods, ridgeLambda, kernels);

    /// <summary>Fits <paramref name="method"/> from source rows to the paired target rows (row i of each is the same image).</summary>
    public static FittedMap Fit(RowSubset sourceFitRows, RowSubset targetFitRows, MapMethod method, double ridgeLambda, IDenseKernels kernels)
        => FitCore(sourceFitRows, targetFitRows, [method], ridgeLambda, kernels)[0];
}
