using FaceCompat.LinearAlgebra;

namespace FaceCompat.Tests.LinearAlgebra;

public sealed class ManagedDecompositionTests
{
    public static TheoryData<int, int, int> SvdShapes => new()
    {
        { 1, 1, 1 }, { 5, 3, 3 }, { 3, 5, 3 }, { 8, 8, 8 }, { 8, 8, 3 }, { 40, 7, 2 }, { 7, 40, 7 },
        { 6 * 16 + 7, 20, 20 }, { 20, 6 * 16 + 7, 11 }, { 33, 33, 0 }, { 12, 9, 1 },
    };

    [Theory]
    [MemberData(nameof(SvdShapes))]
    public void Svd_recovers_planted_singular_values_and_reconstructs(int m, int n, int rank)
    {
        DecompositionCase.Svd(DenseKernels.Managed, m, n, rank);
    }

    [Fact]
    public void Svd_of_empty_matrix_does_nothing()
    {
        DenseKernels.Managed.Svd(0, 4, [], [], [], []);
        DenseKernels.Managed.Svd(3, 0, [], [], [], []);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(9)]
    [InlineData(40)]
    [InlineData(6 * 16 + 7)]
    public void SymmetricEigen_recovers_planted_spectrum(int n)
    {
        DecompositionCase.Eigen(DenseKernels.Managed, n);
    }

    [Fact]
    public void SymmetricEigen_handles_repeated_eigenvalues()
    {
        double[] a = [2, 0, 0, 0, 2, 0, 0, 0, 1];
        double[] values = new double[3];
        double[] vectors = new double[9];
        DenseKernels.Managed.SymmetricEigen(3, a, values, vectors);
        values.Should().Equal(1, 2, 2);
        ScalarReference.OrthogonalityError(vectors, 3, 3, 3).Should().BeLessThan(1e-14);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(40, 1)]
    [InlineData(6 * 16 + 7, 5)]
    public void CholeskySolve_solves_spd_system(int n, int nrhs)
    {
        DecompositionCase.Cholesky(DenseKernels.Managed, n, nrhs);
    }

    [Fact]
    public void CholeskySolve_rejects_indefinite_matrix()
    {
        double[] a = [1, 2, 2, 1];
        double[] b = [1, 1];
        DenseKernels.Managed.CholeskySolve(2, 1, a, b).Should().BeFalse();
    }
}
