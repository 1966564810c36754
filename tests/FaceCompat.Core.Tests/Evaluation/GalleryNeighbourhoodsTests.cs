using System.Text.Json;
using FaceCompat.Data;
using FaceCompat.Evaluation;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Tests.Evaluation;

/// <summary>
/// CSLS neighbourhood means and k-occurrence against NumPy (tests/fixtures/hubness/make_fixtures.py:
/// full score matrix, sorts), against a brute-force full sort here on random data with ties, and
/// against an example worked by hand.
/// </summary>
public sealed class GalleryNeighbourhoodsTests
{
    /// <summary>A fixture's matrix (an array of rows of numbers) as float32.</summary>
    internal static Matrix<float> Rows(JsonElement rows)
    {
        float[][] r = rows.EnumerateArray().Select(row => row.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray()).ToArray();
        return new Matrix<float>(r.Length, r[0].Length, r.SelectMany(x => x).ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Statistics_match_numpy_on_every_fixture_within_1e9(int threads)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.Fixture("hubness", "hubness.json")));
        JsonElement[] cases = doc.RootElement.EnumerateArray().ToArray();
        cases.Should().HaveCount(5);
        foreach (JsonElement c in cases)
        {
            string name = c.GetProperty("name").GetString()!;
            var h = GalleryNeighbourhoods.Collect(Rows(c.GetProperty("probes")), Rows(c.GetProperty("gallery")), c.GetProperty("k").GetInt32(), DenseKernels.Managed, threads);
            double[] rt = c.GetProperty("r_t").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            double[] rs = c.GetProperty("r_s").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            int[] nk = c.GetProperty("n_k").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            for (int i = 0; i < rt.Length; i++)
            {
                h.ProbeMeanTopK[i].Should().BeApproximately(rt[i], 1e-9, $"{name}, probe {i}");
            }

            for (int j = 0; j < rs.Length; j++)
            {
                h.GalleryMeanTopK[j].Should().BeApproximately(rs[j], 1e-9, $"{name}, template {j}");
            }

            h.KOccurrence.Should().Equal(nk, name);
            JsonElement skew = c.GetProperty("skewness");
            if (skew.ValueKind == JsonValueKind.Null)
            {
                double.IsNaN(h.KOccurrenceSkewness()).Should().BeTrue(name);
            }
            else
            {
                h.KOccurrenceSkewness().Should().BeApproximately(skew.GetDouble(), 1e-9, name);
            }
        }
    }

    [Theory]
    [InlineData(50, 70, 10, 0, 1)]
    [InlineData(300, 200, 10, 4, 2)]
    [InlineData(20, 20, 20, 3, 3)]
    [InlineData(40, 9, 9, 0, 4)]
    public void Statistics_equal_a_brute_force_sort_of_the_full_score_matrix(int probes, int gallery, int k, int levels, int seed)
    {
        var random = new Random(seed);
        float Value() => levels == 0 ? (float)(random.NextDouble() - 0.5) : random.Next(-levels, levels + 1) / 4f;
        var p = new Matrix<float>(probes, 5, Enumerable.Range(0, probes * 5).Select(_ => Value()).ToArray());
        var g = new Matrix<float>(gallery, 5, Enumerable.Range(0, gallery * 5).Select(_ => Value()).ToArray());
        var h = GalleryNeighbourhoods.Collect(p, g, k, DenseKernels.Default, threads: 2);

        // The same GEMM scores (so float rounding is shared), then full sorts.
        var s = new float[probes * gallery];
        DenseKernels.Default.Gemm(false, true, probes, gallery, 5, 1f, p.Values, 5, g.Values, 5, 0f, s, gallery);
        var counts = new int[gallery];
        for (int i = 0; i < probes; i++)
        {
            int[] order = Enumerable.Range(0, gallery).OrderByDescending(j => s[(i * gallery) + j]).ThenBy(j => j).ToArray();
            h.ProbeMeanTopK[i].Should().BeApproximately(order.Take(k).Average(j => (double)s[(i * gallery) + j]), 1e-9);
            foreach (int j in order.Take(k))
            {
                counts[j]++;
            }
        }

        for (int j = 0; j < gallery; j++)
        {
            double expected = Enumerable.Range(0, probes).Select(i => (double)s[(i * gallery) + j]).OrderDescending().Take(k).Average();
            h.GalleryMeanTopK[j].Should().BeApproximately(expected, 1e-9);
        }

        h.KOccurrence.Should().Equal(counts);
    }

    [Fact]
    public void A_small_example_worked_by_hand()
    {
        // Probes p0 = (1, 0), p1 = (0, 1), p2 = (1, 1); gallery g0 = (1, 0), g1 = (0, 1), g2 = (1, 1).
        // Scores (rows probes, columns gallery):  p0: 1 0 1   p1: 0 1 1   p2: 1 1 2.   k = 2.
        // r_T: p0 top-2 {1, 1} -> 1; p1 {1, 1} -> 1; p2 {2, 1} -> 1.5.
        // r_S: g0 column {1, 0, 1} top-2 -> 1; g1 {0, 1, 1} -> 1; g2 {1, 1, 2} -> 1.5.
        // Nearest 2: p0 ties g0 = g2 = 1 -> {g0, g2}; p1 {g1, g2}; p2: g2 = 2, then g0 = g1 = 1, the tie
        // goes to the lower column g0 -> {g2, g0}. N_k = (2, 1, 3), mean 2, deviations (0, -1, 1):
        // m2 = 2/3, m3 = 0 -> skewness 0. CSLS(p2, g2) = 2 * 2 - 1.5 - 1.5 = 1; CSLS(p0, g0) = 2 - 1 - 1 = 0.
        var p = new Matrix<float>(3, 2, [1, 0, 0, 1, 1, 1]);
        var h = GalleryNeighbourhoods.Collect(p, p, 2, DenseKernels.Managed, threads: 1);
        h.ProbeMeanTopK.Should().Equal(1.0, 1.0, 1.5);
        h.GalleryMeanTopK.Should().Equal(1.0, 1.0, 1.5);
        h.KOccurrence.Should().Equal(2, 1, 3);
        h.KOccurrenceSkewness().Should().Be(0);
        h.Csls(2, 2, 2.0).Should().Be(1.0);
        h.Csls(0, 0, 1.0).Should().Be(0.0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(-1)]
    public void A_neighbourhood_outside_1_to_the_smaller_set_is_an_error_naming_the_limit(int k)
    {
        var p = new Matrix<float>(3, 2, [1, 0, 0, 1, 1, 1]);
        var g = new Matrix<float>(5, 2);
        Action act = () => GalleryNeighbourhoods.Collect(p, g, k, DenseKernels.Managed, threads: 1);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*between 1 and 3*");
    }

    [Fact]
    public void Different_widths_are_a_data_error()
    {
        Action act = () => GalleryNeighbourhoods.Collect(new Matrix<float>(3, 2), new Matrix<float>(3, 4), 1, DenseKernels.Managed, threads: 1);
        act.Should().Throw<DataFormatException>().WithMessage("*map the probes*");
    }
}
