using FaceCompat.Randomness;

namespace FaceCompat.Experiments;

/// <summary>
/// The paper's toy data: 3 Gaussian blobs (sd 0.5, centres on a circle of radius 2) in 2 useful
/// dimensions, plus 4 useless dimensions uniform on [-1, 1] that carry no class information.
/// </summary>
public static class ToyDataset
{
    /// <summary>Input dimensions that carry the class.</summary>
    public const int UsefulDimensions = 2;
    /// <summary>Input dimensions of pure noise.</summary>
    public const int UselessDimensions = 4;
    /// <summary>Number of classes.</summary>
    public const int Classes = 3;

    /// <summary>Seeded inputs and labels, <paramref name="perClass"/> samples per class.</summary>
    public static (double[][] Inputs, int[] Labels) Generate(int perClass, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var inputs = new double[perClass * Classes][];
        var labels = new int[inputs.Length];
        for (int n = 0; n < inputs.Length; n++)
        {
            int c = n % Classes;
            double angle = 2.0 * Math.PI * c / Classes;
            var x = new double[UsefulDimensions + UselessDimensions];
            x[0] = (2.0 * Math.Cos(angle)) + (0.5 * Gaussian(ref rng));
            x[1] = (2.0 * Math.Sin(angle)) + (0.5 * Gaussian(ref rng));
            for (int d = UsefulDimensions; d < x.Length; d++)
            {
                x[d] = (2.0 * Uniform(ref rng)) - 1.0;
            }

            inputs[n] = x;
            labels[n] = c;
        }

        return (inputs, labels);
    }

    internal static double Uniform(ref SplitMix64 rng) => (rng.Next() >> 11) * (1.0 / (1UL << 53));

    internal static double Gaussian(ref SplitMix64 rng)
    {
        double u = 1.0 - Uniform(ref rng);
        double v = Uniform(ref rng);
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }
}
