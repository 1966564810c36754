using FaceCompat.Data;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;
using FaceCompat.Randomness;

namespace FaceCompat.Experiments;

/// <summary>One system of the closed-set experiment and its top-1 accuracy on the held-out samples.</summary>
public sealed record ClassifierMapSystem(string Name, string Description, double Top1Percent, int TestSamples);

/// <summary>
/// The closed-set experiment: both models' own accuracy, and in both directions the analytic map
/// pinv(C_target) C_source, the ridge map fitted on the training samples' paired features only,
/// and the control that replaces C_source by a seeded Gaussian matrix of the same shape (chance).
/// Samples are split by a seeded SplitMix64 order; every accuracy is on the test samples.
/// </summary>
public static class ClassifierMapExperiment
{
    /// <summary>Runs the closed-set experiment on features and classifier weights of two models over the same samples and returns each system's test accuracy.</summary>
    public static IReadOnlyList<ClassifierMapSystem> Run(
        Matrix<float> featuresA, Matrix<float> weightsA, Matrix<float> featuresB, Matrix<float> weightsB, int[] labels,
        int seed, int testPercent, double lambda, IDenseKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(featuresA);
        ArgumentNullException.ThrowIfNull(weightsA);
        ArgumentNullException.ThrowIfNull(featuresB);
        ArgumentNullException.ThrowIfNull(weightsB);
        ArgumentNullException.ThrowIfNull(labels);
        Validate(featuresA, weightsA, featuresB, weightsB, labels);
        int n = labels.Length;
        int[] order = Enumerable.Range(0, n).OrderBy(i => SplitMix64.Mix(((ulong)(uint)seed << 32) | (uint)i)).ThenBy(i => i).ToArray();
        int testCount = Math.Clamp(n * testPercent / 100, 1, n - 1);
        int[] test = order[..testCount].Order().ToArray();
        int[] train = order[testCount..].Order().ToArray();
        int[] testLabels = test.Select(i => labels[i]).ToArray();

        Matrix<double> aTrain = ToDouble(featuresA, train), bTrain = ToDouble(featuresB, train);
        Matrix<double> aTest = ToDouble(featuresA, test), bTest = ToDouble(featuresB, test);
        Matrix<double> ca = ToDouble(weightsA, null), cb = ToDouble(weightsB, null);
        var systems = new List<ClassifierMapSystem>
        {
            new("A", "model A's own classifier on its own features", ClassifierMap.Top1(aTest, null, ca, testLabels, kernels), test.Length),
            new("B", "model B's own classifier on its own features", ClassifierMap.Top1(bTest, null, cb, testLabels, kernels), test.Length),
        };
        foreach ((string from, string to, Matrix<double> xTrain, Matrix<double> yTrain, Matrix<double> xTest, Matrix<double> cFrom, Matrix<double> cTo) in new[]
        {
            ("A", "B", aTrain, bTrain, aTest, ca, cb),
            ("B", "A", bTrain, aTrain, bTest, cb, ca),
        })
        {
            Matrix<double> analytic = ClassifierMap.Analytic(cFrom, cTo, kernels);
            Matrix<double> ridge = ClassifierMap.Ridge(xTrain, yTrain, lambda, kernels);
            var random = new Matrix<double>(cFrom.Rows, cFrom.Columns, new Synthetic.GaussianStream(0xC1A55UL ^ (ulong)(uint)seed).Matrix(cFrom.Rows, cFrom.Columns, 1.0));
            Matrix<double> control = ClassifierMap.Analytic(random, cTo, kernels);
            systems.Add(new($"{from}->{to} analytic", $"pinv(C_{to}) C_{from}, then {to}'s classifier", ClassifierMap.Top1(xTest, analytic, cTo, testLabels, kernels), test.Length));
            systems.Add(new($"{from}->{to} ridge", $"ridge (lambda {lambda}) on {train.Length} paired training features, then {to}'s classifier", ClassifierMap.Top1(xTest, ridge, cTo, testLabels, kernels), test.Length));
            systems.Add(new($"{from}->{to} random control", $"pinv(C_{to}) R with R Gaussian in place of C_{from}", ClassifierMap.Top1(xTest, control, cTo, testLabels, kernels), test.Length));
        }

        return systems;
    }

    private static void Validate(Matrix<float> featuresA, Matrix<float> weightsA, Matrix<float> featuresB, Matrix<float> weightsB, int[] labels)
    {
        if (featuresA.Rows != labels.Length || featuresB.Rows != labels.Length)
        {
            throw new DataFormatException($"features A have {featuresA.Rows} rows, features B {featuresB.Rows} and the labels {labels.Length}; each sample needs one row in each, in the same order.");
        }

        if (weightsA.Columns != featuresA.Columns || weightsB.Columns != featuresB.Columns)
        {
            throw new DataFormatException($"classifier A is {weightsA.Rows} x {weightsA.Columns} for {featuresA.Columns}-d features and classifier B is {weightsB.Rows} x {weightsB.Columns} for {featuresB.Columns}-d features; a classifier needs one row per class and one column per feature dimension.");
        }

        if (weightsA.Rows != weightsB.Rows)
        {
            throw new DataFormatException($"classifier A has {weightsA.Rows} classes but classifier B has {weightsB.Rows}; both must score the same classes in the same order.");
        }

        int bad = Array.FindIndex(labels, l => l < 0 || l >= weightsA.Rows);
        if (bad >= 0)
        {
            throw new DataFormatException($"label {labels[bad]} of sample {bad} is not a class of the {weightsA.Rows}-class classifiers (labels are 0-based row numbers of the weights).");
        }

        if (labels.Length < 4)
        {
            throw new DataFormatException($"{labels.Length} samples are too few to split into training and test samples.");
        }
    }

    private static Matrix<double> ToDouble(Matrix<float> m, int[]? rows)
    {
        int count = rows?.Length ?? m.Rows;
        var result = new Matrix<double>(count, m.Columns);
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<float> src = m.Row(rows is null ? i : rows[i]);
            Span<double> dst = result.MutableRow(i);
            for (int c = 0; c < src.Length; c++)
            {
                dst[c] = src[c];
            }
        }

        return result;
    }
}
