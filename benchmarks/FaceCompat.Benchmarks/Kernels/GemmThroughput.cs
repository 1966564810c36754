using System.Diagnostics;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Benchmarks.Kernels;

/// <summary>
/// Single- and double-precision GEMM throughput at n^3 for every available provider. The providers
/// run interleaved, one call each per round (7 rounds after a warm-up), so that a VM whose speed
/// drifts between runs still gives a fair ratio: each round's managed / OpenBLAS ratio is taken and
/// the median reported, beside each provider's best time.
/// </summary>
public static class GemmThroughput
{
    private const int Rounds = 7;

    public static void Print(int n, TextWriter output)
    {
        var providers = new List<IDenseKernels> { DenseKernels.Managed };
        if (DenseKernels.TryGetOpenBlas(out IDenseKernels native))
        {
            providers.Add(native);
        }

        output.WriteLine($"GEMM {n}x{n}x{n}, {Environment.ProcessorCount} cores, providers interleaved, {Rounds} rounds");
        if (native is FaceCompat.LinearAlgebra.Native.OpenBlasKernels blas)
        {
            output.WriteLine($"  {blas.Config}");
        }

        var random = new Random(1);
        float[] a = Enumerable.Range(0, n * n).Select(_ => (float)random.NextDouble()).ToArray();
        float[] b = Enumerable.Range(0, n * n).Select(_ => (float)random.NextDouble()).ToArray();
        float[] c = new float[n * n];
        double[] ad = a.Select(x => (double)x).ToArray();
        double[] bd = b.Select(x => (double)x).ToArray();
        double[] cd = new double[n * n];
        double flops = 2.0 * n * n * n;
        Action[] single = providers.Select(k => (Action)(() => k.Gemm(false, false, n, n, n, 1f, a, n, b, n, 0f, c, n))).ToArray();
        Action[] dbl = providers.Select(k => (Action)(() => k.Gemm(false, false, n, n, n, 1.0, ad, n, bd, n, 0.0, cd, n))).ToArray();
        double[,] singleSeconds = Interleaved(single);
        double[,] doubleSeconds = Interleaved(dbl);
        for (int p = 0; p < providers.Count; p++)
        {
            output.WriteLine($"  {providers[p].Name,-9} sgemm {flops / Best(singleSeconds, p) / 1e9,7:F1} GFLOP/s   dgemm {flops / Best(doubleSeconds, p) / 1e9,7:F1} GFLOP/s   (best round)");
        }

        if (providers.Count == 2)
        {
            output.WriteLine($"  managed / openblas, median over rounds: sgemm {MedianRatio(singleSeconds):P0}, dgemm {MedianRatio(doubleSeconds):P0}");
        }
    }

    /// <summary>seconds[round, provider]: every provider once per round, after one warm-up call each.</summary>
    private static double[,] Interleaved(Action[] runs)
    {
        foreach (Action run in runs)
        {
            run();
        }

        var seconds = new double[Rounds, runs.Length];
        for (int r = 0; r < Rounds; r++)
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

    private static double Best(double[,] seconds, int provider) =>
        Enumerable.Range(0, Rounds).Min(r => seconds[r, provider]);

    /// <summary>Median over rounds of (OpenBLAS time / managed time) = managed throughput as a share of OpenBLAS's.</summary>
    private static double MedianRatio(double[,] seconds)
    {
        double[] ratios = Enumerable.Range(0, Rounds).Select(r => seconds[r, 1] / seconds[r, 0]).Order().ToArray();
        return ratios[Rounds / 2];
    }
}
