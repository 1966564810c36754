using FaceCompat.Data;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Mapping;

/// <summary>Each fitting row's identity code and the cell's seed: what the identity-disjoint unpaired methods split on.</summary>
public sealed record FittingIdentities(int[] Codes, int Seed);

public static partial class MapFitter
{
    /// <summary>
    /// Fits each of <paramref name="methods"/> like <see cref="Fit(RowSubset, RowSubset, IReadOnlyList{MapMethod}, double, IDenseKernels)"/>;
    /// <paramref name="identities"/> (required by the identity-disjoint methods, <see cref="MapMethods.IsIdentityDisjoint"/>) gives each fitting row's identity and the seed of the halves.
    /// </summary>
    public static IReadOnlyList<FittedMap> Fit(RowSubset sourceFitRows, RowSubset targetFitRows, IReadOnlyList<MapMethod> methods, double ridgeLambda, IDenseKernels kernels, FittingIdentities identities)
        => FitCore(sourceFitRows, targetFitRows, methods, ridgeLambda, kernels, identities: identities);

    /// <summary>
    /// An unpaired map: the target's fitting rows in a seeded shuffled order (the correspondence is withheld,
    /// not just unused), then each side's rows in a canonical order (sorted by value, so that the means and
    /// every seeded step are the same for any order of the rows), l2-normalised and centred with their own
    /// means, fitted by <see cref="UnpairedAlignment"/>. The identity-disjoint methods give the source the rows
    /// of the first half of <see cref="IdentitySplit.DisjointHalves"/> and the target those of the second:
    /// the two models then never see the same person.
    /// </summary>
    private static FittedMap FitUnpaired(RowSubset sourceFitRows, RowSubset targetFitRows, MapMethod method, FittingIdentities? identities, IDenseKernels kernels)
    {
        if (method.IsIdentityDisjoint())
        {
            if (identities is null)
            {
                throw new ArgumentNullException(nameof(identities), $"The {method.ToName()} method needs the fitting rows' identities and a seed (FittingIdentities).");
            }

            if (identities.Codes.Length != sourceFitRows.Count)
            {
                throw new ArgumentException($"{identities.Codes.Length} identity codes for {sourceFitRows.Count} fitting rows.", nameof(identities));
            }

            (int[] first, int[] second) = IdentitySplit.DisjointHalves(identities.Codes, identities.Seed);
            (sourceFitRows, targetFitRows) = (Subset(sourceFitRows, first), Subset(targetFitRows, second));
        }

        int[] shuffle = Shuffle(targetFitRows.Count, 0x53485546UL);
        (Matrix<double> source, double[] meanS) = CanonicalCentred(sourceFitRows, Enumerable.Range(0, sourceFitRows.Count).ToArray());
        (Matrix<double> target, double[] meanT) = CanonicalCentred(targetFitRows, shuffle);
        var options = new UnpairedOptions();
        int threads = Environment.ProcessorCount;
        double[] w = method is MapMethod.Unpaired or MapMethod.UnpairedDisjoint
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
