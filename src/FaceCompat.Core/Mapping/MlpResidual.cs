using FaceCompat.Data;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Mapping;

/// <summary>
/// The nonlinear part of an MLP adapter (docs/mlp.md): r(x) = b + relu(... relu(x W_1 + b_1) ...) W_out,
/// added to the linear map's x W. <see cref="Weights"/> and <see cref="Biases"/> hold, in order, the
/// hidden layers (W_l: d_(l-1) x h, b_l: h) and then the output layer (W_out: h x d_t, b: d_t).
/// </summary>
public sealed class MlpResidual
{
    /// <summary>A residual of the given shape; the arrays are the parameters (not copied).</summary>
    public MlpResidual(Matrix<double>[] weights, double[][] biases)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(biases);
        if (weights.Length < 2 || weights.Length != biases.Length)
        {
            throw new ArgumentException("An MLP residual needs at least one hidden and one output layer, each with its bias.", nameof(weights));
        }

        for (int l = 0; l < weights.Length; l++)
        {
            if ((l > 0 && weights[l].Rows != weights[l - 1].Columns) || biases[l].Length != weights[l].Columns)
            {
                throw new ArgumentException($"MLP layer {l + 1} is {weights[l].Rows}x{weights[l].Columns} with a bias of {biases[l].Length}; the layers do not chain.", nameof(weights));
            }
        }

        Weights = weights;
        Biases = biases;
    }

    /// <summary>The layers' weights, hidden layers first, the output layer last.</summary>
    public Matrix<double>[] Weights { get; }

    /// <summary>The layers' biases, in the order of <see cref="Weights"/>.</summary>
    public double[][] Biases { get; }

    /// <summary>Hidden layers.</summary>
    public int Layers => Weights.Length - 1;

    /// <summary>Units per hidden layer (of the first one).</summary>
    public int Hidden => Weights[0].Columns;

    /// <summary>Input dimension d_s.</summary>
    public int SourceDimension => Weights[0].Rows;

    /// <summary>Output dimension d_t.</summary>
    public int TargetDimension => Weights[^1].Columns;

    /// <summary>Number of trained values.</summary>
    public int ParameterCount => Weights.Sum(w => w.Rows * w.Columns) + Biases.Sum(b => b.Length);

    /// <summary>
    /// A residual whose hidden layers are He-initialised from <paramref name="seed"/> (Gaussian, scale
    /// sqrt(2 / fan-in), zero biases) and whose output layer and bias are zero, so it starts as r = 0:
    /// the adapter starts as its linear map exactly.
    /// </summary>
    public static MlpResidual Initial(int sourceDimension, int targetDimension, int hidden, int layers, ulong seed)
    {
        var gaussian = new Synthetic.GaussianStream(seed);
        var weights = new Matrix<double>[layers + 1];
        var biases = new double[layers + 1][];
        for (int l = 0; l < layers; l++)
        {
            int fanIn = l == 0 ? sourceDimension : hidden;
            weights[l] = new Matrix<double>(fanIn, hidden, gaussian.Matrix(fanIn, hidden, Math.Sqrt(2.0 / fanIn)));
            biases[l] = new double[hidden];
        }

        weights[layers] = new Matrix<double>(hidden, targetDimension);
        biases[layers] = new double[targetDimension];
        return new MlpResidual(weights, biases);
    }

    /// <summary>A deep copy.</summary>
    public MlpResidual Clone() => new(Weights.Select(w => w.Clone()).ToArray(), Biases.Select(b => (double[])b.Clone()).ToArray());

    /// <summary>y += r(x) for <paramref name="rows"/> row-major rows of x (d_s columns) and y (d_t columns).</summary>
    public void AddTo(ReadOnlySpan<double> x, int rows, Span<double> y, IDenseKernels kernels)
    {
        var activations = new double[Layers][];
        for (int l = 0; l < Layers; l++)
        {
            activations[l] = new double[rows * Weights[l].Columns];
        }

        Forward(x, rows, activations, y, kernels);
    }

    /// <summary>
    /// The forward pass: activations[l] = relu(a_(l-1) W_l + b_l) (rows x h each, kept for the
    /// backward pass), then y += a_L W_out + b.
    /// </summary>
    internal void Forward(ReadOnlySpan<double> x, int rows, double[][] activations, Span<double> y, IDenseKernels kernels)
    {
        ReadOnlySpan<double> input = x;
        for (int l = 0; l < Layers; l++)
        {
            int fanIn = Weights[l].Rows, h = Weights[l].Columns;
            Span<double> a = activations[l].AsSpan(0, rows * h);
            FillRows(a, Biases[l]);
            kernels.Gemm(false, false, rows, h, fanIn, 1.0, input[..(rows * fanIn)], fanIn, Weights[l].Values, h, 1.0, a, h);
            for (int i = 0; i < a.Length; i++)
            {
                a[i] = Math.Max(0.0, a[i]);
            }

            input = a;
        }

        Matrix<double> output = Weights[^1];
        int dt = output.Columns;
        Span<double> result = y[..(rows * dt)];
        for (int r = 0; r < rows; r++)
        {
            Span<double> row = result.Slice(r * dt, dt);
            ReadOnlySpan<double> bias = Biases[^1];
            for (int c = 0; c < dt; c++)
            {
                row[c] += bias[c];
            }
        }

        kernels.Gemm(false, false, rows, dt, output.Rows, 1.0, input, output.Rows, output.Values, dt, 1.0, result, dt);
    }

    private static void FillRows(Span<double> rows, ReadOnlySpan<double> bias)
    {
        for (int start = 0; start < rows.Length; start += bias.Length)
        {
            bias.CopyTo(rows.Slice(start, bias.Length));
        }
    }
}
