using System.Text.Json;
using FaceCompat.Data;
using FaceCompat.Evaluation;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Tests.Evaluation;

/// <summary>
/// CSLS scoring of identification and verification (docs/metrics.md, Hubness) against a brute force
/// here (full score matrix, full sorts for r_T and r_S, CSLS applied, every metric the obvious way) on
/// random data with exact ties, against NumPy (tests/fixtures/hubness/make_fixtures.py, csls.json) within
/// 1e-9, and the k-occurrence skewness a cell records.
/// </summary>
public sealed class CslsScoringTests
{
    private static EvaluationOptions Options(ScoringOptions scoring) => new() { Kernels = DenseKernels.Default, Scoring = scoring };

    private static ScoringOptions Csls(int k) => new() { Method = ScoringMethod.Csls, K = k, Hubness = true };

    /// <summary>
    /// Noisy unit rows with exact ties: gallery row 8 (identity 2) is a copy of row 4 (identity 1), query 9 of
    /// query 1, so cosines, r_T, r_S and CSLS tie across a genuine and an impostor pair.
    /// </summary>
    private static (Matrix<float> Q, Matrix<float> G, int[] Ids) TiedCell(int seed)
    {
        (Matrix<float> q, Matrix<float> g, int[] ids) = CrossModelEvaluatorTests.Noisy(identities: 40, perIdentity: 4, dimension: 12, noise: 0.8, seed: seed);
        g.Row(4).CopyTo(g.MutableRow(8));
        q.Row(1).CopyTo(q.MutableRow(9));
        return (q, g, ids);
    }

    /// <summary>The brute force: GEMM cosines (the evaluator's kernel, so float rounding is shared), r_T and r_S by full sorts, CSLS rounded to float32, and the k nearest of each query.</summary>
    private static (double[,] Csls, int[] KOccurrence) BruteForce(Matrix<float> q, Matrix<float> g, int k)
    {
        int n = q.Rows;
        var s = new float[n * n];
        DenseKernels.Default.Gemm(false, true, n, n, q.Columns, 1f, q.Values, q.Columns, g.Values, g.Columns, 0f, s, n);
        double[] rt = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Select(j => (double)s[(i * n) + j]).OrderDescending().Take(k).Average()).ToArray();
        double[] rs = Enumerable.Range(0, n).Select(j => Enumerable.Range(0, n).Select(i => (double)s[(i * n) + j]).OrderDescending().Take(k).Average()).ToArray();
        var csls = new double[n, n];
        var counts = new int[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                csls[i, j] = (float)((2.0 * s[(i * n) + j]) - rt[i] - rs[j]);
            }

            foreach (int j in Enumerable.Range(0, n).OrderByDescending(j => s[(i * n) + j]).ThenBy(j => j).Take(k))
            {
                counts[j]++;
            }
        }

        return (csls, counts);
    }

    private static double Skewness(int[] counts)
    {
        double mean = counts.Average();
        double m2 = counts.Average(c => (c - mean) * (c - mean));
        double m3 = counts.Average(c => (c - mean) * (c - mean) * (c - mean));
        return m3 / Math.Pow(m2, 1.5);
    }

    [Theory]
    [InlineData(false, false, false, 10)]
    [InlineData(false, false, true, 10)]
    [InlineData(true, true, false, 10)]
    [InlineData(true, false, false, 3)]
    [InlineData(false, false, false, 160)]
    public void Csls_metrics_equal_a_brute_force_on_the_full_csls_matrix(bool streaming, bool forecast, bool binnedHeld, int k)
    {
        (Matrix<float> q, Matrix<float> g, int[] ids) = TiedCell(seed: 1);
        CellMetrics m = CrossModelEvaluator.EvaluateCore(q, g, ids, Options(Csls(k)), exactImpostorLimit: streaming ? 0 : long.MaxValue, forecast, binnedFrom: binnedHeld ? 0 : int.MaxValue);
        (double[,] csls, int[] counts) = BruteForce(q, g, k);
        m.ShouldAgreeWith(BruteForceMetrics.Compute(csls, ids), streaming ? 1e-5 : 1e-12);
        if (k < ids.Length)
        {
            m.HubnessSkew.Should().BeApproximately(Skewness(counts), 1e-9);
        }
        else
        {
            double.IsNaN(m.HubnessSkew).Should().BeTrue("k = the gallery size makes every N_k equal");
        }

        // ROC thresholds are on the CSLS scale: each point's FMR is the share of impostor CSLS scores at or
        // above it; binned paths put points at nominal bin edges, exact within one bin (on the CSLS scale 4 x 2.002 / 2^20).
        var impostors = new List<double>();
        for (int i = 0; i < ids.Length; i++)
        {
            for (int j = i + 1; j < ids.Length; j++)
            {
                if (ids[i] != ids[j])
                {
                    impostors.Add(csls[i, j]);
                }
            }
        }

        m.Roc.Should().NotBeEmpty();
        foreach (RocPoint p in m.Roc.Where(p => double.IsFinite(p.Threshold)))
        {
            double bin = streaming || binnedHeld ? 4 * 2.002 / (1 << 20) : 0;
            p.Fmr.Should().BeInRange(
                (impostors.Count(x => x >= p.Threshold + bin) / (double)impostors.Count) - 1e-12,
                (impostors.Count(x => x >= p.Threshold - bin) / (double)impostors.Count) + 1e-12,
                $"threshold {p.Threshold}");
        }
    }

    [Fact]
    public void Csls_changes_the_metrics_and_does_not_depend_on_the_thread_count()
    {
        (Matrix<float> q, Matrix<float> g, int[] ids) = CrossModelEvaluatorTests.Noisy(identities: 120, perIdentity: 4, dimension: 24, noise: 1.0, seed: 4);
        CellMetrics cosine = CrossModelEvaluator.EvaluateCore(q, g, ids, Options(ScoringOptions.Cosine), 0);
        CellMetrics one = CrossModelEvaluator.EvaluateCore(q, g, ids, Options(Csls(10)) with { MaxDegreeOfParallelism = 1 }, 0);
        CellMetrics three = CrossModelEvaluator.EvaluateCore(q, g, ids, Options(Csls(10)) with { MaxDegreeOfParallelism = 3 }, 0);
        three.Should().BeEquivalentTo(one);
        one.Auc.Should().NotBe(cosine.Auc);
        (one.Rank1 != cosine.Rank1 || one.MeanAveragePrecision != cosine.MeanAveragePrecision).Should().BeTrue();
    }

    [Fact]
    public void The_hubness_statistic_with_cosine_scoring_leaves_every_other_metric_unchanged()
    {
        (Matrix<float> q, Matrix<float> g, int[] ids) = TiedCell(seed: 2);
        CellMetrics plain = CrossModelEvaluator.Evaluate(q, g, ids, Options(ScoringOptions.Cosine));
        CellMetrics measured = CrossModelEvaluator.Evaluate(q, g, ids, Options(new ScoringOptions { K = 5, Hubness = true }));
        double.IsNaN(plain.HubnessSkew).Should().BeTrue();
        measured.HubnessSkew.Should().BeApproximately(Skewness(BruteForce(q, g, 5).KOccurrence), 1e-9);
        measured.Should().BeEquivalentTo(plain with { HubnessSkew = measured.HubnessSkew });
        MetricCatalogue.HubnessSkew.ValueOf(measured).Should().Be(measured.HubnessSkew);
    }

    [Fact]
    public void A_neighbourhood_larger_than_the_cell_is_an_error_not_clamped()
    {
        (Matrix<float> q, Matrix<float> g, int[] ids) = TiedCell(seed: 3);
        Action act = () => CrossModelEvaluator.Evaluate(q, g, ids, Options(Csls(ids.Length + 1)));
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*between 1 and 160*");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Csls_rank1_and_tmr_match_numpy_within_1e9(int threads)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.Fixture("hubness", "csls.json")));
        JsonElement[] cases = doc.RootElement.EnumerateArray().ToArray();
        cases.Should().HaveCount(3);
        foreach (JsonElement c in cases)
        {
            string name = c.GetProperty("name").GetString()!;
            Matrix<float> q = GalleryNeighbourhoodsTests.Rows(c.GetProperty("queries"));
            Matrix<float> g = GalleryNeighbourhoodsTests.Rows(c.GetProperty("gallery"));
            int[] ids = c.GetProperty("identities").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            int k = c.GetProperty("k").GetInt32();
            foreach ((string key, ScoringOptions scoring) in new[] { ("cosine", ScoringOptions.Cosine), ("csls", Csls(k)) })
            {
                CellMetrics m = CrossModelEvaluator.Evaluate(q, g, ids, Options(scoring) with { MaxDegreeOfParallelism = threads });
                JsonElement expected = c.GetProperty(key);
                m.Rank1.Should().BeApproximately(expected.GetProperty("rank1").GetDouble(), 1e-9, $"{name}, {key}");
                m.TmrAtFmr01.Should().BeApproximately(expected.GetProperty("tmr_fmr01").GetDouble(), 1e-9, $"{name}, {key}");
            }
        }
    }
}
