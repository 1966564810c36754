using System.Diagnostics;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Benchmarks.Kernels;

/// <summary>Best-of-5 single- and double-precision GEMM throughput at n^3 for every available provider.</summary>
public static class GemmThroughput
{
    public static void Print(int n, TextWriter output)
    {
        var providers = new List<IDenseKernels> { DenseKernels.Managed };
        if (DenseKernels.TryGetOpenBlas(out IDenseKernels native))
        {
            providers.Add(native);
        }

        output.WriteLine($"GEMM {n}x{n}x{n}, {Environment.ProcessorCount} cores, best of 5");
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
        var results = new Dictionary<string, (double Single, double Double)>();
        foreach (IDenseKernels k in providers)
        {
            double single = Best(() => k.Gemm(false, false, n, n, n, 1f, a, n, b, n, 0f, c, n));
            double dbl = Best(() => k.Gemm(false, false, n, n, n, 1.0, ad, n, bd, n, 0.0, cd, n));
            results[k.Name] = (flops / single / 1e9, flops / dbl / 1e9);
            output.WriteLine($"  {k.Name,-9} sgemm {flops / single / 1e9,7:F1} GFLOP/s   dgemm {flops / dbl / 1e9,7:F1} GFLOP/s");
        }

        if (results.TryGetValue("openblas", out var o))
        {
            var m = results["managed"];
            output.WriteLine($"  managed / openblas: sgemm {m.Single / o.Single:P0}, dgemm {m.Double / o.Double:P0}");
        }
    }

    private static double Best(Action run)
    {
        run();
        double best = double.PositiveInfinity;
        for (int i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            run();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        return best;
    }
}
