namespace FaceCompat.Experiments;

public sealed partial class ToyMlp
{
    /// <summary>Full-batch Adam on mean softmax cross-entropy; returns the final training loss.</summary>
    public double Train(double[][] inputs, int[] labels, int epochs, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        var m = new double[6][];
        var v = new double[6][];
        for (int p = 0; p < 6; p++)
        {
            int len = (p % 2 == 0 ? _weights[p / 2] : _biases[p / 2]).Length;
            m[p] = new double[len];
            v[p] = new double[len];
        }

        double loss = double.NaN;
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            double[][] grads = Gradients(inputs, labels, out loss);
            double c1 = 1.0 - Math.Pow(0.9, epoch);
            double c2 = 1.0 - Math.Pow(0.999, epoch);
            for (int p = 0; p < 6; p++)
            {
                double[] theta = p % 2 == 0 ? _weights[p / 2] : _biases[p / 2];
                for (int i = 0; i < theta.Length; i++)
                {
                    m[p][i] = (0.9 * m[p][i]) + (0.1 * grads[p][i]);
                    v[p][i] = (0.999 * v[p][i]) + (0.001 * grads[p][i] * grads[p][i]);
                    theta[i] -= learningRate * (m[p][i] / c1) / (Math.Sqrt(v[p][i] / c2) + 1e-8);
                }
            }
        }

        return loss;
    }

    private double[][] Gradients(double[][] inputs, int[] labels, out double loss)
    {
        var g = new double[6][];
        for (int p = 0; p < 6; p++)
        {
            g[p] = new double[(p % 2 == 0 ? _weights[p / 2] : _biases[p / 2]).Length];
        }

        loss = 0.0;
        double inv = 1.0 / inputs.Length;
        for (int n = 0; n < inputs.Length; n++)
        {
            double[] x = inputs[n];
            double[] h1 = Layer(0, x, true);
            double[] h2 = Layer(1, h1, true);
            double[] z = Layer(2, h2, false);
            double max = z.Max();
            double[] e = z.Select(t => Math.Exp(t - max)).ToArray();
            double sum = e.Sum();
            loss -= Math.Log(e[labels[n]] / sum) * inv;
            double[] dz = e.Select((t, k) => ((t / sum) - (k == labels[n] ? 1.0 : 0.0)) * inv).ToArray();
            double[] dh2 = Backward(2, h2, dz, g[4], g[5]);
            double[] da2 = dh2.Select((t, k) => t * (1.0 - (h2[k] * h2[k]))).ToArray();
            double[] dh1 = Backward(1, h1, da2, g[2], g[3]);
            double[] da1 = dh1.Select((t, k) => t * (1.0 - (h1[k] * h1[k]))).ToArray();
            Backward(0, x, da1, g[0], g[1]);
        }

        return g;
    }

    /// <summary>Accumulates dW, db of layer l for output gradient dy; returns the input gradient.</summary>
    private double[] Backward(int l, double[] input, double[] dy, double[] dw, double[] db)
    {
        int outputs = dy.Length;
        var dx = new double[input.Length];
        for (int i = 0; i < input.Length; i++)
        {
            double s = 0.0;
            for (int o = 0; o < outputs; o++)
            {
                dw[(i * outputs) + o] += input[i] * dy[o];
                s += _weights[l][(i * outputs) + o] * dy[o];
            }

            dx[i] = s;
        }

        for (int o = 0; o < outputs; o++)
        {
            db[o] += dy[o];
        }

        return dx;
    }
}
