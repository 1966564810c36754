using System.Text.Json;
using FaceCompat.Data;
using FaceCompat.Evaluation;
using FaceCompat.LinearAlgebra;
using FaceCompat.Similarity;
using FaceCompat.Tests.LinearAlgebra;

namespace FaceCompat.Tests.Similarity;

/// <summary>
/// The similarity measures against NumPy (tests/fixtures/similarity/make_fixtures.py: N x N Gram
/// matrices, full sorts, netrep's rotation, every null recomputed on the shuffled rows), on every
/// kernel provider, to 1e-9.
/// </summary>
public sealed class RepresentationSimilarityTests
{
    private static JsonElement[] Cases()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.Fixture("similarity", "similarity.json")));
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    private static Matrix<float> Rows(JsonElement c, string key, int rows) =>
        new(rows, c.GetProperty(key + "_columns").GetInt32(), c.GetProperty(key).EnumerateArray().Select(v => (float)v.GetDouble()).ToArray());

    private static double Number(JsonElement e) => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble();

    [Theory]
    [MemberData(nameof(KernelProviders.Names), MemberType = typeof(KernelProviders))]
    public void Every_measure_and_its_null_match_numpy_within_1e9(string provider)
    {
        JsonElement[] cases = Cases();
        cases.Should().HaveCount(4);
        foreach (JsonElement c in cases)
        {
            string name = c.GetProperty("name").GetString()!;
            int n = c.GetProperty("rows").GetInt32();
            var options = new SimilarityOptions
            {
                Neighbours = c.GetProperty("k").GetInt32(),
                Permutations = c.GetProperty("permutations").GetInt32(),
                Seed = c.GetProperty("seed").GetUInt64(),
            };
            SimilarityResult r = RepresentationSimilarity.Measure(Rows(c, "x", n), Rows(c, "y", n), options, KernelProviders.Get(provider));
            r.Rows.Should().Be(n);
            foreach (Metric measure in MetricCatalogue.Similarity)
            {
                JsonElement e = c.GetProperty("expected").GetProperty(measure.JsonKey);
                CalibratedValue v = r[measure];
                string because = $"{name}, {measure}";
                double expected = e.GetProperty("value").GetDouble();
                if (name == "rotated" && measure == MetricCatalogue.ProcrustesAngle)
                {
                    // arccos at 1 turns a 1e-16 rounding of the cosine into 1e-8 radians: only the cosine is comparable at 1e-9.
                    Math.Cos(v.Value).Should().BeApproximately(Math.Cos(expected), 1e-12, because);
                    v.Value.Should().BeLessThan(1e-6, because);
                }
                else
                {
                    v.Value.Should().BeApproximately(expected, 1e-9, because);
                }

                v.NullMean.Should().BeApproximately(e.GetProperty("null_mean").GetDouble(), 1e-9, because);
                v.NullStd.Should().BeApproximately(e.GetProperty("null_std").GetDouble(), 1e-9, because);
                double z = Number(e.GetProperty("z"));
                if (!(name == "rotated" && measure == MetricCatalogue.ProcrustesAngle))
                {
                    v.Z.Should().BeApproximately(z, 1e-9 * Math.Max(1, Math.Abs(z)), because);
                }

                v.PValue.Should().Be(e.GetProperty("p").GetDouble(), because);
            }
        }
    }

    [Fact]
    public void Cka_and_mutual_knn_match_brute_force_over_several_blocks_with_exact_ties()
    {
        // Rows of +-1/4 in 16 dimensions have unit length and scores that are multiples of 1/16, exact in
        // float and double: thousands of ties, resolved by the lower row index in both. 4,500 rows make
        // ScoreBlocks and the cross-product use more than one block.
        const int n = 4500, d = 16, k = 10;
        var random = new Random(5);
        var x = new Matrix<float>(n, d);
        var y = new Matrix<float>(n, d);
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < d; c++)
            {
                x[i, c] = random.Next(2) == 0 ? -0.25f : 0.25f;
                y[i, c] = random.NextDouble() < 0.25 ? -x[i, c] : x[i, c];
            }
        }

        SimilarityResult r = RepresentationSimilarity.Measure(x, y, new SimilarityOptions { Neighbours = k, Permutations = 0 }, DenseKernels.Default);
        double[,] gx = Gram(x), gy = Gram(y);
        (double unbiased, double biased) = GramCka(gx, gy);
        r.CkaUnbiased.Value.Should().BeApproximately(unbiased, 1e-9);
        r.CkaBiased.Value.Should().BeApproximately(biased, 1e-9);
        r.MutualKnn.Value.Should().Be(BruteForceMutualKnn(gx, gy, k));
        r.CkaUnbiased.NullMean.Should().Be(double.NaN, "no permutations, no null");
        r.CkaUnbiased.PValue.Should().Be(double.NaN);
    }

    [Fact]
    public void Cka_and_the_procrustes_angle_do_not_see_a_rotation_a_scale_or_a_shift()
    {
        Matrix<float> x = TestMatrices.Gaussian(80, 9, 1).ToSingle();
        Matrix<double> q = TestMatrices.Orthogonal(9, 2);
        Matrix<float> noisy = Shift(TestMatrices.Gaussian(80, 9, 3).ToSingle(), 0f);
        for (int i = 0; i < noisy.Values.Length; i++)
        {
            noisy.MutableValues()[i] = x.Values[i] + (0.8f * noisy.Values[i]);
        }

        Matrix<float> moved = Shift(Scale(TestMatrices.Multiply(noisy.ToDouble(), q).ToSingle(), 3f), 5f);
        var options = new SimilarityOptions { Permutations = 3, Seed = 4 };
        SimilarityResult a = RepresentationSimilarity.Measure(x, noisy, options, DenseKernels.Default);
        SimilarityResult b = RepresentationSimilarity.Measure(x, moved, options, DenseKernels.Default);
        b.CkaUnbiased.Value.Should().BeApproximately(a.CkaUnbiased.Value, 1e-5);
        b.CkaBiased.Value.Should().BeApproximately(a.CkaBiased.Value, 1e-5);
        b.ProcrustesAngle.Value.Should().BeApproximately(a.ProcrustesAngle.Value, 1e-5);
        a.CkaUnbiased.Value.Should().BeInRange(0.2, 0.99);
        a.CkaUnbiased.Z.Should().BeGreaterThan(3, "related spaces lie far above the shuffled ones");

        SimilarityResult self = RepresentationSimilarity.Measure(x, x, options, DenseKernels.Default);
        self.CkaUnbiased.Value.Should().BeApproximately(1, 1e-12);
        self.CkaBiased.Value.Should().BeApproximately(1, 1e-12);
        self.MutualKnn.Value.Should().Be(1);
        self.ProcrustesAngle.Value.Should().BeLessThan(1e-6);
    }

    [Fact]
    public void The_null_is_seeded()
    {
        Matrix<float> x = TestMatrices.Gaussian(40, 6, 7).ToSingle();
        Matrix<float> y = TestMatrices.Gaussian(40, 5, 8).ToSingle();
        SimilarityResult a = RepresentationSimilarity.Measure(x, y, new SimilarityOptions { Permutations = 5, Seed = 1 }, DenseKernels.Default);
        SimilarityResult again = RepresentationSimilarity.Measure(x, y, new SimilarityOptions { Permutations = 5, Seed = 1 }, DenseKernels.Default);
        SimilarityResult other = RepresentationSimilarity.Measure(x, y, new SimilarityOptions { Permutations = 5, Seed = 2 }, DenseKernels.Default);
        again.Should().Be(a);
        other.CkaBiased.NullMean.Should().NotBe(a.CkaBiased.NullMean);
        other.CkaBiased.Value.Should().Be(a.CkaBiased.Value);
    }

    [Fact]
    public void Bad_inputs_are_refused_with_what_to_do()
    {
        Matrix<float> x = TestMatrices.Gaussian(20, 4, 1).ToSingle();
        IDenseKernels kernels = DenseKernels.Default;
        var act = () => RepresentationSimilarity.Measure(x, TestMatrices.Gaussian(19, 4, 2).ToSingle(), new SimilarityOptions(), kernels, "mfn512", "dlib128");
        act.Should().Throw<DataFormatException>().WithMessage("*mfn512 has 20 rows but dlib128 has 19*");
        act = () => RepresentationSimilarity.Measure(x, x, new SimilarityOptions { Neighbours = 20 }, kernels);
        act.Should().Throw<DataFormatException>().WithMessage("*20 rows*k = 20*");
        var constant = new Matrix<float>(20, 4);
        constant.MutableValues().Fill(0.5f);
        act = () => RepresentationSimilarity.Measure(x, constant, new SimilarityOptions(), kernels, "a", "flat");
        act.Should().Throw<DataFormatException>().WithMessage("flat: the embeddings are constant*");
        act = () => RepresentationSimilarity.Measure(x, x, new SimilarityOptions { Neighbours = 0 }, kernels);
        act.Should().Throw<ArgumentOutOfRangeException>();
        act = () => RepresentationSimilarity.Measure(x, x, new SimilarityOptions { Permutations = -1 }, kernels);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    /// <summary>Both CKAs from the N x N Gram matrices: Song et al.'s unbiased HSIC on the raw Gram, the biased one on the doubly centred.</summary>
    private static (double Unbiased, double Biased) GramCka(double[,] k, double[,] l)
    {
        double Unbiased(double[,] a, double[,] b)
        {
            int n = a.GetLength(0);
            double trace = 0, sa = 0, sb = 0, rows = 0;
            var ra = new double[n];
            var rb = new double[n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    if (i != j)
                    {
                        trace += a[i, j] * b[j, i];
                        ra[i] += a[i, j];
                        rb[i] += b[i, j];
                    }
                }

                sa += ra[i];
                sb += rb[i];
                rows += ra[i] * rb[i];
            }

            return (trace + (sa * sb / ((n - 1.0) * (n - 2.0))) - (2.0 / (n - 2.0) * rows)) / (n * (n - 3.0));
        }

        double Biased(double[,] ca, double[,] cb)
        {
            double s = 0;
            for (int i = 0; i < ca.GetLength(0); i++)
            {
                for (int j = 0; j < ca.GetLength(1); j++)
                {
                    s += ca[i, j] * cb[i, j];
                }
            }

            return s;
        }

        double unbiased = Unbiased(k, l) / Math.Sqrt(Unbiased(k, k) * Unbiased(l, l));
        double[,] ck = DoublyCentred(k), cl = DoublyCentred(l);
        return (unbiased, Biased(ck, cl) / Math.Sqrt(Biased(ck, ck) * Biased(cl, cl)));
    }

    private static double[,] Gram(Matrix<float> x)
    {
        int n = x.Rows;
        var g = new double[n, n];
        Parallel.For(0, n, i =>
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int c = 0; c < x.Columns; c++)
                {
                    s += (double)x[i, c] * x[j, c];
                }

                g[i, j] = s;
            }
        });
        return g;
    }

    private static double[,] DoublyCentred(double[,] a)
    {
        int n = a.GetLength(0);
        var rowMean = new double[n];
        double all = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                rowMean[i] += a[i, j] / n;
            }

            all += rowMean[i] / n;
        }

        var c = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                c[i, j] = a[i, j] - rowMean[i] - rowMean[j] + all;
            }
        }

        return c;
    }

    /// <summary>Every row's k nearest others by a full sort of its cosine scores (higher first, then lower index), and the mean overlap.</summary>
    private static double BruteForceMutualKnn(double[,] gx, double[,] gy, int k)
    {
        int n = gx.GetLength(0);
        int[][] Lists(double[,] g)
        {
            var lists = new int[n][];
            Parallel.For(0, n, i =>
            {
                // k rounds of "the best not yet taken": the highest cosine, the lowest index among equals.
                var taken = new bool[n];
                taken[i] = true;
                lists[i] = new int[k];
                for (int round = 0; round < k; round++)
                {
                    int best = -1;
                    double bestScore = double.NegativeInfinity;
                    for (int j = 0; j < n; j++)
                    {
                        double cosine = g[i, j] / Math.Sqrt(g[i, i] * g[j, j]);
                        if (!taken[j] && cosine > bestScore)
                        {
                            best = j;
                            bestScore = cosine;
                        }
                    }

                    taken[best] = true;
                    lists[i][round] = best;
                }
            });
            return lists;
        }

        int[][] a = Lists(gx), b = Lists(gy);
        long shared = 0;
        for (int i = 0; i < n; i++)
        {
            shared += a[i].Intersect(b[i]).Count();
        }

        return (double)shared / ((long)n * k);
    }

    private static Matrix<float> Scale(Matrix<float> m, float factor)
    {
        for (int i = 0; i < m.Values.Length; i++)
        {
            m.MutableValues()[i] *= factor;
        }

        return m;
    }

    private static Matrix<float> Shift(Matrix<float> m, float offset)
    {
        for (int i = 0; i < m.Values.Length; i++)
        {
            m.MutableValues()[i] += offset;
        }

        return m;
    }
}
