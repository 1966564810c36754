using System.Globalization;
using FaceCompat.Data;

namespace FaceCompat.Tests;

/// <summary>
/// A small LFW-shaped dataset: identities with a latent vector, two "models" that are different
/// random linear views of latent + per-image noise, and a pairs.txt with the LFW layout.
/// </summary>
internal static class SyntheticLfw
{
    public static void Write(string root, int folds, int perFold, int seed)
    {
        var rng = new Random(seed);
        int identities = folds * perFold * 2;
        const int ImagesPerIdentity = 3;
        const int Latent = 12;
        Directory.CreateDirectory(Path.Combine(root, "embeddings"));
        var paths = new List<string>();
        var ids = new List<string>();
        var latent = new double[identities * ImagesPerIdentity][];
        for (int i = 0; i < identities; i++)
        {
            string name = $"Person_{i:D3}";
            double[] z = Gaussian(rng, Latent, 1.0);
            for (int k = 1; k <= ImagesPerIdentity; k++)
            {
                paths.Add($"{name}/{name}_{k:D4}.jpg");
                ids.Add(name);
                double[] noise = Gaussian(rng, Latent, 0.35);
                latent[paths.Count - 1] = z.Select((v, j) => v + noise[j]).ToArray();
            }
        }

        new DatasetIndex(paths, ids).Write(Path.Combine(root, "index.csv"));
        NpyFile.Write(Path.Combine(root, "embeddings", "a.npy"), View(rng, latent, Latent, 20));
        NpyFile.Write(Path.Combine(root, "embeddings", "b.npy"), View(rng, latent, Latent, 16));

        var lines = new List<string> { $"{folds} {perFold}" };
        int next = 0;
        for (int f = 0; f < folds; f++)
        {
            for (int p = 0; p < perFold; p++, next++)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"Person_{next:D3}\t1\t2"));
            }

            for (int p = 0; p < perFold; p++, next++)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"Person_{next:D3}\t1\tPerson_{(next + 1) % identities:D3}\t3"));
            }
        }

        File.WriteAllLines(Path.Combine(root, "pairs.txt"), lines);
    }

    private static Matrix<float> View(Random rng, double[][] latent, int latentDim, int dim)
    {
        double[] w = Gaussian(rng, latentDim * dim, 1.0);
        var m = new Matrix<float>(latent.Length, dim);
        for (int r = 0; r < latent.Length; r++)
        {
            for (int c = 0; c < dim; c++)
            {
                double s = 0.0;
                for (int j = 0; j < latentDim; j++)
                {
                    s += latent[r][j] * w[(j * dim) + c];
                }

                m[r, c] = (float)s;
            }
        }

        return m;
    }

    private static double[] Gaussian(Random rng, int n, double scale)
    {
        var v = new double[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = scale * Math.Sqrt(-2.0 * Math.Log(1.0 - rng.NextDouble())) * Math.Cos(2.0 * Math.PI * rng.NextDouble());
        }

        return v;
    }
}
