using System.Diagnostics;
using System.Globalization;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Benchmarks.Kernels;

/// <summary>
/// Quick non-BenchmarkDotNet measurement: `dotnet run -c Release --project benchmarks/FaceCompat.Benchmarks -- gflops [n]`
/// prints sgemm n^3 GFLOP/s (best of 3 after one warm-up) for every available provider.
/// </summary>
public static class GemmGflops
{
    public static void Run(string[] args)
    {
        int n = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2048;
        var providers = new List<IDenseKernels> { DenseKernels.Managed };
        if (DenseKernels.TryGetOpenBlas(out IDenseKernels blas))
        {
            providers.Add(blas);
        }
        else
        {
            Console.WriteLine("openblas: not loadable (apt-get install libopenblas0 liblapacke)");
        }

        var rng = new Random(1);
        float[] a = new float[n * n];
        float[] b = new float[n * n];
        float[] c = new float[n * n];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (float)rng.NextDouble();
            b[i] = (float)rng.NextDouble();
        }

        double flops = 2.0 * n * n * n;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sgemm {n}x{n}x{n}, {Environment.ProcessorCount} logical cores"));
        foreach (IDenseKernels kernels in providers)
        {
            kernels.Gemm(false, false, n, n, n, 1f, a, n, b, n, 0f, c, n);
            double best = double.MaxValue;
            for (int rep = 0; rep < 3; rep++)
            {
                long start = Stopwatch.GetTimestamp();
                kernels.Gemm(false, false, n, n, n, 1f, a, n, b, n, 0f, c, n);
                best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kernels.Name,-9} {flops / best / 1e9,8:F2} GFLOP/s  ({best * 1000:F1} ms best of 3)"));
        }
    }
}
