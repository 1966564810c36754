using System.Diagnostics;
using System.Globalization;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Benchmarks.Kernels;

/// <summary>
/// <c>svd [rounds] [sizes...]</c>: the managed SVD and symmetric eigen-decomposition against LAPACK
/// (dgesdd, dsyevd) at the protocol's sizes. Providers run interleaved, one call each per round
/// after a warm-up; each round's managed / LAPACK time ratio is taken and the median reported,
/// beside each provider's median time, and the largest singular-value / eigenvalue difference
/// between the two (relative to the largest) as a sanity check. Sizes are m x n (SVD of a Gaussian
/// matrix) or n (eigen of a Gram matrix of Gaussian rows); default: the protocol's set.
/// </summary>
public static class DecompositionTimings
{
    private static readonly string[] s_defaultSizes = ["512x512", "768x1024", "1024x768", "1024x1024", "1024x2048", "2048x2048", "eig512", "eig768", "eig1024", "eig2048"];

    public static void Print(string[] args, TextWriter output)
    {
        int rounds = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out int given) ? given : 5;
        string[] sizes = args.Length > 1 ? args[1..] : s_defaultSizes;
        if (!DenseKernels.TryGetOpenBlas(out IDenseKernels native))
        {
            output.WriteLine($"LAPACK is not available ({DenseKernels.OpenBlasProblem}); install it with scripts/setup-native.sh to compare.");
            return;
        }

        IDenseKernels managed = DenseKernels.Managed;
        output.WriteLine($"SVD (dgesdd) and symmetric eigen (dsyevd) vs managed, {Environment.ProcessorCount} cores, interleaved, median of {rounds} rounds");
        output.WriteLine($"{"problem",-14} {"managed s",10} {"LAPACK s",10} {"managed/LAPACK",15} {"max |diff|/max",15}");
        foreach (string size in sizes)
        {
            var random = new Random(7);
            if (size.StartsWith("eig", StringComparison.Ordinal))
            {
                int n = int.Parse(size[3..], CultureInfo.InvariantCulture);
                double[] rows = Gaussian(random, 2 * n * n);
                double[] gram = new double[n * n];
                native.Gemm(true, false, n, n, 2 * n, 1.0, rows, n, rows, n, 0.0, gram, n);
                double[][] values = [new double[n], new double[n]];
                double[] vectors = new double[n * n];
                IDenseKernels[] providers = [managed, native];
                double[,] seconds = Interleaved(rounds, providers.Select((k, i) => (Action)(() => k.SymmetricEigen(n, gram, values[i], vectors))).ToArray());
                Row(output, $"eigen {n}", seconds, Difference(values[0], values[1]));
            }
            else
            {
                string[] parts = size.Split('x');
                int m = int.Parse(parts[0], CultureInfo.InvariantCulture), n = int.Parse(parts[1], CultureInfo.InvariantCulture), r = Math.Min(m, n);
                double[] a = Gaussian(random, m * n);
                double[][] singular = [new double[r], new double[r]];
                double[] u = new double[m * r], vt = new double[r * n];
                IDenseKernels[] providers = [managed, native];
                double[,] seconds = Interleaved(rounds, providers.Select((k, i) => (Action)(() => k.Svd(m, n, a, u, singular[i], vt))).ToArray());
                Row(output, $"svd {m}x{n}", seconds, Difference(singular[0], singular[1]));
            }
        }
    }

    private static void Row(TextWriter output, string name, double[,] seconds, double difference)
    {
        int rounds = seconds.GetLength(0);
        double Median(Func<int, double> f) => Enumerable.Range(0, rounds).Select(f).Order().ElementAt(rounds / 2);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-14} {Median(r => seconds[r, 0]),10:F3} {Median(r => seconds[r, 1]),10:F3} {Median(r => seconds[r, 0] / seconds[r, 1]),15:F2} {difference,15:E1}"));
    }

    private static double Difference(double[] x, double[] y)
    {
        double largest = x.Max(Math.Abs);
        return largest == 0 ? 0 : x.Zip(y, (p, q) => Math.Abs(p - q)).Max() / largest;
    }

    private static double[] Gaussian(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())).ToArray();

    /// <summary>seconds[round, provider]: every provider once per round, after one warm-up call each.</summary>
    private static double[,] Interleaved(int rounds, Action[] runs)
    {
        foreach (Action run in runs)
        {
            run();
        }

        var seconds = new double[rounds, runs.Length];
        for (int r = 0; r < rounds; r++)
        {
            for (int p = 0; p < runs.Length; p++)
            {
                var clock = Stopwatch.StartNew();
                runs[p]();
                seconds[r, p] = clock.Elapsed.TotalSeconds;
            }
        }

        return seconds;
    }
}
