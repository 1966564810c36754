using FaceCompat.Data;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;

namespace FaceCompat.Tests.Mapping;

public sealed class MlpAdapterTests
{
    private static IDenseKernels Kernels => DenseKernels.Default;

    [Theory]
    [InlineData(MlpLoss.Regression, 1)]
    [InlineData(MlpLoss.Regression, 2)]
    [InlineData(MlpLoss.Contrastive, 1)]
    [InlineData(MlpLoss.Contrastive, 2)]
    public void Gradients_match_central_finite_differences(MlpLoss loss, int layers)
    {
        // A tiny net with every parameter random (the output layer too, so no gradient is trivially zero).
        MlpTrainingSet set = TinySet(rows: 6, ds: 3, dt: 4, seed: 11);
        var options = new MlpOptions { Hidden = 5, Layers = layers, Loss = loss, BatchSize = 6, Temperature = 0.5 };
        MlpResidual net = MlpResidual.Initial(3, 4, 5, layers, seed: 12);
        Randomise(net, seed: 13);
        int[] rows = [0, 1, 2, 3, 4, 5];
        var workspace = new MlpTrainer.Workspace(set, net, options.BatchSize);
        MlpResidual gradient = net.Clone();
        MlpTrainer.LossAndGradient(net, set, rows, options, gradient, Kernels, workspace);
        const double h = 1e-6;
        int checkedValues = 0;
        for (int p = 0; p < net.Weights.Length * 2; p++)
        {
            Span<double> theta = p < net.Weights.Length ? net.Weights[p].MutableValues() : net.Biases[p - net.Weights.Length];
            ReadOnlySpan<double> analytic = p < net.Weights.Length ? gradient.Weights[p].Values : gradient.Biases[p - net.Weights.Length];
            for (int i = 0; i < theta.Length; i++)
            {
                double keep = theta[i];
                theta[i] = keep + h;
                double up = MlpTrainer.LossAndGradient(net, set, rows, options, null, Kernels, workspace);
                theta = p < net.Weights.Length ? net.Weights[p].MutableValues() : net.Biases[p - net.Weights.Length];
                theta[i] = keep - h;
                double down = MlpTrainer.LossAndGradient(net, set, rows, options, null, Kernels, workspace);
                theta = p < net.Weights.Length ? net.Weights[p].MutableValues() : net.Biases[p - net.Weights.Length];
                theta[i] = keep;
                double numeric = (up - down) / (2 * h);
                Math.Abs(analytic[i] - numeric).Should().BeLessThan(1e-7 + (1e-5 * Math.Abs(numeric)), $"parameter block {p}, value {i}");
                checkedValues++;
            }
        }

        checkedValues.Should().Be(net.ParameterCount);
    }

    [Fact]
    public void A_zero_residual_maps_exactly_as_its_linear_map()
    {
        Matrix<float> source = TestMatrices.Gaussian(80, 6, seed: 21).ToSingle();
        Matrix<float> target = TestMatrices.Gaussian(80, 5, seed: 22).ToSingle();
        FittedMap ridge = MapFitter.Fit(source, target, MapMethod.Ridge, 0.1, Kernels);
        var mlp = new FittedMap
        {
            Method = MapMethod.Mlp,
            Lambda = 0.1,
            SourceMean = ridge.SourceMean,
            TargetMean = ridge.TargetMean,
            Weights = ridge.Weights,
            PreservesNorm = false,
            Residual = MlpResidual.Initial(6, 5, 7, 2, seed: 23), // hidden layers random, output layer zero
        };
        Matrix<float> test = TestMatrices.Gaussian(30, 6, seed: 24).ToSingle();
        mlp.MapSource(test, Kernels).ToArray().Should().Equal(ridge.MapSource(test, Kernels).ToArray());
    }

    [Fact]
    public void On_a_planted_even_nonlinearity_the_mlp_beats_the_linear_map_on_held_out_identities()
    {
        // Target = [x, x*x - 1]: the second half is an even function of x and the (normalised) source
        // an odd one, so no linear map can predict it (its covariance with every source column is 0).
        // A linear map reaches only the first half's share of the target (cos about 0.5-0.6);
        // the MLP can compute the squares. Fit on 300 identities, test on 100 others.
        (Matrix<float> source, Matrix<float> target, int[] ids) = Planted(identities: 400, perIdentity: 3, d: 8, seed: 31);
        int[] fit = Enumerable.Range(0, ids.Length).Where(r => ids[r] < 300).ToArray();
        int[] test = Enumerable.Range(0, ids.Length).Where(r => ids[r] >= 300).ToArray();
        var options = new MlpOptions { Hidden = 64, BatchSize = 64, LearningRate = 3e-3, MaxEpochs = 200, Patience = 20 };
        IReadOnlyList<FittedMap> maps = MapFitter.Fit(
            source.SelectRows(fit), target.SelectRows(fit), [MapMethod.Ridge, MapMethod.Mlp], 0.1, Kernels, new MlpFitting(fit.Select(r => ids[r]).ToArray(), 0, options));
        double linear = MeanCosine(maps[0], source.SelectRows(test), target.SelectRows(test));
        double mlp = MeanCosine(maps[1], source.SelectRows(test), target.SelectRows(test));
        linear.Should().BeLessThan(0.7);
        mlp.Should().BeGreaterThan(linear + 0.15);
        maps[1].MlpTraining!.BestEpoch.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Training_gives_the_same_network_on_one_and_on_two_threads()
    {
        (Matrix<float> source, Matrix<float> target, int[] ids) = Planted(identities: 60, perIdentity: 3, d: 8, seed: 41);
        var fitting = new MlpFitting(ids, 3, new MlpOptions { Hidden = 40, BatchSize = 32, MaxEpochs = 5, Patience = 5 });
        foreach (IDenseKernels kernels in new[] { DenseKernels.Managed, Kernels })
        {
            double[][] one = Parameters(FitOn(threads: 1, source, target, fitting, kernels));
            double[][] two = Parameters(FitOn(threads: 2, source, target, fitting, kernels));
            two.Should().HaveSameCount(one);
            for (int i = 0; i < one.Length; i++)
            {
                two[i].Should().Equal(one[i], $"block {i} with the {kernels.Name} kernels");
            }
        }
    }

    [Fact]
    public void Fewer_than_three_fitting_identities_is_a_clear_error()
    {
        (Matrix<float> source, Matrix<float> target, int[] ids) = Planted(identities: 2, perIdentity: 5, d: 4, seed: 51);
        Action fit = () => MapFitter.Fit(source, target, [MapMethod.Mlp], 0.1, Kernels, new MlpFitting(ids, 0, new MlpOptions()));
        fit.Should().Throw<DataFormatException>().WithMessage("*at least 3 fitting identities; found 2*");
    }

    [Fact]
    public void The_validation_share_is_identity_disjoint_from_the_training_rows_and_seeded()
    {
        int[] ids = Enumerable.Range(0, 300).Select(r => r / 3).ToArray();
        (int[] train, int[] validation) = MapFitter.ValidationSplit(ids, 5, 10);
        train.Select(r => ids[r]).Intersect(validation.Select(r => ids[r])).Should().BeEmpty();
        validation.Select(r => ids[r]).Distinct().Should().HaveCount(10);
        (train.Length + validation.Length).Should().Be(300);
        MapFitter.ValidationSplit(ids, 5, 10).Validation.Should().Equal(validation);
        MapFitter.ValidationSplit(ids, 6, 10).Validation.Should().NotEqual(validation);
    }

    [Theory]
    [InlineData("Hidden")]
    [InlineData("Layers")]
    [InlineData("LearningRate")]
    public void Out_of_range_settings_are_rejected_by_name(string name)
    {
        MlpOptions bad = name switch
        {
            "Hidden" => new MlpOptions { Hidden = 0 },
            "Layers" => new MlpOptions { Layers = 3 },
            _ => new MlpOptions { LearningRate = 0 },
        };
        bad.Invoking(o => o.Validate()).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(name);
    }

    [Fact]
    public void An_mlp_adapter_file_round_trips_and_maps_the_same_rows()
    {
        (Matrix<float> source, Matrix<float> target, int[] ids) = Planted(identities: 40, perIdentity: 3, d: 6, seed: 61);
        FittedMap map = MapFitter.Fit(source, target, [MapMethod.Mlp], 0.1, Kernels, new MlpFitting(ids, 0, new MlpOptions { Hidden = 9, Layers = 2, MaxEpochs = 3 }))[0];
        string path = Path.Combine(Path.GetTempPath(), $"mlp-{Guid.NewGuid():N}.fcmap");
        try
        {
            AdapterFile.Save(path, map, new AdapterProvenance("a", "b", "/data", ids.Length, 40, "all rows", new string('0', 64)));
            (FittedMap loaded, _) = AdapterFile.Load(path);
            loaded.Method.Should().Be(MapMethod.Mlp);
            loaded.Residual!.Layers.Should().Be(2);
            loaded.MlpSettings!.Hidden.Should().Be(9);
            loaded.MapSource(source, Kernels).ToArray().Should().Equal(map.MapSource(source, Kernels).ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static FittedMap FitOn(int threads, Matrix<float> source, Matrix<float> target, MlpFitting fitting, IDenseKernels kernels)
    {
        var pair = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, threads);
        return Task.Factory.StartNew(
            () => MapFitter.Fit(source, target, [MapMethod.Mlp], 0.1, kernels, fitting)[0],
            CancellationToken.None,
            TaskCreationOptions.None,
            pair.ConcurrentScheduler).GetAwaiter().GetResult();
    }

    private static double[][] Parameters(FittedMap map) =>
        [.. map.Residual!.Weights.Select(w => w.ToArray()), .. map.Residual.Biases, map.Weights.ToArray()];

    private static double MeanCosine(FittedMap map, Matrix<float> source, Matrix<float> target)
    {
        Matrix<float> mapped = map.MapSource(source, Kernels);
        Matrix<float> prepared = map.PrepareTarget(target);
        double sum = 0;
        for (int r = 0; r < mapped.Rows; r++)
        {
            ReadOnlySpan<float> a = mapped.Row(r), b = prepared.Row(r);
            for (int c = 0; c < a.Length; c++)
            {
                sum += a[c] * b[c];
            }
        }

        return sum / mapped.Rows;
    }

    /// <summary>Identities z (Gaussian), images x = z + 0.1 noise, target [x, x*x - 1].</summary>
    private static (Matrix<float> Source, Matrix<float> Target, int[] Identities) Planted(int identities, int perIdentity, int d, int seed)
    {
        Matrix<double> z = TestMatrices.Gaussian(identities, d, seed);
        Matrix<double> noise = TestMatrices.Gaussian(identities * perIdentity, d, seed + 1);
        var source = new Matrix<float>(identities * perIdentity, d);
        var target = new Matrix<float>(identities * perIdentity, 2 * d);
        int[] ids = new int[identities * perIdentity];
        for (int r = 0; r < ids.Length; r++)
        {
            ids[r] = r / perIdentity;
            for (int c = 0; c < d; c++)
            {
                double x = z[ids[r], c] + (0.1 * noise[r, c]);
                source[r, c] = (float)x;
                target[r, c] = (float)x;
                target[r, d + c] = (float)((x * x) - 1);
            }
        }

        return (source, target, ids);
    }

    private static MlpTrainingSet TinySet(int rows, int ds, int dt, int seed)
    {
        Matrix<double> inputs = TestMatrices.Gaussian(rows, ds, seed);
        Matrix<double> linear = TestMatrices.Gaussian(rows, dt, seed + 1);
        Matrix<double> targets = TestMatrices.Gaussian(rows, dt, seed + 2);
        for (int r = 0; r < rows; r++)
        {
            Span<double> t = targets.MutableRow(r);
            double norm = Math.Sqrt(t.ToArray().Sum(v => v * v));
            for (int c = 0; c < dt; c++)
            {
                t[c] /= norm;
            }
        }

        return new MlpTrainingSet(inputs, linear, targets, [0, 0, 1, 1, 2, 3]);
    }

    private static void Randomise(MlpResidual net, int seed)
    {
        for (int l = 0; l < net.Weights.Length; l++)
        {
            Matrix<double> w = net.Weights[l];
            TestMatrices.Gaussian(w.Rows, w.Columns, seed + l).Values.CopyTo(w.MutableValues());
            TestMatrices.Gaussian(1, net.Biases[l].Length, seed + 100 + l).Values.CopyTo(net.Biases[l]);
        }
    }
}
