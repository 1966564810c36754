using FaceCompat.LinearAlgebra;

namespace FaceCompat.Tests.LinearAlgebra;

public sealed class ManagedGemmTests
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 0, 0, 0 }, { 1, 1, 1 }, { 0, 5, 3 }, { 4, 0, 3 }, { 3, 4, 0 }, { 1, 17, 1 }, { 7, 3, 11 },
        { 6 * 16 + 7, 33, 41 }, { 40, 1, 39 }, { 17, 103, 5 }, { 31, 32, 33 }, { 70, 65, 67 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Double_matches_scalar_reference_for_every_transpose_and_stride(int m, int n, int k)
    {
        var rng = new Random((m * 1000) + (n * 10) + k);
        foreach ((bool ta, bool tb) in new[] { (false, false), (true, false), (false, true), (true, true) })
        {
            foreach ((double alpha, double beta) in new[] { (1.0, 0.0), (-0.5, 1.0), (2.0, -1.5) })
            {
                GemmCase.Run(DenseKernels.Managed, rng, ta, tb, m, n, k, alpha, beta, single: false);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Float_matches_scalar_reference_for_every_transpose_and_stride(int m, int n, int k)
    {
        var rng = new Random((m * 999) + (n * 7) + k);
        foreach ((bool ta, bool tb) in new[] { (false, false), (true, false), (false, true), (true, true) })
        {
            GemmCase.Run(DenseKernels.Managed, rng, ta, tb, m, n, k, 1.5, 0.25, single: true);
        }
    }

    /// <summary>Crosses every blocking boundary: rows past a 96-row block, columns past a 2048-column pack, k past a 1024 k-block, partial tiles.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Matches_scalar_reference_across_row_column_and_k_blocks(bool single)
    {
        var rng = new Random(single ? 11 : 12);
        foreach ((bool ta, bool tb) in new[] { (false, false), (true, false), (false, true), (true, true) })
        {
            GemmCase.Run(DenseKernels.Managed, rng, ta, tb, 103, 2053, 1031, 0.75, -0.5, single);
        }
    }

    [Fact]
    public void Beta_zero_overwrites_nan_in_c_but_nan_in_a_propagates()
    {
        float[] a = [1, 2, 3, 4];
        float[] b = [1, 0, 0, 1];
        float[] c = [float.NaN, float.NaN, float.NaN, float.NaN];
        DenseKernels.Managed.Gemm(false, false, 2, 2, 2, 1f, a, 2, b, 2, 0f, c, 2);
        c.Should().Equal(1, 2, 3, 4);
        a[0] = float.NaN;
        DenseKernels.Managed.Gemm(false, false, 2, 2, 2, 1f, a, 2, b, 2, 0f, c, 2);
        float.IsNaN(c[0]).Should().BeTrue();
        c[3].Should().Be(4);
    }

    [Fact]
    public void Too_short_span_is_rejected()
    {
        double[] a = new double[5];
        double[] b = new double[6];
        double[] c = new double[6];
        Action act = () => DenseKernels.Managed.Gemm(false, false, 2, 3, 3, 1.0, a, 3, b, 3, 0.0, c, 3);
        act.Should().Throw<ArgumentException>().WithMessage("*'a'*");
    }
}
