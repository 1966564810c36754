using System.Collections.Immutable;
using FaceCompat.Data;
using FaceCompat.Geometry;

namespace FaceCompat.Experiments;

/// <summary>One energy of the toy experiment: run, input dimension, relative scale.</summary>
public readonly record struct ToyEnergy(int Run, int Dimension, bool Useful, double RelativeScale, double Energy, double TrainingAccuracy);

/// <summary>
/// The paper's toy experiment: per run, fresh data and a fresh 16-16-3 MLP trained with Adam; for every
/// input dimension a the field v_a(x) = normalise(f(x + h e_a) - f(x)) (h = 1e-4) of the penultimate
/// layer f over the training points; invariance energy per dimension and scale with the classes as
/// clouds. The paper's finding: useless dimensions get higher (closer to 0) energy than useful ones.
/// </summary>
public static class ToyExperiment
{
    /// <summary>The relative scales of the paper's figure: the neighbourhood radius as a fraction of the cloud's mean pairwise distance.</summary>
    public static readonly ImmutableArray<double> DefaultScales = [0.1, 0.25, 0.5, 1.0];

    /// <summary>Trains <paramref name="runs"/> toy MLPs (seeded) and measures the invariance energy of their hidden layer at each relative scale.</summary>
    public static IReadOnlyList<ToyEnergy> Run(int runs, int perClass, int epochs, double learningRate, IReadOnlyList<double> scales, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(scales);
        var results = new List<ToyEnergy>();
        for (int run = 0; run < runs; run++)
        {
            ulong runSeed = seed + (ulong)run * 1000UL;
            (double[][] x, int[] labels) = ToyDataset.Generate(perClass, runSeed);
            var mlp = new ToyMlp(x[0].Length, ToyDataset.Classes, runSeed + 1);
            mlp.Train(x, labels, epochs, learningRate);
            double accuracy = Enumerable.Range(0, x.Length).Count(i => mlp.Predict(x[i]) == labels[i]) / (double)x.Length;
            Matrix<double> embeddings = Rows(x.Select(r => mlp.Embed(r)).ToArray());
            for (int a = 0; a < x[0].Length; a++)
            {
                Matrix<double> field = Field(mlp, x, a, 1e-4);
                foreach (double scale in scales)
                {
                    double energy = InvarianceEnergy.Compute(embeddings, field, labels, scale, runSeed + 2);
                    results.Add(new ToyEnergy(run, a, a < ToyDataset.UsefulDimensions, scale, energy, accuracy));
                }
            }
        }

        return results;
    }

    private static Matrix<double> Field(ToyMlp mlp, double[][] x, int dimension, double h)
    {
        var rows = new double[x.Length][];
        for (int i = 0; i < x.Length; i++)
        {
            double[] shifted = (double[])x[i].Clone();
            shifted[dimension] += h;
            double[] a = mlp.Embed(x[i]);
            double[] b = mlp.Embed(shifted);
            double[] d = b.Select((t, k) => t - a[k]).ToArray();
            double norm = Math.Sqrt(d.Sum(t => t * t));
            rows[i] = norm == 0.0 ? d : d.Select(t => t / norm).ToArray();
        }

        return Rows(rows);
    }

    private static Matrix<double> Rows(double[][] rows)
    {
        var m = new Matrix<double>(rows.Length, rows[0].Length);
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i].CopyTo(m.MutableRow(i));
        }

        return m;
    }
}
