using FaceCompat.Data;
using FaceCompat.Evaluation;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Tests.Evaluation;

public sealed class BoundaryForecastTests
{
    private static EvaluationOptions Options => new() { Kernels = DenseKernels.Default };

    [Fact]
    public void A_block_as_large_as_the_cell_holds_every_impostor_pair_once()
    {
        (Matrix<float> q, Matrix<float> g, int[] ids) = CrossModelEvaluatorTests.Noisy(identities: 30, perIdentity: 3, dimension: 12, noise: 1.0, seed: 4);
        BlockSample block = BlockSample.Draw(q, g, ids, side: 500, DenseKernels.Default, csls: null);
        var brute = new List<float>();
        for (int i = 0; i < ids.Length; i++)
        {
            for (int j = i + 1; j < ids.Length; j++)
            {
                if (ids[i] != ids[j])
                {
                    double dot = 0;
                    for (int c = 0; c < q.Columns; c++)
                    {
                        dot += q.Row(i)[c] * (double)g.Row(j)[c];
                    }

                    brute.Add((float)dot);
                }
            }
        }

        brute.Sort();
        block.SortedScores.Should().HaveCount((90 * 89 / 2) - (30 * 3));
        block.SortedScores.Should().Equal(brute, (a, b) => Math.Abs(a - b) <= 1e-5f);
    }

    [Fact]
    public void The_count_deviation_adds_row_and_column_residuals_as_worked_by_hand()
    {
        // Three images of three people, 1-d: q = 1, 2, 3 and g = 1, 1, 1. Kept pairs i < j:
        // (0,1) = 1, (0,2) = 1, (1,2) = 2. At threshold 2 one of three is counted (share 1/3).
        // Rows: row 0 (2 pairs, 0 counted) (0 - 2/3)^2 = 4/9; row 1 (1 pair, 1 counted) (1 - 1/3)^2 = 4/9.
        // Columns: column 1 (1 pair, 0 counted) 1/9; column 2 (2 pairs, 1 counted) (1 - 2/3)^2 = 1/9.
        // Sum 10/9.
        var q = new Matrix<float>(3, 1);
        var g = new Matrix<float>(3, 1);
        for (int i = 0; i < 3; i++)
        {
            q.MutableRow(i)[0] = i + 1;
            g.MutableRow(i)[0] = 1;
        }

        BlockSample block = BlockSample.Draw(q, g, [0, 1, 2], side: 3, DenseKernels.Default, csls: null);
        block.SortedScores.Should().Equal(1f, 1f, 2f);
        block.CountDeviation(2f).Should().BeApproximately(Math.Sqrt(10.0 / 9), 1e-12);
    }

    [Theory]
    [InlineData(700, 5, 32, 1.2, 1)]
    [InlineData(1200, 3, 64, 0.8, 2)]
    [InlineData(500, 8, 16, 1.6, 3)]
    public void The_forecast_from_a_sampled_block_keeps_every_boundary_bin(int identities, int perIdentity, int dimension, double noise, int seed)
    {
        // More than 2,000 test images, so the block samples rows and columns; a miss would need the second pass.
        (Matrix<float> q, Matrix<float> g, int[] ids) = CrossModelEvaluatorTests.Noisy(identities, perIdentity, dimension, noise, seed);
        var pass = new EvaluationPass(q, g, ids, IdentityGroups.Build(ids), Options, exactImpostorLimit: 0, forecastBoundary: true, binnedFrom: ExactVerification.BinnedFrom);
        CellMetrics streamed = pass.Run();
        pass.SecondPassNeeded.Should().BeFalse();
        CellMetrics exact = CrossModelEvaluator.EvaluateCore(q, g, ids, Options, long.MaxValue, binnedFrom: int.MaxValue);
        streamed.Eer.Should().Be(exact.Eer);
        streamed.TmrAtFmr1.Should().Be(exact.TmrAtFmr1);
        streamed.TmrAtFmr01.Should().Be(exact.TmrAtFmr01);
    }
}
