using FaceCompat.Data;
using FaceCompat.Experiments;
using FaceCompat.Geometry;

namespace FaceCompat.Tests.Experiments;

public sealed class ToyExperimentTests
{
    [Fact]
    public void Mlp_learns_the_blobs_and_useless_dimensions_get_higher_energy()
    {
        IReadOnlyList<ToyEnergy> energies = ToyExperiment.Run(runs: 2, perClass: 60, epochs: 300, learningRate: 0.01, scales: [0.25], seed: 11);
        energies.Should().OnlyContain(e => e.TrainingAccuracy > 0.9);
        double useful = energies.Where(e => e.Useful).Average(e => e.Energy);
        double useless = energies.Where(e => !e.Useful).Average(e => e.Energy);
        useless.Should().BeGreaterThan(useful);
    }

    [Fact]
    public void Energy_is_minus_one_for_an_aligned_field_and_near_zero_for_a_random_one()
    {
        const int N = 400;
        var embeddings = new Matrix<double>(N, 2);
        var aligned = new Matrix<double>(N, 2);
        var random = new Matrix<double>(N, 2);
        var rng = new Random(3);
        for (int i = 0; i < N; i++)
        {
            embeddings[i, 0] = rng.NextDouble();
            embeddings[i, 1] = rng.NextDouble();
            aligned[i, 0] = 1.0;
            double angle = 2.0 * Math.PI * rng.NextDouble();
            random[i, 0] = Math.Cos(angle);
            random[i, 1] = Math.Sin(angle);
        }

        int[] clouds = new int[N];
        InvarianceEnergy.Compute(embeddings, aligned, clouds, 0.5, 1).Should().BeApproximately(-1.0, 1e-12);
        InvarianceEnergy.Compute(embeddings, random, clouds, 0.5, 1).Should().BeInRange(-0.05, 0.05);
    }
}
