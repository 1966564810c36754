using System.Text.Json;
using FaceCompat.Data;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;
using FaceCompat.Randomness;
using FaceCompat.Synthetic;

namespace FaceCompat.Tests.Mapping;

public sealed partial class UnpairedAlignmentTests
{
    private static readonly IDenseKernels s_kernels = DenseKernels.Managed;

    [Fact]
    public void The_assignment_is_the_cheapest_of_all_permutations()
    {
        // Brute force over all n! permutations for n = 1..6, costs with ties (small integers) and without.
        for (int n = 1; n <= 6; n++)
        {
            for (int trial = 0; trial < 20; trial++)
            {
                var rng = new SplitMix64((ulong)((n * 100) + trial));
                double[] cost = Enumerable.Range(0, n * n).Select(_ => trial % 2 == 0 ? (double)rng.NextBelow(4) : rng.NextBelow(1_000_000) / 1e3).ToArray();
                int[] assignment = LinearAssignment.Minimise(cost, n);
                assignment.Order().Should().Equal(Enumerable.Range(0, n), "a permutation");
                double total = assignment.Select((j, i) => cost[(i * n) + j]).Sum();
                total.Should().BeApproximately(Permutations(n).Min(p => p.Select((j, i) => cost[(i * n) + j]).Sum()), 1e-9);
            }
        }
    }

    [Fact]
    public void The_assignment_refuses_non_finite_or_non_square_costs()
    {
        FluentActions.Invoking(() => LinearAssignment.Minimise(new double[] { 0, double.NaN, 1, 2 }, 2)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => LinearAssignment.Minimise(new double[3], 2)).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void KMeans_finds_well_separated_clusters_and_is_deterministic()
    {
        // Four clusters at +-10 on two axes, 25 points each with unit noise: every cluster's mean is recovered.
        var g = new GaussianStream(5);
        double[][] centres = [[10, 0], [-10, 0], [0, 10], [0, -10]];
        var rows = new Matrix<double>(100, 2);
        for (int i = 0; i < 100; i++)
        {
            rows[i, 0] = centres[i % 4][0] + g.Next();
            rows[i, 1] = centres[i % 4][1] + g.Next();
        }

        Matrix<double> c = KMeans.Centroids(rows, 4, 7, 50, s_kernels);
        foreach (double[] centre in centres)
        {
            Enumerable.Range(0, 4).Min(j => Math.Sqrt(Math.Pow(c[j, 0] - centre[0], 2) + Math.Pow(c[j, 1] - centre[1], 2))).Should().BeLessThan(1);
        }

        int[] assignment = KMeans.Assign(rows, c);
        Enumerable.Range(0, 100).Where(i => i % 4 == 0).Select(i => assignment[i]).Distinct().Should().ContainSingle("a cluster's points share one centroid");
        KMeans.Centroids(rows, 4, 7, 50, s_kernels).Values.ToArray().Should().Equal(c.Values.ToArray());
    }

    /// <summary>
    /// The planted problem: identities are tight clusters (16 groups of identities, 4 images each), the target
    /// space is the source rotated by a Haar-random R plus noise, and the target's rows are shuffled.
    /// </summary>
    private sealed record Planted(Matrix<double> Source, Matrix<double> Target, int[] Identity, double[] Rotation, int D);

    private static Planted MakePlanted(int d, int identities, int perIdentity, double noise, ulong seed, int groupCount = 16, double identitySpread = 1.0)
    {
        var g = new GaussianStream(seed);
        double[] groups = g.Matrix(groupCount, d, 3.0);
        double[] latent = g.Matrix(identities, d, identitySpread);
        for (int i = 0; i < identities; i++)
        {
            for (int c = 0; c < d; c++)
            {
                latent[(i * d) + c] += groups[((i % groupCount) * d) + c];
            }
        }

        double[] rotationSeed = g.Matrix(d, d, 1.0);
        double[] u = new double[d * d], s = new double[d], vt = new double[d * d], rotation = new double[d * d];
        s_kernels.Svd(d, d, rotationSeed, u, s, vt);
        s_kernels.Gemm(false, false, d, d, d, 1.0, u, d, vt, d, 0.0, rotation, d);
        int n = identities * perIdentity;
        var source = new Matrix<double>(n, d);
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < d; c++)
            {
                source[i, c] = latent[((i / perIdentity) * d) + c] + (0.3 * g.Next());
            }
        }

        Centre(source);
        double[] rotated = new double[n * d];
        s_kernels.Gemm(false, false, n, d, d, 1.0, source.Values, d, rotation, d, 0.0, rotated, d);
        var target = new Matrix<double>(n, d, rotated.Select(v => v + (noise * g.Next())).ToArray());
        Centre(target);
        return new Planted(source, target, Enumerable.Range(0, n).Select(i => i / perIdentity).ToArray(), rotation, d);
    }

    /// <summary>
    /// The bound: suppose the method ends on the true pairs of at least half the rows (each image with its own
    /// rotated, noisy image). Its cross product is then M = G R + Delta with G = Xs^T Xs over those rows and
    /// Delta = Xs^T N, N their noise (N = Xt - Xs R, known to the generator). For the polar factor of a square
    /// matrix, |polar(A + Delta) - polar(A)|_F &lt;= 2 |Delta|_F / (s_min(A) + s_min(A + Delta)) (R.-C. Li 1995);
    /// polar(G R) = R, s_min(G R) = lambda_min(G) &gt;= about lambda_min(G_all) / 2 for half of these exchangeable
    /// rows, s_min(A + Delta) &gt;= s_min(A) - |Delta|_2, and |Delta|_F &lt;= |Xs|_2 |N|_F. A wrong matching gives
    /// |W - R|_F about sqrt(2 d) (an unrelated rotation), far above the bound.
    /// </summary>
    private static double LiBound(Planted p)
    {
        int n = p.Source.Rows, d = p.D;
        double[] gram = new double[d * d];
        s_kernels.Gemm(true, false, d, d, n, 1.0, p.Source.Values, d, p.Source.Values, d, 0.0, gram, d);
        double[] values = new double[d], vectors = new double[d * d];
        s_kernels.SymmetricEigen(d, gram, values, vectors);
        double noise = 0;
        for (int i = 0; i < n; i++)
        {
            double[] x = Row(p.Source, i, p.Rotation, d);
            noise += Enumerable.Range(0, d).Sum(c => Math.Pow(p.Target[i, c] - x[c], 2));
        }

        double delta = Math.Sqrt(values[^1]) * Math.Sqrt(noise);
        double lambda = 0.5 * values[0];
        return 2 * delta / (lambda + Math.Max(0, lambda - delta));
    }

    private static double FrobeniusDistance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum());

    private static int[] Reversed(int n) => Enumerable.Range(0, n).Reverse().ToArray();

    [Fact]
    public void A_rotated_space_is_recovered_without_pairs()
    {
        Planted p = MakePlanted(d: 24, identities: 200, perIdentity: 4, noise: 0.05, seed: 11, groupCount: 48);
        int n = p.Source.Rows;
        double[] w = UnpairedAlignment.Fit(p.Source, p.Target.SelectRows(Reversed(n)), new UnpairedOptions { Anchors = 48 }, s_kernels, threads: 2);
        double bound = LiBound(p);
        bound.Should().BeLessThan(0.5 * Math.Sqrt(2 * p.D), "the bound must separate recovery from an unrelated rotation");
        FrobeniusDistance(w, p.Rotation).Should().BeLessThan(bound);
    }

    [Fact]
    public void The_Gromov_Wasserstein_baseline_recovers_a_rotated_space_without_pairs()
    {
        Planted p = MakePlanted(d: 24, identities: 200, perIdentity: 4, noise: 0.05, seed: 11, groupCount: 48);
        int n = p.Source.Rows;
        double[] w = UnpairedAlignment.FitGromovWasserstein(p.Source, p.Target.SelectRows(Reversed(n)), new UnpairedOptions(), s_kernels, threads: 2);
        double bound = LiBound(p);
        bound.Should().BeLessThan(0.5 * Math.Sqrt(2 * p.D));
        FrobeniusDistance(w, p.Rotation).Should().BeLessThan(bound);
    }

    [Fact]
    public void The_map_does_not_depend_on_the_rows_order_or_the_thread_count()
    {
        Planted p = MakePlanted(d: 12, identities: 60, perIdentity: 3, noise: 0.05, seed: 5);
        int n = p.Source.Rows;
        var options = new UnpairedOptions { Anchors = 8, Trials = 2 };
        double[] w = UnpairedAlignment.Fit(p.Source, p.Target, options, s_kernels, threads: 2);
        int[] shuffled = Enumerable.Range(0, n).OrderBy(i => SplitMix64.Mix((ulong)i)).ToArray();
        UnpairedAlignment.Fit(p.Source.SelectRows(shuffled), p.Target.SelectRows(Reversed(n)), options, s_kernels, threads: 1)
            .Should().Equal(w, "the rows are put in a canonical order first");
        UnpairedAlignment.Fit(p.Source, p.Target, options, s_kernels, threads: 2).Should().Equal(w, "deterministic");
        double[] gw = UnpairedAlignment.FitGromovWasserstein(p.Source, p.Target, options with { GwRows = 100 }, s_kernels, threads: 2);
        UnpairedAlignment.FitGromovWasserstein(p.Source.SelectRows(shuffled), p.Target.SelectRows(Reversed(n)), options with { GwRows = 100 }, s_kernels, threads: 1)
            .Should().Equal(gw);
    }

    [Fact]
    public void The_fitter_withholds_the_correspondence()
    {
        // Permuting the target's fitting rows (breaking every pair) leaves both unpaired maps unchanged.
        Planted p = MakePlanted(d: 12, identities: 60, perIdentity: 3, noise: 0.05, seed: 6);
        int n = p.Source.Rows;
        Matrix<float> source = p.Source.ToSingle(), target = p.Target.ToSingle();
        int[] all = Enumerable.Range(0, n).ToArray();
        foreach (MapMethod method in new[] { MapMethod.Unpaired, MapMethod.UnpairedGw })
        {
            FittedMap paired = MapFitter.Fit(new RowSubset(source, all), new RowSubset(target, all), method, 0, s_kernels);
            FittedMap permuted = MapFitter.Fit(new RowSubset(source, all), new RowSubset(target, Reversed(n)), method, 0, s_kernels);
            permuted.Weights.Values.ToArray().Should().Equal(paired.Weights.Values.ToArray(), method.ToName());
            paired.PreservesNorm.Should().BeTrue();
        }
    }

    /// <summary>Sinkhorn scaling, quantile profiles and the anchor agreement against NumPy (tests/fixtures/unpaired/make_fixture.py).</summary>
    [Fact]
    public void The_deterministic_sub_steps_match_NumPy()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.Fixture("unpaired", "unpaired.json")));
        static double[] Flat(JsonElement e) => e.EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => v.GetDouble())).ToArray();
        JsonElement sinkhorn = doc.RootElement.GetProperty("sinkhorn");
        double[] coupling = UnpairedAlignment.Sinkhorn(Flat(sinkhorn.GetProperty("gain")), 5, 7, sinkhorn.GetProperty("epsilon").GetDouble(), sinkhorn.GetProperty("rounds").GetInt32());
        double[] expected = Flat(sinkhorn.GetProperty("coupling"));
        for (int i = 0; i < expected.Length; i++)
        {
            coupling[i].Should().BeApproximately(expected[i], 1e-12);
        }

        JsonElement quantiles = doc.RootElement.GetProperty("quantiles");
        double[][] profiles = UnpairedAlignment.QuantileProfiles(Flat(quantiles.GetProperty("matrix")), 6, quantiles.GetProperty("count").GetInt32());
        profiles.SelectMany(p => p).Should().Equal(Flat(quantiles.GetProperty("values")), (x, y) => Math.Abs(x - y) < 1e-12);

        JsonElement agreement = doc.RootElement.GetProperty("agreement");
        int[] pi = agreement.GetProperty("pi").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        UnpairedAlignment.Agreement(Flat(agreement.GetProperty("cs")), Flat(agreement.GetProperty("ct")), pi, 5)
            .Should().BeApproximately(agreement.GetProperty("value").GetDouble(), 1e-12);
    }

    [Fact]
    public void Too_few_fitting_rows_are_refused_with_the_fix()
    {
        Planted p = MakePlanted(d: 12, identities: 10, perIdentity: 3, noise: 0.05, seed: 7);
        FluentActions.Invoking(() => UnpairedAlignment.Fit(p.Source, p.Target, new UnpairedOptions { Anchors = 16 }, s_kernels, 1))
            .Should().Throw<DataFormatException>().WithMessage("*at least 32 fitting rows per model*found 30 and 30*fix: use more fitting identities*");
        FluentActions.Invoking(() => UnpairedAlignment.FitGromovWasserstein(p.Source.SelectRows([0, 1, 2, 3, 4]), p.Target, new UnpairedOptions(), s_kernels, 1))
            .Should().Throw<DataFormatException>().WithMessage("*found 5 and 30*");
    }

    private static double[] Row(Matrix<double> m, int i, double[] w, int d) => Enumerable.Range(0, d).Select(q => Enumerable.Range(0, d).Sum(p => m[i, p] * w[(p * d) + q])).ToArray();

    private static void Centre(Matrix<double> m)
    {
        double[] mean = RowPreprocessing.ColumnMeans(m);
        RowPreprocessing.SubtractInPlace(m, mean);
    }

    private static IEnumerable<int[]> Permutations(int n)
    {
        if (n == 0)
        {
            yield return [];
            yield break;
        }

        foreach (int[] p in Permutations(n - 1))
        {
            for (int at = 0; at <= p.Length; at++)
            {
                yield return [.. p[..at], n - 1, .. p[at..]];
            }
        }
    }
}
