using System.Globalization;
using FaceCompat.Data;

namespace FaceCompat.Synthetic;

/// <summary>
/// Writes a synthetic dataset folder (index.csv, embeddings/&lt;model&gt;.npy and a manifest.json with each
/// model's family name, <see cref="SyntheticStudySpec.FamilyName"/>). Image i of identity
/// k has latent x = [c_k + spread * e_i, u_i] with identity centre c_k, noise e_i and nuisance
/// u_i. A model of family f computes h = tanh(x (A_f + p G_m) / sqrt(dim x)) with the family's
/// weights A_f (nuisance columns scaled by the model's nuisance weight) and its own perturbation
/// G_m, then e = h P_m + noise, with its own projection P_m to its dimension. Models of a family
/// are close to linear images of each other; across families the relation is nonlinear.
/// </summary>
public static class SyntheticDataset
{
    private const int Hidden = 96;

    /// <summary>Writes a synthetic dataset folder (index.csv, one embedding file per model, manifest) and opens it.</summary>
    public static DatasetFolder Write(SyntheticStudySpec spec, string directory)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int n = spec.Identities * spec.ImagesPerIdentity;
        int latent = spec.LatentDimension + spec.NuisanceDimension;
        var random = new GaussianStream(spec.DataSeed * 0x9E3779B97F4A7C15UL);
        double[] centres = random.Matrix(spec.Identities, spec.LatentDimension, 1.0);
        double[] x = new double[n * latent];
        for (int i = 0; i < n; i++)
        {
            int k = i / spec.ImagesPerIdentity;
            for (int c = 0; c < spec.LatentDimension; c++)
            {
                x[(i * latent) + c] = centres[(k * spec.LatentDimension) + c] + (spec.WithinIdentitySpread * random.Next());
            }

            for (int c = spec.LatentDimension; c < latent; c++)
            {
                x[(i * latent) + c] = random.Next();
            }
        }

        var families = new Dictionary<int, double[]>();
        foreach (SyntheticModelSpec model in spec.Models)
        {
            if (!families.ContainsKey(model.Family))
            {
                families[model.Family] = new GaussianStream(spec.Seed ^ (0xFA000000UL + (ulong)model.Family)).Matrix(latent, Hidden, 1.0);
            }
        }

        Directory.CreateDirectory(Path.Combine(directory, "embeddings"));
        string[] paths = Enumerable.Range(0, n).Select(i => string.Create(CultureInfo.InvariantCulture, $"id{i / spec.ImagesPerIdentity:D5}/img{i % spec.ImagesPerIdentity:D2}.jpg")).ToArray();
        string[] identities = Enumerable.Range(0, n).Select(i => string.Create(CultureInfo.InvariantCulture, $"id{i / spec.ImagesPerIdentity:D5}")).ToArray();
        new DatasetIndex(paths, identities).Write(Path.Combine(directory, "index.csv"));
        ulong modelSeed = spec.Seed * 1000;
        var imageNoise = new GaussianStream((spec.DataSeed * 0x9E3779B97F4A7C15UL) + 17);
        foreach (SyntheticModelSpec model in spec.Models)
        {
            var own = new GaussianStream(++modelSeed);
            double[] weights = (double[])families[model.Family].Clone();
            for (int i = 0; i < weights.Length; i++)
            {
                weights[i] += model.Perturbation * own.Next();
                if (i / Hidden >= spec.LatentDimension)
                {
                    weights[i] *= model.NuisanceWeight;
                }
            }

            double[] projection = own.Matrix(Hidden, model.Dimension, 1.0 / Math.Sqrt(Hidden));
            NpyFile.Write(Path.Combine(directory, "embeddings", model.Name + ".npy"), Embed(x, n, latent, weights, projection, model, imageNoise));
        }

        DatasetManifest.Write(directory, "facecompat synthetic", spec.Models.Select(m => (m.Name, (string?)spec.FamilyName(m))));
        return DatasetFolder.Open(directory);
    }

    private static Matrix<float> Embed(double[] x, int n, int latent, double[] weights, double[] projection, SyntheticModelSpec model, GaussianStream noise)
    {
        var result = new Matrix<float>(n, model.Dimension);
        double[] h = new double[Hidden];
        double scale = 1.0 / Math.Sqrt(latent);
        for (int i = 0; i < n; i++)
        {
            Array.Clear(h);
            for (int c = 0; c < latent; c++)
            {
                double xc = x[(i * latent) + c] * scale;
                for (int j = 0; j < Hidden; j++)
                {
                    h[j] += xc * weights[(c * Hidden) + j];
                }
            }

            Span<float> row = result.MutableRow(i);
            for (int d = 0; d < model.Dimension; d++)
            {
                row[d] = (float)(model.Noise * noise.Next());
            }

            for (int j = 0; j < Hidden; j++)
            {
                double hj = Math.Tanh(h[j]);
                for (int d = 0; d < model.Dimension; d++)
                {
                    row[d] += (float)(hj * projection[(j * model.Dimension) + d]);
                }
            }
        }

        return result;
    }
}
