using FaceCompat.Data;
using FaceCompat.LinearAlgebra;
using FaceCompat.Linkability;

namespace FaceCompat.Tests.Linkability;

/// <summary>The streaming audit against the whole score matrix split by hand into mated and non-mated lists.</summary>
public sealed class LinkabilityAuditTests
{
    [Theory]
    [InlineData(60, 16, 1)]
    [InlineData(257, 33, 4)]
    [InlineData(400, 8, 7)]
    public void Streaming_audit_equals_the_measure_of_every_score_split_by_hand(int n, int d, int perIdentityMax)
    {
        (Matrix<float> queries, Matrix<float> gallery, int[] identities) = Templates(n, d, perIdentityMax, seed: n + d);
        float[] all = new float[n * n];
        DenseKernels.Managed.Gemm(false, true, n, n, d, 1f, queries.Values, d, gallery.Values, d, 0f, all, n);
        var other = new List<float>();
        var same = new List<float>();
        var nonMated = new List<float>();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                (i == j ? same : identities[i] == identities[j] ? other : nonMated).Add(all[(i * n) + j]);
            }
        }

        TemplateLinkability audit = LinkabilityAudit.Measure(queries, gallery, identities, 1.0, DenseKernels.Managed);
        LinkabilityResult expectedOther = LinkabilityMeasure.FromScores(other.ToArray(), nonMated.ToArray());
        LinkabilityResult expectedSame = LinkabilityMeasure.FromScores(same.ToArray(), nonMated.ToArray());
        audit.OtherCapture.Should().BeEquivalentTo(expectedOther);
        audit.SameCapture.Should().BeEquivalentTo(expectedSame);
    }

    [Fact]
    public void Result_does_not_depend_on_the_thread_count()
    {
        (Matrix<float> queries, Matrix<float> gallery, int[] identities) = Templates(300, 24, 5, seed: 3);
        TemplateLinkability one = LinkabilityAudit.Measure(queries, gallery, identities, 1.0, DenseKernels.Managed, threads: 1);
        TemplateLinkability two = LinkabilityAudit.Measure(queries, gallery, identities, 1.0, DenseKernels.Managed, threads: 2);
        two.Should().BeEquivalentTo(one);
    }

    [Fact]
    public void Bootstrap_interval_brackets_the_estimate_is_reproducible_and_narrows_with_more_identities()
    {
        (Matrix<float> q, Matrix<float> g, int[] ids) = Templates(240, 16, 3, seed: 9);
        TemplateLinkability a = LinkabilityAudit.Measure(q, g, ids, 1.0, DenseKernels.Managed, bootstrap: 400, seed: 5);
        TemplateLinkability b = LinkabilityAudit.Measure(q, g, ids, 1.0, DenseKernels.Managed, threads: 1, bootstrap: 400, seed: 5);
        LinkabilityResult r = a.OtherCapture;
        r.Bootstrap.Should().Be(400);
        r.DsysLower.Should().NotBeNull();
        r.DsysLower!.Value.Should().BeLessThan(r.Dsys).And.BeGreaterThanOrEqualTo(0);
        r.DsysUpper!.Value.Should().BeGreaterThan(r.Dsys).And.BeLessThanOrEqualTo(1);
        b.Should().BeEquivalentTo(a, "the same seed gives the same interval whatever the thread count");
        TemplateLinkability none = LinkabilityAudit.Measure(q, g, ids, 1.0, DenseKernels.Managed);
        none.OtherCapture.DsysLower.Should().BeNull();
        none.OtherCapture.Dsys.Should().Be(r.Dsys, "the bootstrap does not move the estimate");

        (Matrix<float> q4, Matrix<float> g4, int[] ids4) = Templates(960, 16, 3, seed: 9);
        LinkabilityResult wide = LinkabilityAudit.Measure(q4, g4, ids4, 1.0, DenseKernels.Managed, bootstrap: 400, seed: 5).OtherCapture;
        (wide.DsysUpper!.Value - wide.DsysLower!.Value).Should().BeLessThan(r.DsysUpper.Value - r.DsysLower.Value, "four times the identities");
    }

    [Fact]
    public void Bootstrap_interval_is_the_estimate_plus_minus_1_96_resample_spreads_within_0_1()
    {
        (Matrix<float> q, Matrix<float> g, int[] ids) = Templates(240, 16, 3, seed: 4);
        LinkabilityResult r = LinkabilityAudit.Measure(q, g, ids, 1.0, DenseKernels.Managed, bootstrap: 300, seed: 2).OtherCapture;
        double half = (r.DsysUpper!.Value - r.DsysLower!.Value) / 2;
        half.Should().BeGreaterThan(0);
        ((r.DsysUpper.Value + r.DsysLower.Value) / 2).Should().BeApproximately(r.Dsys, 1e-12, "a normal interval is centred on the estimate unless clipped");
    }

    [Fact]
    public void A_test_set_without_enough_mated_pairs_is_a_clear_data_error()
    {
        (Matrix<float> queries, Matrix<float> gallery, _) = Templates(20, 8, 1, seed: 1);
        int[] distinct = Enumerable.Range(0, 20).ToArray();
        Action act = () => LinkabilityAudit.Measure(queries, gallery, distinct, 1.0, DenseKernels.Managed);
        act.Should().Throw<DataFormatException>().WithMessage("*at least 10 mated pairs*--test-percent*");
    }

    /// <summary>Two noisy views of shared identity centres, unit rows; identities get 1..perIdentityMax+1 images.</summary>
    private static (Matrix<float> Queries, Matrix<float> Gallery, int[] Identities) Templates(int n, int d, int perIdentityMax, int seed)
    {
        var rng = new Random(seed);
        int[] identities = new int[n];
        int id = 0, left = 0;
        for (int i = 0; i < n; i++)
        {
            if (left == 0)
            {
                id++;
                left = 1 + rng.Next(perIdentityMax + 1);
            }

            identities[i] = id;
            left--;
        }

        float[][] centres = Enumerable.Range(0, id + 1).Select(_ => Enumerable.Range(0, d).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray()).ToArray();
        Matrix<float> View(double noise)
        {
            var m = new Matrix<float>(n, d);
            for (int i = 0; i < n; i++)
            {
                Span<float> row = m.MutableRow(i);
                for (int k = 0; k < d; k++)
                {
                    row[k] = centres[identities[i]][k] + (float)(noise * (rng.NextDouble() - 0.5));
                }

                float norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.Dot(row, row));
                System.Numerics.Tensors.TensorPrimitives.Divide(row, norm, row);
            }

            return m;
        }

        return (View(0.6), View(0.9), identities);
    }
}
