using FaceCompat.Data;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Tests.LinearAlgebra;

public sealed class DenseKernelsTests
{
    public static TheoryData<string, int, int, int, bool, bool> GemmCases()
    {
        var data = new TheoryData<string, int, int, int, bool, bool>();
        foreach (string provider in KernelProviders.List())
        {
            foreach ((int m, int n, int k) in new[] { (0, 3, 2), (1, 1, 1), (3, 5, 7), (17, 9, 33), (6 * 16 + 7, 13, 6 * 8 + 5), (70, 71, 300) })
            {
                foreach (bool ta in new[] { false, true })
                {
                    foreach (bool tb in new[] { false, true })
                    {
                        data.Add(provider, m, n, k, ta, tb);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GemmCases))]
    public void Gemm_matches_the_scalar_definition(string provider, int m, int n, int k, bool ta, bool tb)
    {
        IDenseKernels kernels = KernelProviders.Get(provider);
        double[] a = Random((long)m * k, 1);
        double[] b = Random((long)k * n, 2);
        double[] c = Random((long)m * n, 3);
        double[] expected = ScalarGemm(ta, tb, m, n, k, 0.7, a, b, -1.5, c);
        double[] actual = (double[])c.Clone();
        kernels.Gemm(ta, tb, m, n, k, 0.7, a, ta ? m : k, b, tb ? k : n, -1.5, actual, n);
        for (int i = 0; i < expected.Length; i++)
        {
            actual[i].Should().BeApproximately(expected[i], 1e-9 * (1 + k));
        }

        float[] cf = c.Select(x => (float)x).ToArray();
        kernels.Gemm(ta, tb, m, n, k, 0.7f, a.Select(x => (float)x).ToArray(), ta ? m : k, b.Select(x => (float)x).ToArray(), tb ? k : n, -1.5f, cf, n);
        for (int i = 0; i < expected.Length; i++)
        {
            cf[i].Should().BeApproximately((float)expected[i], 1e-4f * (1 + k));
        }
    }

    [Theory]
    [MemberData(nameof(KernelProviders.Names), MemberType = typeof(KernelProviders))]
    public void Gemm_with_beta_zero_ignores_NaN_in_C(string provider)
    {
        float[] c = [float.NaN, float.NaN];
        KernelProviders.Get(provider).Gemm(false, false, 1, 2, 1, 1f, [2f], 1, [3f, 4f], 2, 0f, c, 2);
        c.Should().Equal(6f, 8f);
    }

    [Theory]
    [MemberData(nameof(SvdCases))]
    public void Svd_reconstructs_the_matrix_with_orthonormal_factors(string provider, int m, int n, int rank)
    {
        double[] a = LowRank(m, n, rank, seed: m * 31 + n);
        int r = Math.Min(m, n);
        double[] u = new double[m * r], s = new double[r], vt = new double[r * n];
        KernelProviders.Get(provider).Svd(m, n, a, u, s, vt);
        s.Should().BeInDescendingOrder();
        s.Should().OnlyContain(x => x >= 0);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < r; p++)
                {
                    sum += u[(i * r) + p] * s[p] * vt[(p * n) + j];
                }

                sum.Should().BeApproximately(a[(i * n) + j], 1e-9);
            }
        }

        AssertOrthonormalColumns(u, m, r);
        AssertOrthonormalColumns(Transpose(vt, r, n), n, r);
        s.Skip(rank).Should().NotContain(x => x >= 1e-9);
    }

    public static TheoryData<string, int, int, int> SvdCases()
    {
        var data = new TheoryData<string, int, int, int>();
        foreach (string provider in KernelProviders.List())
        {
            data.Add(provider, 1, 1, 1);
            data.Add(provider, 7, 7, 7);
            data.Add(provider, 20, 9, 9);
            data.Add(provider, 9, 20, 9);
            data.Add(provider, 30, 30, 12);
            data.Add(provider, 6 * 8 + 5, 17, 3);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KernelProviders.Names), MemberType = typeof(KernelProviders))]
    public void SymmetricEigen_gives_ascending_values_and_orthonormal_vectors(string provider)
    {
        foreach (int n in new[] { 1, 2, 5, 33, 64 })
        {
            double[] b = Random((long)n * n, n);
            double[] a = ScalarGemm(true, false, n, n, n, 1, b, b, 0, new double[n * n]);
            double[] w = new double[n], v = new double[n * n];
            KernelProviders.Get(provider).SymmetricEigen(n, a, w, v);
            w.Should().BeInAscendingOrder();
            AssertOrthonormalColumns(v, n, n);
            double[] av = ScalarGemm(false, false, n, n, n, 1, a, v, 0, new double[n * n]);
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    av[(i * n) + j].Should().BeApproximately(w[j] * v[(i * n) + j], 1e-8 * (1 + Math.Abs(w[^1])));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(KernelProviders.Names), MemberType = typeof(KernelProviders))]
    public void CholeskySolve_solves_and_refuses_indefinite_matrices(string provider)
    {
        IDenseKernels kernels = KernelProviders.Get(provider);
        int n = 23;
        double[] b0 = Random(n * n, 5);
        double[] a = ScalarGemm(true, false, n, n, n, 1, b0, b0, 0, new double[n * n]);
        for (int i = 0; i < n; i++)
        {
            a[(i * n) + i] += 0.5;
        }

        double[] rhs = Random(n * 3, 6);
        double[] x = (double[])rhs.Clone();
        kernels.CholeskySolve(n, 3, (double[])a.Clone(), x).Should().BeTrue();
        double[] check = ScalarGemm(false, false, n, 3, n, 1, a, x, 0, new double[n * 3]);
        for (int i = 0; i < check.Length; i++)
        {
            check[i].Should().BeApproximately(rhs[i], 1e-9);
        }

        kernels.CholeskySolve(2, 1, [1.0, 2.0, 2.0, 1.0], [1.0, 1.0]).Should().BeFalse();
    }

    [OpenBlasFact]
    public void Providers_agree_on_the_maps_they_feed()
    {
        DenseKernels.TryGetOpenBlas(out IDenseKernels native).Should().BeTrue();
        double[] a = Random(40 * 30, 9);
        double[] u1 = new double[40 * 30], s1 = new double[30], v1 = new double[30 * 30];
        double[] u2 = new double[40 * 30], s2 = new double[30], v2 = new double[30 * 30];
        native.Svd(40, 30, a, u1, s1, v1);
        DenseKernels.Managed.Svd(40, 30, a, u2, s2, v2);
        s1.Zip(s2).Should().OnlyContain(p => Math.Abs(p.First - p.Second) < 1e-10);

        // U V^T (the Procrustes map) does not depend on the singular vectors' signs.
        double[] w1 = ScalarGemm(false, false, 40, 30, 30, 1, u1, v1, 0, new double[40 * 30]);
        double[] w2 = ScalarGemm(false, false, 40, 30, 30, 1, u2, v2, 0, new double[40 * 30]);
        w1.Zip(w2).Should().OnlyContain(p => Math.Abs(p.First - p.Second) < 1e-9);
    }

    [Fact]
    public void Gemm_refuses_buffers_that_are_too_small()
    {
        Action act = () => DenseKernels.Managed.Gemm(false, false, 2, 2, 2, 1f, new float[3], 2, new float[4], 2, 0f, new float[4], 2);
        act.Should().Throw<ArgumentException>().WithMessage("*a holds 3 values; 4 are needed*");
    }

    [Fact]
    public void An_unknown_provider_setting_is_a_clear_error()
    {
        Action act = () => DenseKernels.Choose("cuda");
        act.Should().Throw<FaceCompat.ModelException>().WithMessage("*'cuda' is not a kernel provider*");
    }

    private static double[] ScalarGemm(bool ta, bool tb, int m, int n, int k, double alpha, double[] a, double[] b, double beta, double[] c)
    {
        double[] result = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    sum += (ta ? a[(p * m) + i] : a[(i * k) + p]) * (tb ? b[(j * k) + p] : b[(p * n) + j]);
                }

                result[(i * n) + j] = (alpha * sum) + (beta * c[(i * n) + j]);
            }
        }

        return result;
    }

    private static double[] Random(long count, int seed) => TestMatrices.Gaussian(1, (int)count, seed).ToArray();

    private static double[] LowRank(int m, int n, int rank, int seed)
    {
        Matrix<double> left = TestMatrices.Gaussian(m, rank, seed);
        Matrix<double> right = TestMatrices.Gaussian(rank, n, seed + 1);
        return TestMatrices.Multiply(left, right).ToArray();
    }

    private static double[] Transpose(double[] a, int rows, int cols)
    {
        double[] t = new double[rows * cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                t[(j * rows) + i] = a[(i * cols) + j];
            }
        }

        return t;
    }

    [Theory]
    [InlineData("managed")]
    [InlineData(null)]
    public void The_managed_notice_says_why_and_how_to_get_the_native_kernels(string? setting)
    {
        string note = DenseKernels.ManagedReason(setting);
        note.Should().StartWith("note: linear algebra runs on the managed kernels");
        if (DenseKernels.TryGetOpenBlas(out _))
        {
            note.Should().Contain("FACECOMPAT_KERNELS=managed").And.Contain("unset it");
        }
        else
        {
            note.Should().Contain("scripts/setup-native.sh").And.Contain("apt-get install libopenblas0 liblapacke");
        }
    }

    private static void AssertOrthonormalColumns(double[] q, int rows, int cols)
    {
        for (int a = 0; a < cols; a++)
        {
            for (int b = 0; b < cols; b++)
            {
                double dot = 0;
                for (int i = 0; i < rows; i++)
                {
                    dot += q[(i * cols) + a] * q[(i * cols) + b];
                }

                dot.Should().BeApproximately(a == b ? 1 : 0, 1e-9);
            }
        }
    }
}
