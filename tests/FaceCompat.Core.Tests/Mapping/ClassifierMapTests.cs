using FaceCompat.Data;
using FaceCompat.Experiments;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;
using FaceCompat.Synthetic;

namespace FaceCompat.Tests.Mapping;

public sealed class ClassifierMapTests
{
    private static readonly IDenseKernels s_kernels = DenseKernels.Managed;

    [Fact]
    public void The_pseudo_inverse_satisfies_the_penrose_conditions()
    {
        var random = new Random(2);
        var a = new Matrix<double>(5, 8);
        for (int i = 0; i < a.Values.Length; i++)
        {
            a.MutableValues()[i] = random.NextDouble() - 0.5;
        }

        Matrix<double> p = ClassifierMap.PseudoInverse(a, s_kernels);
        Matrix<double> apa = Multiply(Multiply(a, p), a);
        apa.ToArray().Zip(a.ToArray()).Max(t => Math.Abs(t.First - t.Second)).Should().BeLessThan(1e-10);
        Matrix<double> ap = Multiply(a, p);
        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                ap[i, j].Should().BeApproximately(i == j ? 1.0 : 0.0, 1e-10); // full row rank: A A+ = I
            }
        }
    }

    [Fact]
    public void With_fewer_classes_than_target_dimensions_the_analytic_map_keeps_the_source_accuracy_and_the_control_is_at_chance()
    {
        // 40 classes <= 48 target dimensions: C_B pinv(C_B) = I, so C_B M x = C_A x exactly (theory).
        ClosedSetData d = ClosedSetSynthetic.Generate(classes: 40, perClass: 30, latent: 32, dimA: 64, dimB: 48, noise: 0.7, seed: 5);
        IReadOnlyList<ClassifierMapSystem> systems = ClassifierMapExperiment.Run(d.FeaturesA, d.WeightsA, d.FeaturesB, d.WeightsB, d.Labels, seed: 0, testPercent: 30, lambda: 0.1, s_kernels);
        double Top1(string name) => systems.Single(s => s.Name == name).Top1Percent;
        Top1("A").Should().BeGreaterThan(60);
        Top1("A->B analytic").Should().Be(Top1("A"));
        Top1("A->B ridge").Should().BeGreaterThan(40);
        Top1("A->B random control").Should().BeLessThan(10); // chance is 2.5 % of 360 test samples
        Top1("B->A random control").Should().BeLessThan(10);
        systems.Should().OnlyContain(s => s.TestSamples == 360);
    }

    [Fact]
    public void Top1_counts_by_hand()
    {
        var features = new Matrix<double>(3, 2, [1, 0, 0, 1, 1, 1.1]);
        var weights = new Matrix<double>(2, 2, [1, 0, 0, 1]);
        ClassifierMap.Top1(features, null, weights, [0, 1, 0], s_kernels).Should().BeApproximately(200.0 / 3, 1e-12);
    }

    [Fact]
    public void Mismatched_shapes_name_the_fix()
    {
        ClosedSetData d = ClosedSetSynthetic.Generate(5, 4, 4, 6, 6, 0.5, 1);
        var act = () => ClassifierMapExperiment.Run(d.FeaturesA, d.WeightsB.SelectRows([0, 1, 2]), d.FeaturesB, d.WeightsB, d.Labels, 0, 30, 0.1, s_kernels);
        act.Should().Throw<DataFormatException>().WithMessage("*classes*");
    }

    private static Matrix<double> Multiply(Matrix<double> a, Matrix<double> b)
    {
        var c = new Matrix<double>(a.Rows, b.Columns);
        s_kernels.Gemm(false, false, a.Rows, b.Columns, a.Columns, 1.0, a.Values, a.Columns, b.Values, b.Columns, 0.0, c.MutableValues(), b.Columns);
        return c;
    }
}
