using FaceCompat.Data;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;

namespace FaceCompat.Tests.Mapping;

public sealed class SourceStatisticsCacheTests
{
    private static Matrix<float> Random(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        var m = new Matrix<float>(rows, columns);
        for (int i = 0; i < m.Values.Length; i++)
        {
            m.MutableValues()[i] = (float)(random.NextDouble() - 0.4);
        }

        return m;
    }

    [Fact]
    public void Maps_fitted_with_a_shared_source_side_equal_maps_fitted_alone()
    {
        Matrix<float> source = Random(300, 12, 1), first = Random(300, 7, 2), second = Random(300, 9, 3);
        int[] rows = Enumerable.Range(0, 300).Where(i => i % 3 != 0).ToArray();
        MapMethod[] methods = [MapMethod.Linear, MapMethod.Ridge];
        foreach (Matrix<float> target in new[] { first, second, first })
        {
            IReadOnlyList<FittedMap> shared = MapFitter.FitSharingSource(new RowSubset(source, rows), new RowSubset(target, rows), methods, 0.1, DenseKernels.Managed);
            IReadOnlyList<FittedMap> alone = MapFitter.Fit(source.SelectRows(rows), target.SelectRows(rows), methods, 0.1, DenseKernels.Managed);
            for (int m = 0; m < methods.Length; m++)
            {
                shared[m].Weights.ToArray().Should().Equal(alone[m].Weights.ToArray());
                shared[m].SourceMean.Should().Equal(alone[m].SourceMean);
            }
        }
    }

    [Fact]
    public void Other_rows_of_the_same_source_are_not_taken_from_the_cache()
    {
        Matrix<float> source = Random(200, 6, 4), target = Random(200, 5, 5);
        int[] even = Enumerable.Range(0, 200).Where(i => i % 2 == 0).ToArray();
        int[] odd = Enumerable.Range(0, 200).Where(i => i % 2 == 1).ToArray();
        FittedMap a = MapFitter.FitSharingSource(new RowSubset(source, even), new RowSubset(target, even), [MapMethod.Ridge], 0.1, DenseKernels.Managed)[0];
        FittedMap b = MapFitter.FitSharingSource(new RowSubset(source, odd), new RowSubset(target, odd), [MapMethod.Ridge], 0.1, DenseKernels.Managed)[0];
        FittedMap alone = MapFitter.Fit(source.SelectRows(odd), target.SelectRows(odd), MapMethod.Ridge, 0.1, DenseKernels.Managed);
        b.Weights.ToArray().Should().Equal(alone.Weights.ToArray());
        a.SourceMean.Should().NotEqual(b.SourceMean);
    }

    [Fact]
    public void The_reverse_fit_from_kept_products_equals_fitting_it_alone()
    {
        Matrix<float> a = Random(400, 11, 6), b = Random(400, 7, 7);
        int[] rows = Enumerable.Range(0, 400).Where(i => i % 4 != 1).ToArray();
        MapMethod[] methods = [MapMethod.Baseline, MapMethod.Procrustes, MapMethod.Linear, MapMethod.Ridge];
        MapFitter.FitSharingSource(new RowSubset(a, rows), new RowSubset(b, rows), methods, 0.1, DenseKernels.Managed);
        PairProducts? kept = PairProductCache.TakeReverse(new RowSubset(b, rows), new RowSubset(a, rows), DenseKernels.Managed);
        kept.Should().NotBeNull("the forward fit leaves its products for the reverse");
        kept!.Procrustes.Should().NotBeNull();
        PairProductCache.Add(kept);

        IReadOnlyList<FittedMap> reverse = MapFitter.FitSharingSource(new RowSubset(b, rows), new RowSubset(a, rows), methods, 0.1, DenseKernels.Managed);
        PairProductCache.TakeReverse(new RowSubset(b, rows), new RowSubset(a, rows), DenseKernels.Managed).Should().BeNull("the reverse fit took them");
        IReadOnlyList<FittedMap> alone = MapFitter.Fit(b.SelectRows(rows), a.SelectRows(rows), methods, 0.1, DenseKernels.Managed);
        for (int m = 0; m < methods.Length; m++)
        {
            reverse[m].SourceMean.Should().Equal(alone[m].SourceMean);
            reverse[m].TargetMean.Should().Equal(alone[m].TargetMean);
            reverse[m].Weights.Rows.Should().Be(7);
            reverse[m].Weights.Columns.Should().Be(11);
            for (int i = 0; i < alone[m].Weights.Values.Length; i++)
            {
                reverse[m].Weights.Values[i].Should().BeApproximately(alone[m].Weights.Values[i], 1e-10, $"{methods[m]} weight {i}");
            }
        }
    }

    [Fact]
    public void A_model_fitted_to_itself_takes_its_cross_product_from_the_gram_matrix()
    {
        Matrix<float> a = Random(300, 9, 8);
        int[] rows = Enumerable.Range(0, 300).Where(i => i % 5 != 2).ToArray();
        MapMethod[] methods = [MapMethod.Procrustes, MapMethod.Linear, MapMethod.Ridge];
        IReadOnlyList<FittedMap> shared = MapFitter.FitSharingSource(new RowSubset(a, rows), new RowSubset(a, rows), methods, 0.1, DenseKernels.Managed);
        IReadOnlyList<FittedMap> alone = MapFitter.Fit(a.SelectRows(rows), a.SelectRows(rows), methods, 0.1, DenseKernels.Managed);
        for (int m = 0; m < methods.Length; m++)
        {
            shared[m].TargetMean.Should().Equal(alone[m].TargetMean);
            for (int i = 0; i < alone[m].Weights.Values.Length; i++)
            {
                shared[m].Weights.Values[i].Should().BeApproximately(alone[m].Weights.Values[i], 1e-10, $"{methods[m]} weight {i}");
            }
        }
    }

    [Fact]
    public void A_source_written_after_its_statistics_were_cached_is_fitted_from_its_new_values()
    {
        Matrix<float> source = Random(250, 8, 9), target = Random(250, 6, 10);
        int[] rows = Enumerable.Range(0, 250).Where(i => i % 3 != 1).ToArray();
        MapFitter.FitSharingSource(new RowSubset(source, rows), new RowSubset(target, rows), [MapMethod.Ridge], 0.1, DenseKernels.Managed);
        Span<float> first = source.MutableRow(rows[0]);
        first[0] += 3f;
        first[5] -= 2f;

        FittedMap shared = MapFitter.FitSharingSource(new RowSubset(source, rows), new RowSubset(Random(250, 5, 11), rows), [MapMethod.Ridge], 0.1, DenseKernels.Managed)[0];
        FittedMap alone = MapFitter.Fit(source.SelectRows(rows), Random(250, 5, 11).SelectRows(rows), MapMethod.Ridge, 0.1, DenseKernels.Managed);
        shared.SourceMean.Should().Equal(alone.SourceMean);
        shared.Weights.ToArray().Should().Equal(alone.Weights.ToArray());
    }

    [Fact]
    public void Forward_weights_written_before_the_reverse_fit_are_not_reused_by_it()
    {
        Matrix<float> a = Random(300, 9, 12), b = Random(300, 7, 13);
        int[] rows = Enumerable.Range(0, 300).Where(i => i % 4 != 3).ToArray();
        FittedMap forward = MapFitter.FitSharingSource(new RowSubset(a, rows), new RowSubset(b, rows), [MapMethod.Procrustes], 0.1, DenseKernels.Managed)[0];
        forward.Weights.MutableValues().Fill(0.25);
        forward.SourceMean.AsSpan().Fill(7.0);

        FittedMap reverse = MapFitter.FitSharingSource(new RowSubset(b, rows), new RowSubset(a, rows), [MapMethod.Procrustes], 0.1, DenseKernels.Managed)[0];
        FittedMap alone = MapFitter.Fit(b.SelectRows(rows), a.SelectRows(rows), MapMethod.Procrustes, 0.1, DenseKernels.Managed);
        reverse.TargetMean.Should().Equal(alone.TargetMean, "the maps hold copies of the cached means");
        for (int i = 0; i < alone.Weights.Values.Length; i++)
        {
            reverse.Weights.Values[i].Should().BeApproximately(alone.Weights.Values[i], 1e-10, $"weight {i}");
        }
    }

    [Fact]
    public void Reading_a_matrix_leaves_its_version_and_writing_it_changes_the_version()
    {
        Matrix<float> m = Random(4, 3, 14);
        long seen = m.Version;
        _ = m.Row(2)[1] + m.Values[5] + m[3, 2];
        m.Version.Should().Be(seen);
        m.MutableRow(1)[0] = 1f;
        m.Version.Should().NotBe(seen);
        seen = m.Version;
        m[0, 0] = 2f;
        m.Version.Should().NotBe(seen);
        seen = m.Version;
        m.MutableValues();
        m.Version.Should().NotBe(seen);
    }
}
