using FaceCompat.LinearAlgebra;

namespace FaceCompat.Mapping;

internal static partial class MlpTrainer
{
    /// <summary>
    /// The mean loss of the rows and, when <paramref name="gradient"/> is given, its gradient with respect
    /// to every parameter of <paramref name="net"/> (written into <paramref name="gradient"/>). Mapped rows
    /// y = x W + r(x); regression: mean(1 - y.t / |y|); contrastive: with q = y / |y| and s_ij = q_i.t_j / tau
    /// over the batch, mean_i(logsumexp_j s_ij - logsumexp_(j same identity as i) s_ij). A zero row y gets
    /// loss 1 (regression) and no gradient.
    /// </summary>
    internal static double LossAndGradient(MlpResidual net, MlpTrainingSet set, ReadOnlySpan<int> rows, MlpOptions options, MlpResidual? gradient, IDenseKernels kernels, Workspace w)
    {
        int b = rows.Length, ds = set.SourceDimension, dt = set.TargetDimension;
        for (int r = 0; r < b; r++)
        {
            set.Inputs.Row(rows[r]).CopyTo(w.X.AsSpan(r * ds, ds));
            set.Linear.Row(rows[r]).CopyTo(w.Y.AsSpan(r * dt, dt));
            set.Targets.Row(rows[r]).CopyTo(w.T.AsSpan(r * dt, dt));
        }

        net.Forward(w.X, b, w.Activations, w.Y, kernels);
        double loss = options.Loss == MlpLoss.Contrastive
            ? ContrastiveLoss(set, rows, options.Temperature, w, kernels)
            : RegressionLoss(b, dt, w);
        if (gradient is not null)
        {
            Backward(net, b, gradient, kernels, w);
        }

        return loss;
    }

    private static double RegressionLoss(int b, int dt, Workspace w)
    {
        double loss = 0;
        for (int r = 0; r < b; r++)
        {
            ReadOnlySpan<double> y = w.Y.AsSpan(r * dt, dt);
            ReadOnlySpan<double> t = w.T.AsSpan(r * dt, dt);
            Span<double> dy = w.DY.AsSpan(r * dt, dt);
            double norm = Math.Sqrt(Dot(y, y));
            if (norm == 0)
            {
                loss += 1;
                dy.Clear();
                continue;
            }

            double dot = Dot(y, t);
            loss += 1 - (dot / norm);
            double a = -1.0 / (b * norm), c = dot / (b * norm * norm * norm);
            for (int k = 0; k < dt; k++)
            {
                dy[k] = (a * t[k]) + (c * y[k]);
            }
        }

        return loss / b;
    }

    private static double ContrastiveLoss(MlpTrainingSet set, ReadOnlySpan<int> rows, double tau, Workspace w, IDenseKernels kernels)
    {
        int b = rows.Length, dt = set.TargetDimension;
        Span<double> q = w.Q.AsSpan(0, b * dt);
        for (int r = 0; r < b; r++)
        {
            ReadOnlySpan<double> y = w.Y.AsSpan(r * dt, dt);
            double norm = Math.Sqrt(Dot(y, y));
            w.Norms[r] = norm;
            double scale = norm > 0 ? 1.0 / norm : 0.0;
            for (int k = 0; k < dt; k++)
            {
                q[(r * dt) + k] = y[k] * scale;
            }
        }

        Span<double> s = w.S.AsSpan(0, b * b);
        kernels.Gemm(false, true, b, b, dt, 1.0 / tau, q, dt, w.T.AsSpan(0, b * dt), dt, 0.0, s, b);
        double loss = 0;
        for (int i = 0; i < b; i++)
        {
            Span<double> row = s.Slice(i * b, b);
            int identity = set.Identities[rows[i]];
            double max = double.NegativeInfinity;
            for (int j = 0; j < b; j++)
            {
                max = Math.Max(max, row[j]);
            }

            double all = 0, positives = 0;
            for (int j = 0; j < b; j++)
            {
                double e = Math.Exp(row[j] - max);
                all += e;
                if (set.Identities[rows[j]] == identity)
                {
                    positives += e;
                }
            }

            loss += Math.Log(all) - Math.Log(positives);

            // dL/ds_ij = (softmax over all j - softmax over the positives) / b, kept in s for dq = G T / tau.
            for (int j = 0; j < b; j++)
            {
                double e = Math.Exp(row[j] - max);
                row[j] = ((e / all) - (set.Identities[rows[j]] == identity ? e / positives : 0.0)) / b;
            }
        }

        Span<double> dq = w.DY.AsSpan(0, b * dt);
        kernels.Gemm(false, false, b, dt, b, 1.0 / tau, s, b, w.T.AsSpan(0, b * dt), dt, 0.0, dq, dt);
        for (int r = 0; r < b; r++)
        {
            Span<double> g = dq.Slice(r * dt, dt);
            ReadOnlySpan<double> qr = q.Slice(r * dt, dt);
            double norm = w.Norms[r];
            if (norm == 0)
            {
                g.Clear();
                continue;
            }

            double along = Dot(g, qr);
            for (int k = 0; k < dt; k++)
            {
                g[k] = (g[k] - (along * qr[k])) / norm;
            }
        }

        return loss / b;
    }

    /// <summary>Backpropagates dL/dy (in <see cref="Workspace.DY"/>) through the residual's layers.</summary>
    private static void Backward(MlpResidual net, int b, MlpResidual gradient, IDenseKernels kernels, Workspace w)
    {
        int layers = net.Layers;
        Span<double> delta = w.DY.AsSpan(0, b * net.TargetDimension);
        for (int l = layers; l >= 0; l--)
        {
            int fanIn = net.Weights[l].Rows, fanOut = net.Weights[l].Columns;
            ReadOnlySpan<double> input = l == 0 ? w.X.AsSpan(0, b * fanIn) : w.Activations[l - 1].AsSpan(0, b * fanIn);
            kernels.Gemm(true, false, fanIn, fanOut, b, 1.0, input, fanIn, delta, fanOut, 0.0, gradient.Weights[l].MutableValues(), fanOut);
            Span<double> db = gradient.Biases[l];
            db.Clear();
            for (int r = 0; r < b; r++)
            {
                ReadOnlySpan<double> row = delta.Slice(r * fanOut, fanOut);
                for (int c = 0; c < fanOut; c++)
                {
                    db[c] += row[c];
                }
            }

            if (l == 0)
            {
                break;
            }

            // delta_(l-1) = (delta_l W_l^T) masked by relu'(z_(l-1)) (a > 0), into the buffer delta_l does not use.
            Span<double> next = (l % 2 == layers % 2 ? w.Delta1 : w.Delta2).AsSpan(0, b * fanIn);
            kernels.Gemm(false, true, b, fanIn, fanOut, 1.0, delta, fanOut, net.Weights[l].Values, fanOut, 0.0, next, fanIn);
            ReadOnlySpan<double> a = w.Activations[l - 1].AsSpan(0, b * fanIn);
            for (int i = 0; i < next.Length; i++)
            {
                if (a[i] <= 0)
                {
                    next[i] = 0;
                }
            }

            delta = next;
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    /// <summary>Buffers for one batch, allocated once per training run.</summary>
    internal sealed class Workspace
    {
        public Workspace(MlpTrainingSet set, MlpResidual net, int batchSize)
        {
            int b = batchSize, ds = set.SourceDimension, dt = set.TargetDimension, h = net.Hidden;
            X = new double[b * ds];
            Y = new double[b * dt];
            T = new double[b * dt];
            DY = new double[b * dt];
            Q = new double[b * dt];
            S = new double[b * b];
            Norms = new double[b];
            Delta1 = new double[b * h];
            Delta2 = new double[b * h];
            Activations = Enumerable.Range(0, net.Layers).Select(_ => new double[b * h]).ToArray();
        }

        public double[] X { get; }

        public double[] Y { get; }

        public double[] T { get; }

        public double[] DY { get; }

        public double[] Q { get; }

        public double[] S { get; }

        public double[] Norms { get; }

        public double[] Delta1 { get; }

        public double[] Delta2 { get; }

        public double[][] Activations { get; }
    }
}
