using FaceCompat.Data;
using FaceCompat.Evaluation;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;

namespace FaceCompat.Tests.Evaluation;

public sealed class CrossModelEvaluatorTests
{
    private static EvaluationOptions Options => new() { Kernels = DenseKernels.Default };

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(false, false, true)]
    [InlineData(true, true, false)]
    [InlineData(true, false, false)]
    public void Metrics_agree_with_a_brute_force_computation(bool streaming, bool forecast, bool binnedHeld)
    {
        (Matrix<float> q, Matrix<float> g, int[] ids) = Noisy(identities: 40, perIdentity: 4, dimension: 16, noise: 0.9, seed: 1);
        CellMetrics m = CrossModelEvaluator.EvaluateCore(q, g, ids, Options, exactImpostorLimit: streaming ? 0 : long.MaxValue, forecast, binnedFrom: binnedHeld ? 0 : int.MaxValue);
        m.ShouldAgreeWith(BruteForceMetrics.Compute(q, g, ids), streaming ? 1e-5 : 1e-12);
        m.Genuine.Should().Be(40 * 6);
        m.Impostor.Should().Be((160L * 159 / 2) - 240);
    }

    [Fact]
    public void Large_identities_rank_by_search_as_brute_force_does()
    {
        // More than 12 relevant rows per query: ranks are counted by binary search over the row.
        (Matrix<float> q, Matrix<float> g, int[] ids) = Noisy(identities: 6, perIdentity: 25, dimension: 10, noise: 1.4, seed: 9);
        CellMetrics m = CrossModelEvaluator.Evaluate(q, g, ids, Options);
        var brute = BruteForceMetrics.Compute(q, g, ids);
        m.Rank1.Should().BeApproximately(brute.Rank1, 1e-9);
        m.Rank5.Should().BeApproximately(brute.Rank5, 1e-9);
        m.MeanAveragePrecision.Should().BeApproximately(brute.Map, 1e-9);
    }

    [Fact]
    public void Streaming_and_exact_verification_agree_on_a_larger_cell()
    {
        (Matrix<float> q, Matrix<float> g, int[] ids) = Noisy(identities: 300, perIdentity: 5, dimension: 32, noise: 1.2, seed: 2);
        CellMetrics exact = CrossModelEvaluator.EvaluateCore(q, g, ids, Options, long.MaxValue, binnedFrom: int.MaxValue);
        CellMetrics binned = CrossModelEvaluator.EvaluateCore(q, g, ids, Options, long.MaxValue, binnedFrom: 0);
        binned.Auc.Should().Be(exact.Auc);
        binned.Eer.Should().Be(exact.Eer);
        binned.TmrAtFmr1.Should().Be(exact.TmrAtFmr1);
        binned.TmrAtFmr01.Should().Be(exact.TmrAtFmr01);
        CellMetrics streaming = CrossModelEvaluator.EvaluateCore(q, g, ids, Options, 0);
        CellMetrics twoPasses = CrossModelEvaluator.EvaluateCore(q, g, ids, Options, 0, forecastBoundary: false);
        twoPasses.Should().BeEquivalentTo(streaming);
        streaming.Eer.Should().Be(exact.Eer);
        streaming.TmrAtFmr1.Should().Be(exact.TmrAtFmr1);
        streaming.TmrAtFmr01.Should().Be(exact.TmrAtFmr01);
        streaming.Auc.Should().BeApproximately(exact.Auc, 1e-6);
        streaming.Rank1.Should().Be(exact.Rank1);
    }

    [Fact]
    public void Rank_k_is_monotone_in_k()
    {
        (Matrix<float> q, Matrix<float> g, int[] ids) = Noisy(identities: 60, perIdentity: 3, dimension: 8, noise: 1.5, seed: 3);
        CellMetrics m = CrossModelEvaluator.Evaluate(q, g, ids, Options);
        m.Cmc.Should().HaveCount(50);
        m.Cmc.Should().BeInAscendingOrder();
        m.Cmc[^1].Should().BeLessThanOrEqualTo(100);
        m.Rank1.Should().BeLessThanOrEqualTo(m.Rank5).And.BeLessThanOrEqualTo(m.Rank10);
    }

    [Fact]
    public void Metrics_do_not_depend_on_the_thread_count()
    {
        (Matrix<float> q, Matrix<float> g, int[] ids) = Noisy(identities: 120, perIdentity: 4, dimension: 24, noise: 1.0, seed: 4);
        CellMetrics one = CrossModelEvaluator.EvaluateCore(q, g, ids, Options with { MaxDegreeOfParallelism = 1 }, 0);
        CellMetrics four = CrossModelEvaluator.EvaluateCore(q, g, ids, Options with { MaxDegreeOfParallelism = 4 }, 0);
        four.Should().BeEquivalentTo(one);
    }

    [Fact]
    public void Ties_share_the_better_rank()
    {
        // Query 2 (identity 9) scores 1 against its own row 2 and 1 against row 1 of identity 7:
        // a tie. Strictly-greater counting gives it rank 1, where a stable sort by score would
        // put row 1 first and give rank 2 (PROTOCOL.md: rank(j) = 1 + #{g : s_ig > s_ij}).
        var q = new Matrix<float>(3, 2, [1, 0, 0, 1, 1, 0]);
        var g = new Matrix<float>(3, 2, [0, 1, 1, 0, 1, 0]);
        CellMetrics m = CrossModelEvaluator.Evaluate(q, g, [7, 7, 9], Options);
        m.Queries.Should().BeNull();
        m.Rank1.Should().Be(100.0);

        // AP: query 0 ranks its relevant rows 1 and 3 (two rows score above 0): (1/1 + 2/3) / 2;
        // queries 1 and 2 are perfect.
        m.MeanAveragePrecision.Should().BeApproximately(((1 + (2.0 / 3)) / 2 + 1 + 1) / 3, 1e-12);
    }

    [Fact]
    public void Balanced_sampling_uses_as_many_impostors_as_genuine_pairs_and_is_seeded()
    {
        (Matrix<float> q, Matrix<float> g, int[] ids) = Noisy(identities: 50, perIdentity: 3, dimension: 8, noise: 1.0, seed: 5);
        var balanced = Options with { Impostors = ImpostorSampling.Balanced, Seed = 3 };
        CellMetrics a = CrossModelEvaluator.Evaluate(q, g, ids, balanced);
        CellMetrics b = CrossModelEvaluator.Evaluate(q, g, ids, balanced);
        CellMetrics c = CrossModelEvaluator.Evaluate(q, g, ids, balanced with { Seed = 4 });
        a.Impostor.Should().Be(a.Genuine);
        a.Auc.Should().Be(b.Auc);
        c.Auc.Should().NotBe(a.Auc);
    }

    [Fact]
    public void Mismatched_shapes_are_refused()
    {
        Action act = () => CrossModelEvaluator.Evaluate(new Matrix<float>(3, 2), new Matrix<float>(3, 4), [1, 2, 3], Options);
        act.Should().Throw<DataFormatException>().WithMessage("*2 dimensions but the gallery has 4*");
    }

    /// <summary>Identities as random unit centres; query and gallery are two independent noisy views.</summary>
    internal static (Matrix<float> Q, Matrix<float> G, int[] Ids) Noisy(int identities, int perIdentity, int dimension, double noise, int seed)
    {
        Matrix<double> centres = TestMatrices.Gaussian(identities, dimension, seed);
        Matrix<double> n1 = TestMatrices.Gaussian(identities * perIdentity, dimension, seed + 100);
        Matrix<double> n2 = TestMatrices.Gaussian(identities * perIdentity, dimension, seed + 200);
        var q = new Matrix<double>(identities * perIdentity, dimension);
        var g = new Matrix<double>(identities * perIdentity, dimension);
        int[] ids = new int[identities * perIdentity];
        for (int r = 0; r < ids.Length; r++)
        {
            ids[r] = r / perIdentity;
            for (int c = 0; c < dimension; c++)
            {
                q[r, c] = centres[ids[r], c] + (noise * n1[r, c]);
                g[r, c] = centres[ids[r], c] + (noise * n2[r, c]);
            }
        }

        return (RowPreprocessing.UnitRowsSingle(q), RowPreprocessing.UnitRowsSingle(g), ids);
    }
}

public sealed class FloatRadixSortTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(4095)]
    [InlineData(6 * 512 + 7)]
    [InlineData(100_003)]
    public void Sorts_like_a_comparison_sort(int length)
    {
        var random = new Random(length);
        float[] values = Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray();
        if (length > 10)
        {
            values[3] = -0f;
            values[4] = 0f;
            values[5] = values[6];
            values[7] = float.MaxValue;
            values[8] = -float.Epsilon;
        }

        float[] expected = values.Order().ToArray();
        FaceCompat.Evaluation.FloatRadixSort.Sort(values);
        values.Should().Equal(expected, (a, b) => a == b);
    }
}

public sealed class RotationInvarianceTests
{
    /// <summary>
    /// Rotating both spaces by one orthogonal matrix changes no metric: L2 norms, centring,
    /// the fitted maps (which absorb the rotation) and cosine scores are all rotation-equivariant.
    /// </summary>
    [Theory]
    [InlineData(FaceCompat.Mapping.MapMethod.Baseline)]
    [InlineData(FaceCompat.Mapping.MapMethod.Procrustes)]
    [InlineData(FaceCompat.Mapping.MapMethod.Linear)]
    [InlineData(FaceCompat.Mapping.MapMethod.Ridge)]
    public void Metrics_are_invariant_to_rotating_both_spaces(FaceCompat.Mapping.MapMethod method)
    {
        int d = 12;
        (Matrix<float> s, Matrix<float> t, int[] ids) = CrossModelEvaluatorTests.Noisy(identities: 80, perIdentity: 4, dimension: d, noise: 1.0, seed: 9);
        Matrix<double> rotation = TestMatrices.Orthogonal(d, seed: 10);
        Matrix<float> sr = TestMatrices.Multiply(s.ToDouble(), rotation).ToSingle();
        Matrix<float> tr = TestMatrices.Multiply(t.ToDouble(), rotation).ToSingle();
        CellMetrics plain = Score(s, t, ids, method);
        CellMetrics rotated = Score(sr, tr, ids, method);
        rotated.Auc.Should().BeApproximately(plain.Auc, 1e-4);
        rotated.MeanAveragePrecision.Should().BeApproximately(plain.MeanAveragePrecision, 1e-4);
        rotated.Rank1.Should().BeApproximately(plain.Rank1, 0.5);
        rotated.Eer.Should().BeApproximately(plain.Eer, 0.5);
    }

    private static CellMetrics Score(Matrix<float> source, Matrix<float> target, int[] ids, FaceCompat.Mapping.MapMethod method)
    {
        int[] fit = Enumerable.Range(0, ids.Length).Where(i => ids[i] % 3 != 0).ToArray();
        int[] test = Enumerable.Range(0, ids.Length).Where(i => ids[i] % 3 == 0).ToArray();
        var kernels = DenseKernels.Default;
        FaceCompat.Mapping.FittedMap map = FaceCompat.Mapping.MapFitter.Fit(source.SelectRows(fit), target.SelectRows(fit), method, 0.1, kernels);
        return CrossModelEvaluator.Evaluate(map.MapSource(source.SelectRows(test), kernels), map.PrepareTarget(target.SelectRows(test)), test.Select(i => ids[i]).ToArray(), new EvaluationOptions { Kernels = kernels });
    }
}
