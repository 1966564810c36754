using FaceCompat.Data;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;

namespace FaceCompat.Tests.Mapping;

/// <summary>
/// Procrustes where the fit does not determine the map (fewer rows than dimensions): the rule of
/// <see cref="OrthogonalProcrustes"/> gives one answer whatever null basis the SVD returns.
/// </summary>
public sealed class OrthogonalProcrustesTests
{
    [Fact]
    public void A_model_fitted_to_itself_on_fewer_rows_than_dimensions_gets_the_identity()
    {
        // M = X^T X has rank 12 < 40: U V^T alone is arbitrary on the other 28 directions.
        Matrix<double> x = TestMatrices.Gaussian(12, 40, seed: 11);
        double[] m = TestMatrices.Multiply(Transpose(x), x).ToArray();
        double[] w = OrthogonalProcrustes.Solve(DenseKernels.Managed, 40, 40, m);
        MaxAbsFromIdentity(w, 40, 40).Should().BeLessThan(1e-9);
    }

    [Theory]
    [InlineData(30, 30, 9)]
    [InlineData(24, 40, 10)]
    [InlineData(40, 24, 7)]
    public void Rank_deficient_maps_are_optimal_orthonormal_and_the_same_on_every_kernel_provider(int ds, int dt, int rows)
    {
        Matrix<double> xs = TestMatrices.Gaussian(rows, ds, seed: ds + dt);
        Matrix<double> xt = TestMatrices.Gaussian(rows, dt, seed: ds * dt);
        double[] m = TestMatrices.Multiply(Transpose(xs), xt).ToArray();
        double[] w = OrthogonalProcrustes.Solve(DenseKernels.Managed, ds, dt, m);

        // Orthonormal along the shorter side: W W^T = I (d_s <= d_t) or W^T W = I.
        var wm = new Matrix<double>(ds, dt, w);
        Matrix<double> gram = ds <= dt ? TestMatrices.Multiply(wm, Transpose(wm)) : TestMatrices.Multiply(Transpose(wm), wm);
        MaxAbsFromIdentity(gram.ToArray(), gram.Rows, gram.Columns).Should().BeLessThan(1e-10);

        // Optimal: tr(W^T M) equals the nuclear norm of M, taken independently as the sum of the square
        // roots of the eigenvalues of M^T M (no SVD involved).
        double trace = 0;
        for (int i = 0; i < w.Length; i++)
        {
            trace += w[i] * m[i];
        }

        trace.Should().BeApproximately(NuclearNorm(new Matrix<double>(ds, dt, m)), 1e-8 * trace);

        if (DenseKernels.TryGetOpenBlas(out IDenseKernels lapack))
        {
            double[] native = OrthogonalProcrustes.Solve(lapack, ds, dt, m);
            TestMatrices.MaxAbsDifference(new Matrix<double>(ds, dt, native), wm).Should().BeLessThan(1e-9, "the undetermined part follows the rule, not the SVD's null basis");
        }
    }

    [Fact]
    public void A_full_rank_cross_product_gets_plain_U_V_transpose()
    {
        // M = R S with R orthogonal and S symmetric positive definite: its polar factor is R.
        Matrix<double> r = TestMatrices.Orthogonal(16, seed: 5);
        Matrix<double> g = TestMatrices.Gaussian(40, 16, seed: 6);
        Matrix<double> spd = TestMatrices.Multiply(Transpose(g), g);
        double[] w = OrthogonalProcrustes.Solve(DenseKernels.Managed, 16, 16, TestMatrices.Multiply(r, spd).Values);
        TestMatrices.MaxAbsDifference(new Matrix<double>(16, 16, w), r).Should().BeLessThan(1e-10);
    }

    private static Matrix<double> Transpose(Matrix<double> a)
    {
        var t = new Matrix<double>(a.Columns, a.Rows);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < a.Columns; j++)
            {
                t[j, i] = a[i, j];
            }
        }

        return t;
    }

    private static double NuclearNorm(Matrix<double> m)
    {
        Matrix<double> mtm = TestMatrices.Multiply(Transpose(m), m);
        double[] values = new double[mtm.Rows];
        double[] vectors = new double[mtm.Rows * mtm.Rows];
        DenseKernels.Managed.SymmetricEigen(mtm.Rows, mtm.Values, values, vectors);
        // Zero eigenvalues come out as +-1e-12, whose square roots (1e-6) would swamp the comparison.
        double floor = 1e-12 * values.Max();
        return values.Where(v => v > floor).Sum(Math.Sqrt);
    }

    private static double MaxAbsFromIdentity(double[] a, int rows, int columns)
    {
        double worst = 0;
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                worst = Math.Max(worst, Math.Abs(a[(i * columns) + j] - (i == j ? 1.0 : 0.0)));
            }
        }

        return worst;
    }
}
