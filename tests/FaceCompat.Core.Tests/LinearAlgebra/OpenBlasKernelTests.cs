using FaceCompat.LinearAlgebra;

namespace FaceCompat.Tests.LinearAlgebra;

/// <summary>
/// The OpenBLAS provider against the same scalar oracle and planted spectra as the managed provider,
/// plus direct managed-vs-OpenBLAS comparisons of singular values and eigenvalues (within 1e-12 relative).
/// GEMM tolerances: double 1e-13 * (k + 2), float 1e-5 * (k + 2) absolute on entries in [-1, 1].
/// </summary>
public sealed class OpenBlasKernelTests
{
    private static IDenseKernels Blas => DenseKernels.TryGetOpenBlas(out IDenseKernels k) ? k : throw new InvalidOperationException("skipped");

    [OpenBlasTheory]
    [MemberData(nameof(ManagedGemmTests.Shapes), MemberType = typeof(ManagedGemmTests))]
    public void Gemm_matches_scalar_reference(int m, int n, int k)
    {
        var rng = new Random((m * 1000) + (n * 10) + k);
        foreach ((bool ta, bool tb) in new[] { (false, false), (true, false), (false, true), (true, true) })
        {
            GemmCase.Run(Blas, rng, ta, tb, m, n, k, -0.5, 1.0, single: false);
            GemmCase.Run(Blas, rng, ta, tb, m, n, k, 2.0, 0.0, single: true);
        }
    }

    [OpenBlasTheory]
    [MemberData(nameof(ManagedDecompositionTests.SvdShapes), MemberType = typeof(ManagedDecompositionTests))]
    public void Svd_recovers_planted_singular_values(int m, int n, int rank)
    {
        DecompositionCase.Svd(Blas, m, n, rank);
    }

    /// <summary>
    /// An OpenBLAS older than the processor falls back to its Prescott (SSE3) kernels, several
    /// times slower than AVX2/AVX-512 (Debian's 0.3.21 on a 5th-generation Xeon: sgemm 39 against
    /// 254 GFLOP/s); on Intel processors the loader chooses the family by instruction set instead.
    /// </summary>
    [OpenBlasTheory]
    [InlineData("Prescott")]
    [InlineData("Core2")]
    [InlineData("Nehalem")]
    public void OpenBlas_does_not_run_pre_AVX_kernels_on_an_Intel_AVX2_processor(string generic)
    {
        string? family = FaceCompat.LinearAlgebra.Native.OpenBlasCoreType.Recommended();
        if (family is null || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE")))
        {
            return; // not an Intel AVX2 processor, or the user chose the kernels
        }

        string config = ((FaceCompat.LinearAlgebra.Native.OpenBlasKernels)Blas).Config;
        config.Should().Contain("(kernels: ").And.NotContain($"(kernels: {generic})");
        config.Should().ContainEquivalentOf($"(kernels: {family})");
    }

    [OpenBlasTheory]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(6 * 16 + 7)]
    public void SymmetricEigen_recovers_planted_spectrum(int n)
    {
        DecompositionCase.Eigen(Blas, n);
    }

    [OpenBlasTheory]
    [InlineData(1, 1)]
    [InlineData(40, 3)]
    [InlineData(6 * 16 + 7, 5)]
    public void CholeskySolve_solves_spd_system(int n, int nrhs)
    {
        DecompositionCase.Cholesky(Blas, n, nrhs);
    }

    [OpenBlasFact]
    public void Providers_agree_on_decompositions_of_the_same_matrix()
    {
        var rng = new Random(5);
        const int m = 37, n = 23;
        double[] a = ScalarReference.Random(rng, m * n);
        double[] sManaged = new double[n], sBlas = new double[n];
        DenseKernels.Managed.Svd(m, n, a, new double[m * n], sManaged, new double[n * n]);
        Blas.Svd(m, n, a, new double[m * n], sBlas, new double[n * n]);
        for (int i = 0; i < n; i++)
        {
            sManaged[i].Should().BeApproximately(sBlas[i], 1e-12 * sBlas[0], $"singular value {i}");
        }

        double[] sym = ScalarReference.Gemm(true, false, n, n, m, 1, a, n, a, n, 0, new double[n * n], n);
        double[] wManaged = new double[n], wBlas = new double[n];
        DenseKernels.Managed.SymmetricEigen(n, sym, wManaged, new double[n * n]);
        Blas.SymmetricEigen(n, sym, wBlas, new double[n * n]);
        for (int i = 0; i < n; i++)
        {
            wManaged[i].Should().BeApproximately(wBlas[i], 1e-12 * Math.Abs(wBlas[^1]), $"eigenvalue {i}");
        }
    }

    [OpenBlasFact]
    public void CholeskySolve_rejects_indefinite_matrix()
    {
        Blas.CholeskySolve(2, 1, [1.0, 2, 2, 1], [1.0, 1]).Should().BeFalse();
    }

    [Fact]
    public void Choose_reads_the_setting()
    {
        DenseKernels.Choose("managed").Name.Should().Be("managed");
        Action unknown = () => DenseKernels.Choose("cuda");
        unknown.Should().Throw<ModelException>().WithMessage("*auto, managed or openblas*");
        if (DenseKernels.TryGetOpenBlas(out _))
        {
            DenseKernels.Choose("openblas").Name.Should().Be("openblas");
            DenseKernels.Choose(null).Name.Should().Be("openblas");
        }
        else
        {
            Action missing = () => DenseKernels.Choose("openblas");
            missing.Should().Throw<ModelException>().WithMessage("*apt-get install libopenblas0 liblapacke*");
            DenseKernels.Choose("auto").Name.Should().Be("managed");
        }
    }
}
