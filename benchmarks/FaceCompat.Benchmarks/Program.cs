using BenchmarkDotNet.Running;
using FaceCompat.Benchmarks.Kernels;

namespace FaceCompat.Benchmarks;

public static class Program
{
    /// <summary>
    /// <c>gflops [n]</c>: a quick GEMM throughput table for every provider (no BenchmarkDotNet);
    /// <c>svd [rounds] [sizes]</c>: managed SVD / symmetric eigen against LAPACK;
    /// <c>cell ...</c> and <c>extraction ...</c> (see their types); anything else goes to BenchmarkDotNet's switcher (e.g. <c>--filter *Gemm*</c>).
    /// </summary>
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "gflops")
        {
            GemmThroughput.Print(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2048, Console.Out);
            return;
        }

        if (args.Length > 0 && args[0] == "svd")
        {
            DecompositionTimings.Print(args[1..], Console.Out);
            return;
        }

        if (args.Length > 0 && args[0] == "cell")
        {
            CellTimings.Print(args[1..], Console.Out);
            return;
        }

        if (args.Length > 0 && args[0] == "unit")
        {
            UnitTimings.Print(args[1..], Console.Out);
            return;
        }

        if (args.Length > 0 && args[0] == "extraction")
        {
            ExtractionThroughput.Print(args[1..], Console.Out);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
