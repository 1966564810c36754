using FaceCompat.LinearAlgebra;

namespace FaceCompat.Tests.LinearAlgebra;

/// <summary>
/// The managed SVD at awkward shapes and spectra: always against its own backward-error checks
/// (|A - U S Vt| and |U^T U - I|, |V V^T - I| within 10 p eps |A|), and, where LAPACK (dgesdd) is
/// installed, against it as the independent oracle: singular values within 10 p eps sigma_max, and
/// for full-rank A the polar factor U Vt (what Procrustes uses) within 10 p eps sigma_max / sigma_min
/// (its condition number). p = max(m, n).
/// </summary>
public sealed class GramJacobiSvdTests
{
    public static TheoryData<string, int, int> Cases()
    {
        var data = new TheoryData<string, int, int>();
        foreach ((int m, int n) in new[] { (1, 1), (2, 2), (3, 3), (7, 7), (7, 3), (3, 7), (128, 128), (128, 40), (40, 128), (513, 513), (513, 128), (128, 513) })
        {
            data.Add("gaussian", m, n);
        }

        foreach ((int m, int n) in new[] { (2, 2), (3, 3), (7, 7), (7, 3), (3, 7), (128, 128), (128, 40), (40, 128), (513, 200) })
        {
            data.Add("rank-deficient", m, n);
        }

        foreach ((int m, int n) in new[] { (3, 3), (7, 7), (7, 3), (128, 128), (128, 40), (40, 128), (200, 200) })
        {
            data.Add("repeated", m, n);
        }

        foreach ((int m, int n) in new[] { (1, 1), (7, 7), (7, 3), (3, 7), (128, 40) })
        {
            data.Add("zero", m, n);
        }

        foreach ((int m, int n) in new[] { (7, 7), (128, 40), (40, 128) })
        {
            data.Add("tiny", m, n);
            data.Add("huge", m, n);
        }

        data.Add("gaussian", 1024, 768);
        data.Add("gaussian", 1024, 1024);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Svd_is_a_backward_stable_decomposition(string kind, int m, int n)
    {
        double[] a = DecompositionMatrices.Make(kind, m, n, (m * 31) + n);
        (double[] u, double[] s, double[] vt) = Decompose(DenseKernels.Managed, a, m, n);
        int r = Math.Min(m, n), p = Math.Max(m, n);
        double scale = a.Length == 0 ? 0 : s[0];
        double tol = 10 * p * DecompositionMatrices.Eps;
        for (int i = 1; i < r; i++)
        {
            s[i].Should().BeLessThanOrEqualTo(s[i - 1], "singular values descending");
        }

        s.Should().OnlyContain(x => x >= 0);
        DecompositionMatrices.ReconstructionError(a, m, n, u, s, vt).Should().BeLessThanOrEqualTo(tol * scale, $"A = U S Vt ({kind} {m}x{n})");
        DecompositionMatrices.ColumnOrthogonality(u, m, r).Should().BeLessThanOrEqualTo(tol, "U columns orthonormal");
        DecompositionMatrices.ColumnOrthogonality(Transpose(vt, r, n), n, r).Should().BeLessThanOrEqualTo(tol, "Vt rows orthonormal");
        if (kind == "zero")
        {
            s.Should().OnlyContain(x => x == 0);
        }
    }

    [OpenBlasTheory]
    [MemberData(nameof(Cases))]
    public void Svd_matches_lapack(string kind, int m, int n)
    {
        DenseKernels.TryGetOpenBlas(out IDenseKernels lapack);
        double[] a = DecompositionMatrices.Make(kind, m, n, (m * 31) + n);
        (double[] u, double[] s, double[] vt) = Decompose(DenseKernels.Managed, a, m, n);
        (double[] lu, double[] ls, double[] lvt) = Decompose(lapack, a, m, n);
        int r = Math.Min(m, n), p = Math.Max(m, n);
        double tol = 10 * p * DecompositionMatrices.Eps;
        for (int i = 0; i < r; i++)
        {
            s[i].Should().BeApproximately(ls[i], tol * ls[0], $"singular value {i} of {kind} {m}x{n}");
        }

        if (kind != "zero" && ls[r - 1] > 1e-8 * ls[0])
        {
            double[] polar = DecompositionMatrices.Polar(m, n, u, vt), reference = DecompositionMatrices.Polar(m, n, lu, lvt);
            double worst = polar.Zip(reference, (x, y) => Math.Abs(x - y)).Max();
            worst.Should().BeLessThanOrEqualTo(tol * ls[0] / ls[r - 1], "U Vt equals LAPACK's (full rank: the polar factor is unique)");
        }
    }

    [Fact]
    public void Scaling_the_matrix_scales_the_singular_values()
    {
        double[] a = DecompositionMatrices.Make("gaussian", 40, 25, 3);
        double[] s = Decompose(DenseKernels.Managed, a, 40, 25).S;
        foreach (double factor in new[] { 1e-150, 1e150 })
        {
            double[] scaled = Decompose(DenseKernels.Managed, a.Select(x => x * factor).ToArray(), 40, 25).S;
            for (int i = 0; i < s.Length; i++)
            {
                (scaled[i] / factor).Should().BeApproximately(s[i], 10 * 40 * DecompositionMatrices.Eps * s[0]);
            }
        }
    }

    [Fact]
    public void Non_finite_input_is_rejected()
    {
        double[] a = [1, double.NaN, 0, 1];
        Action act = () => DenseKernels.Managed.Svd(2, 2, a, new double[4], new double[2], new double[4]);
        act.Should().Throw<ModelException>().WithMessage("*non-finite*");
    }

    private static (double[] U, double[] S, double[] Vt) Decompose(IDenseKernels kernels, double[] a, int m, int n)
    {
        int r = Math.Min(m, n);
        double[] u = new double[m * r], s = new double[r], vt = new double[r * n];
        kernels.Svd(m, n, a, u, s, vt);
        return (u, s, vt);
    }

    private static double[] Transpose(double[] x, int rows, int cols)
    {
        double[] t = new double[rows * cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                t[(j * rows) + i] = x[(i * cols) + j];
            }
        }

        return t;
    }
}
