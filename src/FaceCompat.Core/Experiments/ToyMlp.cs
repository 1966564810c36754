using FaceCompat.Randomness;

namespace FaceCompat.Experiments;

/// <summary>
/// The paper's toy network: input -> 16 tanh -> 16 tanh (the "embedding", penultimate layer) -> 3
/// logits, softmax cross-entropy, trained full-batch with Adam (beta1 0.9, beta2 0.999, eps 1e-8).
/// tanh rather than ReLU so the finite-difference field is never a zero vector from dead units.
/// </summary>
public sealed partial class ToyMlp
{
    /// <summary>Hidden units.</summary>
    public const int Hidden = 16;
    private readonly int _inputs;
    private readonly int _classes;
    private readonly double[][] _weights;
    private readonly double[][] _biases;

    /// <summary>A network with seeded initial weights.</summary>
    public ToyMlp(int inputs, int classes, ulong seed)
    {
        _inputs = inputs;
        _classes = classes;
        int[] sizes = [inputs, Hidden, Hidden, classes];
        _weights = new double[3][];
        _biases = new double[3][];
        var rng = new SplitMix64(seed);
        for (int l = 0; l < 3; l++)
        {
            double scale = Math.Sqrt(1.0 / sizes[l]);
            _weights[l] = new double[sizes[l] * sizes[l + 1]];
            _biases[l] = new double[sizes[l + 1]];
            for (int i = 0; i < _weights[l].Length; i++)
            {
                _weights[l][i] = scale * ToyDataset.Gaussian(ref rng);
            }
        }
    }

    /// <summary>Penultimate-layer activations (16 values) of one input.</summary>
    public double[] Embed(ReadOnlySpan<double> x)
    {
        double[] h1 = Layer(0, x, true);
        return Layer(1, h1, true);
    }

    /// <summary>The predicted class of one input.</summary>
    public int Predict(ReadOnlySpan<double> x)
    {
        double[] logits = Layer(2, Embed(x), false);
        return Array.IndexOf(logits, logits.Max());
    }

    private double[] Layer(int l, ReadOnlySpan<double> input, bool tanh)
    {
        int outputs = _biases[l].Length;
        var y = new double[outputs];
        for (int o = 0; o < outputs; o++)
        {
            double s = _biases[l][o];
            for (int i = 0; i < input.Length; i++)
            {
                s += input[i] * _weights[l][(i * outputs) + o];
            }

            y[o] = tanh ? Math.Tanh(s) : s;
        }

        return y;
    }
}
