using FaceCompat.Data;

namespace FaceCompat.Synthetic;

/// <summary>Features, linear classifiers and labels of two synthetic closed-set models over shared classes.</summary>
public sealed record ClosedSetData(Matrix<float> FeaturesA, Matrix<float> WeightsA, Matrix<float> FeaturesB, Matrix<float> WeightsB, int[] Labels);

/// <summary>
/// Classes are latent centres (Gaussian directions scaled to norm <c>separation</c>); a sample is
/// its centre plus isotropic latent noise; each model sees the latent vector through its own random
/// linear view (d x latent, entries N(0, 1/latent)) plus a little feature noise, and its classifier's
/// row for class c is the view of centre c: a dot-product nearest-centre classifier.
/// </summary>
public static class ClosedSetSynthetic
{
    /// <summary>Seeded synthetic features and classifiers of two models over <paramref name="classes"/> classes.</summary>
    public static ClosedSetData Generate(int classes, int perClass, int latent, int dimA, int dimB, double noise, ulong seed, double separation = 3.0)
    {
        var gaussian = new GaussianStream(seed);
        double[] centres = gaussian.Matrix(classes, latent, 1.0);
        for (int c = 0; c < classes; c++)
        {
            Span<double> row = centres.AsSpan(c * latent, latent);
            double norm = Math.Sqrt(row.ToArray().Sum(v => v * v));
            for (int j = 0; j < latent; j++)
            {
                row[j] *= separation / norm;
            }
        }

        double[] viewA = gaussian.Matrix(dimA, latent, 1.0 / Math.Sqrt(latent));
        double[] viewB = gaussian.Matrix(dimB, latent, 1.0 / Math.Sqrt(latent));
        int n = classes * perClass;
        int[] labels = new int[n];
        var z = new double[n * latent];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i / perClass;
            for (int j = 0; j < latent; j++)
            {
                z[(i * latent) + j] = centres[(labels[i] * latent) + j] + (noise * gaussian.Next());
            }
        }

        return new ClosedSetData(
            View(z, n, latent, viewA, dimA, gaussian, 0.05),
            View(centres, classes, latent, viewA, dimA, gaussian, 0.0),
            View(z, n, latent, viewB, dimB, gaussian, 0.05),
            View(centres, classes, latent, viewB, dimB, gaussian, 0.0),
            labels);
    }

    private static Matrix<float> View(double[] points, int rows, int latent, double[] view, int dim, GaussianStream gaussian, double featureNoise)
    {
        var result = new Matrix<float>(rows, dim);
        for (int i = 0; i < rows; i++)
        {
            for (int d = 0; d < dim; d++)
            {
                double s = 0;
                for (int j = 0; j < latent; j++)
                {
                    s += view[(d * latent) + j] * points[(i * latent) + j];
                }

                result[i, d] = (float)(s + (featureNoise * gaussian.Next()));
            }
        }

        return result;
    }
}
