using BenchmarkDotNet.Attributes;
using FaceCompat.Data;
using FaceCompat.Evaluation;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Benchmarks.Kernels;

/// <summary>One evaluation pass (scores by GEMM, ranks by counting, verification) at a few test-set sizes.</summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    private Matrix<float> _queries = new(0, 0);
    private Matrix<float> _gallery = new(0, 0);
    private int[] _identities = [];

    [Params(3000, 15860)]
    public int Images { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        int d = 512;
        _identities = Enumerable.Range(0, Images).Select(i => i / 5).ToArray();
        float[] centres = Enumerable.Range(0, (Images / 5 + 1) * d).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        _queries = Views(centres, d, random);
        _gallery = Views(centres, d, random);
    }

    [Benchmark]
    public CellMetrics Evaluate() => CrossModelEvaluator.Evaluate(_queries, _gallery, _identities, new EvaluationOptions { Kernels = DenseKernels.Default });

    private Matrix<float> Views(float[] centres, int d, Random random)
    {
        var m = new Matrix<float>(Images, d);
        for (int i = 0; i < Images; i++)
        {
            Span<float> row = m.MutableRow(i);
            double norm = 0;
            for (int c = 0; c < d; c++)
            {
                row[c] = centres[(_identities[i] * d) + c] + (float)(0.8 * (random.NextDouble() - 0.5));
                norm += row[c] * row[c];
            }

            for (int c = 0; c < d; c++)
            {
                row[c] /= (float)Math.Sqrt(norm);
            }
        }

        return m;
    }
}
