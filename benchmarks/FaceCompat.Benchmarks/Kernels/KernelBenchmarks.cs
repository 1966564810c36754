using BenchmarkDotNet.Attributes;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Benchmarks.Kernels;

/// <summary>The decompositions the maps use, at the papers' embedding sizes, on both providers.</summary>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private double[] _square = [];
    private double[] _spd = [];
    private IDenseKernels _kernels = DenseKernels.Managed;

    [Params(512, 1024)]
    public int N { get; set; }

    [Params("managed", "openblas")]
    public string Provider { get; set; } = "managed";

    [GlobalSetup]
    public void Setup()
    {
        _kernels = DenseKernels.Choose(Provider);
        var random = new Random(3);
        _square = Enumerable.Range(0, N * N).Select(_ => random.NextDouble() - 0.5).ToArray();
        _spd = new double[N * N];
        _kernels.Gemm(true, false, N, N, N, 1.0, _square, N, _square, N, 0.0, _spd, N);
        for (int i = 0; i < N; i++)
        {
            _spd[(i * N) + i] += 1;
        }
    }

    [Benchmark]
    public void Svd() => _kernels.Svd(N, N, _square, new double[N * N], new double[N], new double[N * N]);

    [Benchmark]
    public void SymmetricEigen() => _kernels.SymmetricEigen(N, _spd, new double[N], new double[N * N]);

    [Benchmark]
    public bool Cholesky() => _kernels.CholeskySolve(N, N, (double[])_spd.Clone(), (double[])_square.Clone());
}
