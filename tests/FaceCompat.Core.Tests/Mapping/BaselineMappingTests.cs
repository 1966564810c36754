using FaceCompat.Data;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;

namespace FaceCompat.Tests.Mapping;

public sealed class BaselineMappingTests
{
    [Theory]
    [InlineData(6, 4)]
    [InlineData(4, 6)]
    [InlineData(5, 5)]
    public void Baseline_without_a_product_equals_the_product_with_the_padded_identity(int ds, int dt)
    {
        var random = new Random(ds * 10 + dt);
        var rows = new Matrix<float>(2500, ds);
        for (int i = 0; i < rows.Values.Length; i++)
        {
            rows.MutableValues()[i] = (float)(random.NextDouble() - 0.3);
        }

        double[] mean = Enumerable.Range(0, ds).Select(i => 0.01 * i).ToArray();
        FittedMap Map(MapMethod method) => new()
        {
            Method = method,
            SourceMean = mean,
            TargetMean = new double[dt],
            Weights = PaddedIdentity(ds, dt),
            PreservesNorm = true,
        };

        Matrix<float> shortcut = Map(MapMethod.Baseline).MapSource(rows, DenseKernels.Managed);
        Matrix<float> product = Map(MapMethod.Procrustes).MapSource(rows, DenseKernels.Managed);
        shortcut.ToArray().Should().Equal(product.ToArray());
    }

    [Fact]
    public void A_baseline_adapter_with_other_weights_is_applied_as_written()
    {
        var weights = PaddedIdentity(3, 3);
        weights[0, 1] = 0.5;
        var map = new FittedMap { Method = MapMethod.Baseline, SourceMean = new double[3], TargetMean = new double[3], Weights = weights, PreservesNorm = false };
        var rows = new Matrix<float>(1, 3, [1f, 0f, 0f]);
        Matrix<float> mapped = map.MapSource(rows, DenseKernels.Managed);
        mapped[0, 1].Should().BeApproximately((float)(0.5 / Math.Sqrt(1.25)), 1e-6f);
    }

    private static Matrix<double> PaddedIdentity(int ds, int dt)
    {
        var w = new Matrix<double>(ds, dt);
        for (int i = 0; i < Math.Min(ds, dt); i++)
        {
            w[i, i] = 1.0;
        }

        return w;
    }
}
