using FaceCompat.Data;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Alignment;

public static partial class MapFitter
{
    private static IReadOnlyList<FittedMap> FitCore(Matrix<float> sourceFitRows, Matrix<float> targetFitRows, IReadOnlyList<MapMethod> methods, double ridgeLambda, IDenseKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(sourceFitRows);
        ArgumentNullException.ThrowIfNull(targetFitRows);
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(kernels);
        if (sourceFitRows.Rows != targetFitRows.Rows)
        {
            throw new DataFormatException(
                $"the source has {sourceFitRows.Rows} fitting rows but the target has {targetFitRows.Rows}; both models must see the same images in the same order.");
        }

        if (sourceFitRows.Rows < 2)
        {
            throw new DataFormatException($"a map needs at least 2 fitting rows, found {sourceFitRows.Rows}.");
        }

        if (!(ridgeLambda >= 0) || double.IsInfinity(ridgeLambda))
        {
            throw new ArgumentOutOfRangeException(nameof(ridgeLambda), ridgeLambda, "The ridge lambda must be a finite number >= 0.");
        }

        bool withGram = methods.Any(m => m is MapMethod.Linear or MapMethod.Ridge);
        var problem = FittingProblem.Create(sourceFitRows, targetFitRows, kernels, withGram);
        var maps = new List<FittedMap>(methods.Count);
        foreach (MapMethod method in methods)
        {
            maps.Add(method switch
            {
                MapMethod.Baseline => problem.Baseline(),
                MapMethod.Procrustes => problem.Procrustes(),
                MapMethod.Linear => problem.Linear(),
                MapMethod.Ridge => problem.Ridge(ridgeLambda),
                MapMethod.Null => problem.RandomOrthogonal(),
                _ => throw new ArgumentOutOfRangeException(nameof(methods), method, "Unknown map method."),
            });
        }

        return maps;
    }
}
