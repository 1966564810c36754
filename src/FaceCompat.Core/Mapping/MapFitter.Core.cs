using FaceCompat.Data;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Mapping;

public static partial class MapFitter
{
    /// <summary>
    /// <see cref="Fit(RowSubset, RowSubset, IReadOnlyList{MapMethod}, double, IDenseKernels)"/> for the
    /// protocol runner: the source side of the fit is shared with other targets of the same source rows
    /// (the rows must not change while cached: a dataset's embeddings never do). <paramref name="identities"/>
    /// (or <paramref name="mlp"/>'s) give the identity-disjoint methods their halves.
    /// </summary>
    internal static IReadOnlyList<FittedMap> FitSharingSource(RowSubset sourceFitRows, RowSubset targetFitRows, IReadOnlyList<MapMethod> methods, double ridgeLambda, IDenseKernels kernels, MlpFitting? mlp = null, FittingIdentities? identities = null)
        => FitCore(sourceFitRows, targetFitRows, methods, ridgeLambda, kernels, shareSource: true, mlp: mlp, identities: identities);

    private static IReadOnlyList<FittedMap> FitCore(RowSubset sourceFitRows, RowSubset targetFitRows, IReadOnlyList<MapMethod> methods, double ridgeLambda, IDenseKernels kernels, bool shareSource = false, MlpFitting? mlp = null, FittingIdentities? identities = null)
    {
        ArgumentNullException.ThrowIfNull(sourceFitRows.Matrix);
        ArgumentNullException.ThrowIfNull(targetFitRows.Matrix);
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(kernels);
        if (sourceFitRows.Count != targetFitRows.Count)
        {
            throw new DataFormatException(
                $"the source has {sourceFitRows.Count} fitting rows but the target has {targetFitRows.Count}; both models must see the same images in the same order.");
        }

        if (sourceFitRows.Count < 2)
        {
            throw new DataFormatException($"a map needs at least 2 fitting rows, found {sourceFitRows.Count}.");
        }

        if (!(ridgeLambda >= 0) || double.IsInfinity(ridgeLambda))
        {
            throw new ArgumentOutOfRangeException(nameof(ridgeLambda), ridgeLambda, "The ridge lambda must be a finite number >= 0.");
        }

        identities ??= mlp is null ? null : new FittingIdentities(mlp.Identities, mlp.Seed);
        bool withGram = methods.Any(m => m is MapMethod.Linear or MapMethod.Ridge);
        var problem = FittingProblem.Create(sourceFitRows, targetFitRows, kernels, withGram, shareSource);
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
                MapMethod.Unpaired or MapMethod.UnpairedGw or MapMethod.UnpairedDisjoint or MapMethod.UnpairedGwDisjoint => FitUnpaired(sourceFitRows, targetFitRows, method, identities, kernels),
                MapMethod.Mlp => FitMlp(sourceFitRows, targetFitRows, ridgeLambda, mlp, kernels),
                _ => throw new ArgumentOutOfRangeException(nameof(methods), method, "Unknown map method."),
            });
        }

        return maps;
    }
}
