using FaceCompat.Data;
using FaceCompat.Evaluation;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;

namespace FaceCompat.Tests.Mapping;

/// <summary>
/// <see cref="FittedMap.ScoringRows"/> scores in the smaller space; every dot product must be the
/// protocol's score q_i . g_j computed the direct way (map, normalise, score in the target space).
/// </summary>
public sealed class ScoringRowsTests
{
    public static TheoryData<int, int, MapMethod> Cases()
    {
        var data = new TheoryData<int, int, MapMethod>();
        foreach (MapMethod method in new[] { MapMethod.Baseline, MapMethod.Procrustes, MapMethod.Linear, MapMethod.Ridge })
        {
            data.Add(8, 20, method);
            data.Add(20, 8, method);
            data.Add(12, 12, method);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_score_equals_the_score_in_the_target_space(int ds, int dt, MapMethod method)
    {
        (Matrix<float> source, Matrix<float> target) = Correlated(300, ds, dt, seed: ds * 100 + dt);
        int[] fit = Enumerable.Range(0, 200).ToArray();
        int[] test = Enumerable.Range(200, 100).ToArray();
        FittedMap map = MapFitter.Fit(new RowSubset(source, fit), new RowSubset(target, fit), method, 0.1, DenseKernels.Managed);
        Matrix<float> gallery = map.PrepareTarget(new RowSubset(target, test));

        Matrix<float> direct = map.MapSource(new RowSubset(source, test), DenseKernels.Managed);
        (Matrix<float> queries, Matrix<float> scored) = map.ScoringRows(new RowSubset(source, test), gallery, DenseKernels.Managed);

        queries.Columns.Should().Be(Math.Min(ds, dt));
        scored.Columns.Should().Be(Math.Min(ds, dt));
        for (int i = 0; i < test.Length; i++)
        {
            for (int j = 0; j < test.Length; j++)
            {
                Dot(queries.Row(i), scored.Row(j)).Should().BeApproximately(Dot(direct.Row(i), gallery.Row(j)), 2e-6, $"score ({i}, {j})");
            }
        }
    }

    [Fact]
    public void Cell_metrics_agree_with_the_target_space_evaluation()
    {
        (Matrix<float> source, Matrix<float> target) = Correlated(1200, 16, 48, seed: 7, identities: 240);
        int[] ids = Enumerable.Range(0, 1200).Select(i => i % 240).ToArray();
        int[] fit = Enumerable.Range(0, 600).ToArray();
        int[] test = Enumerable.Range(600, 600).ToArray();
        int[] testIds = test.Select(i => ids[i]).ToArray();
        FittedMap map = MapFitter.Fit(new RowSubset(source, fit), new RowSubset(target, fit), MapMethod.Ridge, 0.1, DenseKernels.Managed);
        Matrix<float> gallery = map.PrepareTarget(new RowSubset(target, test));
        var options = new EvaluationOptions { Kernels = DenseKernels.Managed };

        CellMetrics direct = CrossModelEvaluator.Evaluate(map.MapSource(new RowSubset(source, test), DenseKernels.Managed), gallery, testIds, options);
        (Matrix<float> queries, Matrix<float> scored) = map.ScoringRows(new RowSubset(source, test), gallery, DenseKernels.Managed);
        CellMetrics smaller = CrossModelEvaluator.Evaluate(queries, scored, testIds, options);

        smaller.Rank1.Should().Be(direct.Rank1);
        smaller.Rank5.Should().Be(direct.Rank5);
        smaller.MeanAveragePrecision.Should().BeApproximately(direct.MeanAveragePrecision, 1e-3);
        smaller.Auc.Should().BeApproximately(direct.Auc, 1e-5);
        smaller.Eer.Should().BeApproximately(direct.Eer, 0.05);
    }

    /// <summary>Target rows are a fixed random linear image of the source rows plus noise; rows of one identity share a centre.</summary>
    private static (Matrix<float> Source, Matrix<float> Target) Correlated(int rows, int ds, int dt, int seed, int identities = 0)
    {
        var random = new Random(seed);
        double[] mixing = Enumerable.Range(0, ds * dt).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] centres = Enumerable.Range(0, Math.Max(1, identities) * ds).Select(_ => random.NextDouble() - 0.5).ToArray();
        var source = new Matrix<float>(rows, ds);
        var target = new Matrix<float>(rows, dt);
        for (int r = 0; r < rows; r++)
        {
            int id = identities > 0 ? r % identities : 0;
            for (int c = 0; c < ds; c++)
            {
                source[r, c] = (float)(centres[(id * ds) + c] + (0.3 * (random.NextDouble() - 0.5)));
            }

            for (int c = 0; c < dt; c++)
            {
                double value = 0.05 * (random.NextDouble() - 0.5);
                for (int k = 0; k < ds; k++)
                {
                    value += source[r, k] * mixing[(k * dt) + c];
                }

                target[r, c] = (float)value;
            }
        }

        return (source, target);
    }

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }

        return sum;
    }
}
