using FaceCompat.Data;
using FaceCompat.LinearAlgebra;
using FaceCompat.Randomness;

namespace FaceCompat.Mapping;

/// <summary>What fitting an MLP adapter needs beyond the rows: each fitting row's identity code, the cell's seed and the settings.</summary>
public sealed record MlpFitting(int[] Identities, int Seed, MlpOptions Options);

public static partial class MapFitter
{
    /// <summary>
    /// Fits each of <paramref name="methods"/> like <see cref="Fit(RowSubset, RowSubset, IReadOnlyList{MapMethod}, double, IDenseKernels)"/>;
    /// <paramref name="mlp"/> (required when the methods include <see cref="MapMethod.Mlp"/>) gives the identities, seed and settings of the MLP adapter.
    /// </summary>
    public static IReadOnlyList<FittedMap> Fit(RowSubset sourceFitRows, RowSubset targetFitRows, IReadOnlyList<MapMethod> methods, double ridgeLambda, IDenseKernels kernels, MlpFitting? mlp)
        => FitCore(sourceFitRows, targetFitRows, methods, ridgeLambda, kernels, mlp: mlp);

    /// <summary>
    /// The MLP adapter (docs/mlp.md): a seeded, identity-disjoint validation share of the fitting identities
    /// is held out; the ridge map (its W and both means) is fitted on the other, training identities, the
    /// residual is trained on them too and early-stopped on the validation share.
    /// </summary>
    private static FittedMap FitMlp(RowSubset sourceFitRows, RowSubset targetFitRows, double ridgeLambda, MlpFitting? mlp, IDenseKernels kernels)
    {
        if (mlp is null)
        {
            throw new ArgumentNullException(nameof(mlp), "The mlp method needs the fitting rows' identities and a seed (MlpFitting).");
        }

        mlp.Options.Validate();
        if (mlp.Identities.Length != sourceFitRows.Count)
        {
            throw new ArgumentException($"{mlp.Identities.Length} identity codes for {sourceFitRows.Count} fitting rows.", nameof(mlp));
        }

        (int[] trainRows, int[] validationRows) = ValidationSplit(mlp.Identities, mlp.Seed, mlp.Options.ValidationPercent);
        // The linear part is fitted on the training identities only: fitted on all of them, it would have
        // seen the validation rows, whose loss would then favour it over any residual (measured: epoch 0 kept).
        RowSubset trainSource = Subset(sourceFitRows, trainRows), trainTarget = Subset(targetFitRows, trainRows);
        FittedMap ridge = FittingProblem.Create(trainSource, trainTarget, kernels, withGram: true).Ridge(ridgeLambda);
        MlpTrainingSet set = TrainingSet(sourceFitRows, targetFitRows, ridge, mlp.Identities, kernels);
        ulong seed = SplitMix64.Mix(0x4D4C5000UL ^ (uint)mlp.Seed);
        (MlpResidual residual, MlpTrainingReport report) = MlpTrainer.Train(set, trainRows, validationRows, mlp.Options, seed, kernels);
        return new FittedMap
        {
            Method = MapMethod.Mlp,
            Lambda = ridgeLambda,
            SourceMean = ridge.SourceMean,
            TargetMean = ridge.TargetMean,
            Weights = ridge.Weights,
            PreservesNorm = false,
            Residual = residual,
            MlpSettings = mlp.Options,
            MlpTraining = report,
        };
    }

    /// <summary>
    /// The early-stopping split of the fitting rows: the distinct identity codes in ascending order are split
    /// by <see cref="IdentitySplit.TestIdentities"/> with a seed derived from the cell's (so it differs from
    /// the test split's order); the held-out identities' rows validate, the rest train.
    /// </summary>
    /// <exception cref="DataFormatException">Fewer than 3 identities, or the training part has fewer than 2 rows.</exception>
    internal static (int[] Train, int[] Validation) ValidationSplit(int[] identities, int seed, int validationPercent)
    {
        int[] distinct = identities.Distinct().Order().ToArray();
        if (distinct.Length < 3)
        {
            throw new DataFormatException(
                $"the mlp method holds out {validationPercent}% of the fitting identities for early stopping and needs at least 3 fitting identities; found {distinct.Length}. Use more fitting identities (--fit-identities) or a linear method.");
        }

        int validationSeed = (int)(SplitMix64.Mix(0x56414CUL ^ (uint)seed) & int.MaxValue);
        bool[] held = IdentitySplit.TestIdentities(distinct.Length, validationSeed, validationPercent);
        var heldCodes = new HashSet<int>(distinct.Where((_, i) => held[i]));
        var train = new List<int>(identities.Length);
        var validation = new List<int>();
        for (int r = 0; r < identities.Length; r++)
        {
            (heldCodes.Contains(identities[r]) ? validation : train).Add(r);
        }

        if (train.Count < 2)
        {
            throw new DataFormatException($"the mlp method's training part has {train.Count} row(s) after holding out {validationPercent}% of the identities; it needs at least 2. Use more fitting identities.");
        }

        return (train.ToArray(), validation.ToArray());
    }

    private static RowSubset Subset(RowSubset rows, int[] selected) =>
        new(rows.Matrix, rows.Indices is int[] indices ? selected.Select(i => indices[i]).ToArray() : selected);

    private static MlpTrainingSet TrainingSet(RowSubset sourceRows, RowSubset targetRows, FittedMap linear, int[] identities, IDenseKernels kernels)
    {
        int n = sourceRows.Count, ds = linear.SourceDimension, dt = linear.TargetDimension;
        var inputs = Matrix<double>.Uninitialized(n, ds);
        var targets = Matrix<double>.Uninitialized(n, dt);
        for (int r = 0; r < n; r++)
        {
            RowPreprocessing.NormaliseAndCentre(sourceRows.Row(r), linear.SourceMean, inputs.MutableRow(r));
            Span<double> t = targets.MutableRow(r);
            RowPreprocessing.NormaliseAndCentre(targetRows.Row(r), linear.TargetMean, t);
            double norm = 0;
            foreach (double v in t)
            {
                norm += v * v;
            }

            double scale = norm > 0 ? 1.0 / Math.Sqrt(norm) : 1.0;
            for (int c = 0; c < dt; c++)
            {
                t[c] *= scale;
            }
        }

        var mapped = new Matrix<double>(n, dt);
        kernels.Gemm(false, false, n, dt, ds, 1.0, inputs.Values, ds, linear.Weights.Values, dt, 0.0, mapped.MutableValues(), dt);
        return new MlpTrainingSet(inputs, mapped, targets, identities);
    }
}
