using FaceCompat.Data;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;

namespace FaceCompat.Tests.Mapping;

public sealed class MapFitterTests
{
    private static IDenseKernels Kernels => DenseKernels.Default;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Procrustes_recovers_a_known_rotation(bool reflection)
    {
        Matrix<double> source = TestMatrices.Gaussian(200, 12, seed: 1);
        Matrix<double> rotation = TestMatrices.Orthogonal(12, seed: 2, reflection);
        Matrix<double> target = TestMatrices.Multiply(source, rotation);
        FittedMap map = MapFitter.Fit(source.ToSingle(), target.ToSingle(), MapMethod.Procrustes, 0.1, Kernels);
        TestMatrices.MaxAbsDifference(map.Weights, rotation).Should().BeLessThan(1e-5);
        map.PreservesNorm.Should().BeTrue();
    }

    [Fact]
    public void Linear_recovers_a_known_full_rank_map()
    {
        Matrix<double> xs = Centred(TestMatrices.Gaussian(300, 10, seed: 3));
        Matrix<double> a = TestMatrices.Gaussian(10, 7, seed: 4);
        Matrix<double> xt = TestMatrices.Multiply(xs, a);
        FittedMap map = FittingProblem.FromCentred(xs, xt, new double[10], new double[7], Kernels).Linear();
        TestMatrices.MaxAbsDifference(map.Weights, a).Should().BeLessThan(1e-8);
    }

    [Fact]
    public void Ridge_tends_to_linear_as_lambda_goes_to_zero()
    {
        Matrix<double> xs = Centred(TestMatrices.Gaussian(150, 9, seed: 5));
        Matrix<double> xt = TestMatrices.Gaussian(150, 6, seed: 6);
        FittingProblem problem = FittingProblem.FromCentred(xs, xt, new double[9], new double[6], Kernels);
        Matrix<double> linear = problem.Linear().Weights;
        double previous = double.PositiveInfinity;
        foreach (double lambda in new[] { 1.0, 1e-2, 1e-4, 1e-6 })
        {
            double gap = TestMatrices.MaxAbsDifference(problem.Ridge(lambda).Weights, linear);
            gap.Should().BeLessThan(previous);
            previous = gap;
        }

        previous.Should().BeLessThan(1e-6);
    }

    [Fact]
    public void Linear_is_the_minimum_norm_solution_when_rows_are_fewer_than_dimensions()
    {
        // 5 rows in 12 dimensions: many exact solutions; pinv picks the one in the row space.
        Matrix<double> xs = TestMatrices.Gaussian(5, 12, seed: 7);
        Matrix<double> xt = TestMatrices.Gaussian(5, 3, seed: 8);
        Matrix<double> w = FittingProblem.FromCentred(xs, xt, new double[12], new double[3], Kernels).Linear().Weights;
        TestMatrices.MaxAbsDifference(TestMatrices.Multiply(xs, w), xt).Should().BeLessThan(1e-8, "it solves Xs W = Xt exactly");
        // A ridge solution always lies in the row space of Xs, so agreeing with it means minimum norm.
        Matrix<double> w2 = FittingProblem.FromCentred(xs, xt, new double[12], new double[3], Kernels).Ridge(1e-10).Weights;
        TestMatrices.MaxAbsDifference(w, w2).Should().BeLessThan(1e-4, "ridge with a tiny lambda approaches the minimum-norm solution");
    }

    [Fact]
    public void Unequal_dimensions_map_into_the_target_dimension()
    {
        Matrix<float> source = TestMatrices.Gaussian(60, 8, seed: 10).ToSingle();
        Matrix<float> target = TestMatrices.Gaussian(60, 20, seed: 11).ToSingle();
        foreach (MapMethod method in MapMethods.All)
        {
            FittedMap map = MapFitter.Fit(source, target, method, 0.1, Kernels);
            Matrix<float> mapped = map.MapSource(source, Kernels);
            mapped.Columns.Should().Be(20);
            map.PrepareTarget(target).Columns.Should().Be(20);
        }
    }

    [Theory]
    [InlineData(8, 20)]
    [InlineData(20, 8)]
    [InlineData(12, 12)]
    public void The_null_control_is_a_fixed_random_isometry_block(int ds, int dt)
    {
        Matrix<float> source = TestMatrices.Gaussian(40, ds, seed: 12).ToSingle();
        Matrix<float> target = TestMatrices.Gaussian(40, dt, seed: 13).ToSingle();
        FittedMap map = MapFitter.Fit(source, target, MapMethod.Null, 0.1, Kernels);
        map.PreservesNorm.Should().BeTrue();
        // The smaller side's vectors are orthonormal: W W^T = I (ds <= dt) or W^T W = I (ds >= dt).
        Matrix<double> w = map.Weights;
        Matrix<double> gram = ds <= dt ? TestMatrices.Multiply(w, w.Transpose()) : TestMatrices.Multiply(w.Transpose(), w);
        TestMatrices.MaxAbsDifference(gram, Matrix<double>.Identity(Math.Min(ds, dt))).Should().BeLessThan(1e-10);
        MapFitter.Fit(TestMatrices.Gaussian(40, ds, seed: 14).ToSingle(), target, MapMethod.Null, 0.1, Kernels).Weights.ToArray()
            .Should().Equal(w.ToArray(), "the control does not depend on the data");
        MapMethods.TryParse("null", out MapMethod parsed).Should().BeTrue();
        parsed.Should().Be(MapMethod.Null);
        MapMethods.All.Should().NotContain(MapMethod.Null, "it is opt-in");
    }

    [Fact]
    public void Mismatched_row_counts_are_refused()
    {
        Action act = () => MapFitter.Fit(new Matrix<float>(3, 2), new Matrix<float>(4, 2), MapMethod.Linear, 0.1, Kernels);
        act.Should().Throw<DataFormatException>().WithMessage("*3 fitting rows but the target has 4*");
    }

    [Fact]
    public void Applying_a_map_to_the_wrong_dimension_says_so()
    {
        FittedMap map = MapFitter.Fit(TestMatrices.Gaussian(20, 4, 1).ToSingle(), TestMatrices.Gaussian(20, 5, 2).ToSingle(), MapMethod.Ridge, 0.1, Kernels);
        Action act = () => map.MapSource(new Matrix<float>(2, 6), Kernels);
        act.Should().Throw<DataFormatException>().WithMessage("*6 dimensions but the map expects 4*");
    }

    private static Matrix<double> Centred(Matrix<double> m)
    {
        RowPreprocessing.SubtractInPlace(m, RowPreprocessing.ColumnMeans(m));
        return m;
    }
}
