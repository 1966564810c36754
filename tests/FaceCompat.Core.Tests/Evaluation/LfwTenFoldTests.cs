using FaceCompat.Data;
using FaceCompat.Evaluation;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Tests.Evaluation;

public sealed class LfwTenFoldTests : IDisposable
{
    private const int Folds = 10;
    private const int PerFold = 20;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "fc-lfw10-" + Guid.NewGuid().ToString("N"));

    public LfwTenFoldTests() => SyntheticLfw.Write(_root, Folds, PerFold, seed: 7);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private LfwPairs Pairs(DatasetFolder data) => LfwPairs.Read(Path.Combine(_root, "pairs.txt"), data.Index);

    [Fact]
    public void Pairs_file_resolves_names_and_one_based_numbers_to_index_rows()
    {
        DatasetFolder data = DatasetFolder.Open(_root);
        LfwPairs pairs = Pairs(data);
        pairs.FoldCount.Should().Be(Folds);
        pairs.Pairs.Should().HaveCount(Folds * PerFold * 2);
        LfwPair first = pairs.Pairs[0];
        first.Matched.Should().BeTrue();
        data.Index.Paths[first.First].Should().Be("Person_000/Person_000_0001.jpg");
        data.Index.Paths[first.Second].Should().Be("Person_000/Person_000_0002.jpg");
        pairs.Pairs[PerFold].Matched.Should().BeFalse();
        pairs.Pairs[2 * PerFold].Fold.Should().Be(1);
        pairs.Pairs.Where(p => p.Matched).Should().OnlyContain(p => data.Index.Identities[p.First] == data.Index.Identities[p.Second]);
        pairs.Pairs.Where(p => !p.Matched).Should().OnlyContain(p => data.Index.Identities[p.First] != data.Index.Identities[p.Second]);
    }

    [Fact]
    public void Unknown_image_is_a_data_format_error_naming_the_line()
    {
        DatasetFolder data = DatasetFolder.Open(_root);
        string bad = Path.Combine(_root, "bad.txt");
        File.WriteAllLines(bad, ["2 1", "Nobody 1 2", "Person_000 1 Person_001 1", "Person_000 1 2", "Person_000 1 Person_001 1"]);
        Action act = () => LfwPairs.Read(bad, data.Index);
        act.Should().Throw<DataFormatException>().WithMessage("*row 2*Nobody/Nobody_0001*");
    }

    [Fact]
    public void Own_accuracy_is_high_ridge_map_recovers_it_and_identity_control_is_near_chance()
    {
        DatasetFolder data = DatasetFolder.Open(_root);
        LfwPairs pairs = Pairs(data);
        LfwTenFoldResult own = LfwTenFold.Run(data, pairs, "a", "a", LfwMapping.Unmapped, 0.1, DenseKernels.Managed);
        LfwTenFoldResult ridge = LfwTenFold.Run(data, pairs, "a", "b", LfwMapping.Ridge, 0.1, DenseKernels.Managed);
        LfwTenFoldResult control = LfwTenFold.Run(data, pairs, "a", "b", LfwMapping.Identity, 0.1, DenseKernels.Managed);
        own.FoldAccuracies.Should().HaveCount(Folds);
        own.Mean.Should().BeGreaterThan(90.0);
        ridge.Mean.Should().BeGreaterThan(85.0);
        control.Mean.Should().BeInRange(30.0, 70.0);
    }

    [Fact]
    public void Best_threshold_maximises_accuracy_and_prefers_the_smallest()
    {
        double[] scores = [0.1, 0.2, 0.3, 0.8, 0.9];
        bool[] matched = [false, false, true, true, true];
        LfwTenFold.BestThreshold(scores, matched).Should().Be(0.3);
        LfwTenFold.BestThreshold([0.5, 0.5], [false, false]).Should().Be(double.PositiveInfinity);
        LfwTenFold.BestThreshold([0.2, 0.4], [true, true]).Should().Be(0.2);
    }

    [Fact]
    public void Standard_deviation_is_the_sample_one()
    {
        var r = new LfwTenFoldResult("a", "b", LfwMapping.Ridge, [90.0, 92.0, 94.0]);
        r.Mean.Should().Be(92.0);
        r.StandardDeviation.Should().BeApproximately(2.0, 1e-12);
    }
}
