using BenchmarkDotNet.Attributes;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Benchmarks.Kernels;

/// <summary>
/// Dense kernels, managed vs OpenBLAS. GFLOP/s = Flops / mean time (Flops column: nominal operation
/// count, 2mnk for GEMM, n^3/3 for Cholesky, ~4/3 n^3 + vectors for eigen/SVD as a size reference).
/// Run: dotnet run -c Release --project benchmarks/FaceCompat.Benchmarks -- --filter '*KernelBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private float[] _fa = [];
    private float[] _fb = [];
    private float[] _fc = [];
    private double[] _da = [];
    private double[] _db = [];
    private double[] _dc = [];
    private double[] _sym = [];
    private double[] _spd = [];
    private IDenseKernels _kernels = DenseKernels.Managed;

    [Params("managed", "openblas")]
    public string Provider { get; set; } = "managed";

    [Params(512, 1024)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _kernels = Provider == "openblas"
            ? (DenseKernels.TryGetOpenBlas(out IDenseKernels blas) ? blas : throw new InvalidOperationException("apt-get install libopenblas0 liblapacke"))
            : DenseKernels.Managed;
        var rng = new Random(7);
        _fa = Fill(rng, 2048 * 2048, x => (float)x);
        _fb = Fill(rng, 2048 * 2048, x => (float)x);
        _fc = new float[2048 * 2048];
        _da = Fill(rng, N * N, x => x);
        _db = Fill(rng, N * N, x => x);
        _dc = new double[N * N];
        _sym = new double[N * N];
        _kernels.Gemm(true, false, N, N, N, 1.0, _da, N, _da, N, 0.0, _sym, N);
        _spd = (double[])_sym.Clone();
        for (int i = 0; i < N; i++)
        {
            _spd[(i * N) + i] += N;
        }
    }

    /// <summary>Float GEMM 2048^3 (N ignored; only measured once per provider is enough). 17.18 GFLOP per call.</summary>
    [Benchmark]
    public void Sgemm2048() => _kernels.Gemm(false, false, 2048, 2048, 2048, 1f, _fa, 2048, _fb, 2048, 0f, _fc, 2048);

    /// <summary>Double GEMM N^3 (N = 1024: 2.15 GFLOP per call).</summary>
    [Benchmark]
    public void Dgemm() => _kernels.Gemm(false, false, N, N, N, 1.0, _da, N, _db, N, 0.0, _dc, N);

    [Benchmark]
    public void Svd() => _kernels.Svd(N, N, _da, new double[N * N], new double[N], new double[N * N]);

    [Benchmark]
    public void SymmetricEigen() => _kernels.SymmetricEigen(N, _sym, new double[N], new double[N * N]);

    [Benchmark]
    public bool Cholesky() => _kernels.CholeskySolve(N, 1, (double[])_spd.Clone(), new double[N]);

    private static T[] Fill<T>(Random rng, int count, Func<double, T> convert)
    {
        var x = new T[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = convert(rng.NextDouble() - 0.5);
        }

        return x;
    }
}
