using FaceCompat.Data;
using FaceCompat.Evaluation;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Tests.Evaluation;

public sealed class LeaveOneOutTests
{
    private static EvaluationOptions LeaveOneOut => new() { Kernels = DenseKernels.Default, LeaveOneOut = true };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Leave_one_out_ranks_agree_with_a_brute_force_computation(bool sameSpace)
    {
        (Matrix<float> q, Matrix<float> g, int[] ids) = CrossModelEvaluatorTests.Noisy(identities: 30, perIdentity: 4, dimension: 12, noise: 1.0, seed: 5);
        // Some identities get a second member only, others become singletons (not queries).
        for (int row = 0; row < ids.Length; row += 7)
        {
            ids[row] = 1000 + row;
        }

        Matrix<float> gallery = sameSpace ? q : g;
        CellMetrics m = CrossModelEvaluator.Evaluate(q, gallery, ids, LeaveOneOut);
        (double rank1, double rank5, double map, int queries) = BruteForce(q, gallery, ids);
        queries.Should().BeLessThan(ids.Length);
        m.Rank1.Should().BeApproximately(rank1, 1e-9);
        m.Rank5.Should().BeApproximately(rank5, 1e-9);
        m.MeanAveragePrecision.Should().BeApproximately(map, 1e-9);
    }

    [Fact]
    public void Own_space_rank_1_is_trivial_without_leave_one_out_and_not_with_it()
    {
        (Matrix<float> q, _, int[] ids) = CrossModelEvaluatorTests.Noisy(identities: 40, perIdentity: 3, dimension: 8, noise: 1.5, seed: 6);
        CrossModelEvaluator.Evaluate(q, q, ids, new EvaluationOptions { Kernels = DenseKernels.Default }).Rank1.Should().Be(100);
        CrossModelEvaluator.Evaluate(q, q, ids, LeaveOneOut).Rank1.Should().BeLessThan(100);
    }

    [Fact]
    public void Verification_does_not_change_with_leave_one_out()
    {
        (Matrix<float> q, Matrix<float> g, int[] ids) = CrossModelEvaluatorTests.Noisy(identities: 20, perIdentity: 3, dimension: 8, noise: 1.0, seed: 7);
        CellMetrics plain = CrossModelEvaluator.Evaluate(q, g, ids, new EvaluationOptions { Kernels = DenseKernels.Default });
        CellMetrics loo = CrossModelEvaluator.Evaluate(q, g, ids, LeaveOneOut);
        loo.Auc.Should().Be(plain.Auc);
        loo.Eer.Should().Be(plain.Eer);
        loo.Genuine.Should().Be(plain.Genuine);
    }

    [Fact]
    public void Only_singletons_leave_no_query_and_give_nan()
    {
        (Matrix<float> q, Matrix<float> g, _) = CrossModelEvaluatorTests.Noisy(identities: 4, perIdentity: 1, dimension: 4, noise: 1.0, seed: 8);
        CellMetrics m = CrossModelEvaluator.Evaluate(q, g, [0, 1, 2, 3], LeaveOneOut);
        double.IsNaN(m.Rank1).Should().BeTrue();
    }

    /// <summary>PROTOCOL.md's ranks with the query's own column removed, the slow obvious way.</summary>
    private static (double Rank1, double Rank5, double Map, int Queries) BruteForce(Matrix<float> q, Matrix<float> g, int[] ids)
    {
        int n = ids.Length, queries = 0, hits1 = 0, hits5 = 0;
        double apSum = 0;
        for (int i = 0; i < n; i++)
        {
            double[] s = new double[n];
            for (int j = 0; j < n; j++)
            {
                float dot = 0;
                for (int c = 0; c < q.Columns; c++)
                {
                    dot += q[i, c] * g[j, c];
                }

                s[j] = dot;
            }

            int best = int.MaxValue, relevant = 0;
            double ap = 0;
            for (int j = 0; j < n; j++)
            {
                if (j == i || ids[j] != ids[i])
                {
                    continue;
                }

                int rank = 1, relevantAbove = 1;
                for (int k = 0; k < n; k++)
                {
                    if (k != i && s[k] > s[j])
                    {
                        rank++;
                        relevantAbove += ids[k] == ids[i] ? 1 : 0;
                    }
                }

                best = Math.Min(best, rank);
                ap += (double)relevantAbove / rank;
                relevant++;
            }

            if (relevant == 0)
            {
                continue;
            }

            queries++;
            hits1 += best <= 1 ? 1 : 0;
            hits5 += best <= 5 ? 1 : 0;
            apSum += ap / relevant;
        }

        return (100.0 * hits1 / queries, 100.0 * hits5 / queries, apSum / queries, queries);
    }
}
