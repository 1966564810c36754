using FaceCompat.LinearAlgebra;
using FaceCompat.Randomness;

namespace FaceCompat.Mapping;

/// <summary>
/// Trains an <see cref="MlpResidual"/> (docs/mlp.md): Adam (beta1 0.9, beta2 0.999, eps 1e-8) on seeded
/// minibatches of the training rows, the loss of <see cref="MlpOptions.Loss"/>, early stopping on the
/// validation rows (the epoch with the lowest validation loss is kept; epoch 0 is the linear map).
/// Every reduction runs in a fixed order on one thread or inside the dense kernels, whose results do
/// not depend on the thread count, so a seed gives the same network on any number of cores.
/// </summary>
internal static partial class MlpTrainer
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;

    public static (MlpResidual Residual, MlpTrainingReport Report) Train(MlpTrainingSet set, int[] trainRows, int[] validationRows, MlpOptions options, ulong seed, IDenseKernels kernels)
    {
        MlpResidual net = MlpResidual.Initial(set.SourceDimension, set.TargetDimension, options.Hidden, options.Layers, SplitMix64.Mix(seed ^ 0x4D4C5031UL));
        var workspace = new Workspace(set, net, options.BatchSize);
        MlpResidual gradient = net.Clone();
        double[][] m = net.Weights.Select(w => new double[w.Rows * w.Columns]).Concat(net.Biases.Select(b => new double[b.Length])).ToArray();
        double[][] v = m.Select(a => new double[a.Length]).ToArray();
        double linearLoss = ValidationLoss(net, set, validationRows, options, kernels, workspace);
        double bestLoss = linearLoss;
        MlpResidual best = net.Clone();
        int bestEpoch = 0, epoch = 0, step = 0;
        var rng = new SplitMix64(SplitMix64.Mix(seed ^ 0x4D4C5032UL));
        int[] order = (int[])trainRows.Clone();
        while (epoch < options.MaxEpochs && epoch - bestEpoch < options.Patience)
        {
            epoch++;
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = (int)rng.NextBelow((ulong)(i + 1));
                (order[i], order[j]) = (order[j], order[i]);
            }

            for (int start = 0; start + 1 < order.Length; start += options.BatchSize)
            {
                int count = Math.Min(options.BatchSize, order.Length - start);
                if (count < 2)
                {
                    break;
                }

                LossAndGradient(net, set, order.AsSpan(start, count), options, gradient, kernels, workspace);
                step++;
                AdamStep(net, gradient, m, v, step, options.LearningRate);
            }

            double loss = ValidationLoss(net, set, validationRows, options, kernels, workspace);
            if (loss < bestLoss)
            {
                bestLoss = loss;
                bestEpoch = epoch;
                best = net.Clone();
            }
        }

        return (best, new MlpTrainingReport(epoch, bestEpoch, linearLoss, bestLoss, trainRows.Length, validationRows.Length));
    }

    /// <summary>The mean loss over the rows, in consecutive blocks of the batch size (each block is one contrastive batch).</summary>
    internal static double ValidationLoss(MlpResidual net, MlpTrainingSet set, int[] rows, MlpOptions options, IDenseKernels kernels, Workspace workspace)
    {
        double total = 0;
        for (int start = 0; start < rows.Length; start += options.BatchSize)
        {
            int count = Math.Min(options.BatchSize, rows.Length - start);
            total += count * LossAndGradient(net, set, rows.AsSpan(start, count), options, null, kernels, workspace);
        }

        return total / rows.Length;
    }

    private static void AdamStep(MlpResidual net, MlpResidual gradient, double[][] m, double[][] v, int step, double learningRate)
    {
        double c1 = 1.0 - Math.Pow(Beta1, step);
        double c2 = 1.0 - Math.Pow(Beta2, step);
        int layers = net.Weights.Length;
        for (int p = 0; p < m.Length; p++)
        {
            Span<double> theta = p < layers ? net.Weights[p].MutableValues() : net.Biases[p - layers];
            ReadOnlySpan<double> g = p < layers ? gradient.Weights[p].Values : gradient.Biases[p - layers];
            double[] mp = m[p], vp = v[p];
            for (int i = 0; i < theta.Length; i++)
            {
                mp[i] = (Beta1 * mp[i]) + ((1 - Beta1) * g[i]);
                vp[i] = (Beta2 * vp[i]) + ((1 - Beta2) * g[i] * g[i]);
                theta[i] -= learningRate * (mp[i] / c1) / (Math.Sqrt(vp[i] / c2) + Epsilon);
            }
        }
    }
}
