using FaceCompat.Data;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Mapping;

public static partial class MapFitter
{
    /// <summary>
    /// <see cref="Fit(RowSubset, RowSubset, IReadOnlyList{MapMethod}, double, IDenseKernels)"/> for the
    /// protocol runner: the source side of the fit is shared with other targets of the same source rows
    /// (the rows must not change while cached: a dataset's embeddings never do).
    /// </summary>
    internal static IReadOnlyList<FittedMap> FitSharingSource(RowSubset sourceFitRows, RowSubset targetFitRows, IReadOnlyList<MapMethod> methods, double ridgeLambda, IDenseKernels kernels)
        => FitCore(sourceFitRows, targetFitRows, methods, ridgeLambda, kernels, shareSource: true);

    private static IReadOnlyList<FittedMap> FitCore(RowSubset sourceFitRows, RowSubset targetFitRows, IReadOnlyList<MapMethod> methods, double ridgeLambda, IDenseKernels kernels, bool shareSource = false)
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
                MapMethod.Unpaired or MapMethod.UnpairedGw => FitUnpaired(sourceFitRows, targetFitRows, method, kernels),
                _ => throw new ArgumentOutOfRangeException(nameof(methods), method, "Unknown map method."),
            });
        }

        return maps;
    }

    /// <summary>
    /// An unpaired map: the target's fitting rows in a seeded shuffled order (the correspondence is withheld,
    /// not just unused), then each side's rows in a canonical order (sorted by value, so that the means and
    /// every seeded step are the same for any order of the rows), l2-normalised and centred with their own
    /// means, fitted by <see cref="UnpairedAlignment"/>.
    /// </summary>
    private static FittedMap FitUnpaired(RowSubset sourceFitRows, RowSubset targetFitRows, MapMethod method, IDenseKernels kernels)
    {
        int[] shuffle = Shuffle(targetFitRows.Count, 0x53485546UL);
        (Matrix<double> source, double[] meanS) = CanonicalCentred(sourceFitRows, Enumerable.Range(0, sourceFitRows.Count).ToArray());
        (Matrix<double> target, double[] meanT) = CanonicalCentred(targetFitRows, shuffle);
        var options = new UnpairedOptions();
        int threads = Environment.ProcessorCount;
        double[] w = method == MapMethod.Unpaired
            ? UnpairedAlignment.Fit(source, target, options, kernels, threads)
            : UnpairedAlignment.FitGromovWasserstein(source, target, options, kernels, threads);
        return new FittedMap
        {
            Method = method,
            SourceMean = meanS,
            TargetMean = meanT,
            Weights = new Matrix<double>(source.Columns, target.Columns, w),
            PreservesNorm = true,
        };
    }

    /// <summary>The rows (taken in <paramref name="order"/>) l2-normalised in float64, sorted by value, centred; and their mean.</summary>
    private static (Matrix<double> Rows, double[] Mean) CanonicalCentred(RowSubset rows, int[] order)
    {
        var normalised = new Matrix<double>(rows.Count, rows.Columns);
        double[] none = new double[rows.Columns];
        for (int r = 0; r < rows.Count; r++)
        {
            RowPreprocessing.NormaliseAndCentre(rows.Row(order[r]), none, normalised.MutableRow(r));
        }

        Matrix<double> sorted = UnpairedAlignment.CanonicalOrder(normalised);
        double[] mean = RowPreprocessing.ColumnMeans(sorted);
        RowPreprocessing.SubtractInPlace(sorted, mean);
        return (sorted, mean);
    }

    /// <summary>A seeded Fisher-Yates permutation of 0..n-1.</summary>
    private static int[] Shuffle(int n, ulong seed)
    {
        int[] order = Enumerable.Range(0, n).ToArray();
        var rng = new Randomness.SplitMix64(seed);
        for (int i = n - 1; i > 0; i--)
        {
            int j = (int)rng.NextBelow((ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
