using FaceCompat.Data;
using FaceCompat.Extraction.Onnx;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;
using FaceCompat.Randomness;

namespace FaceCompat.Extraction.Export;

/// <summary>Runs an exported adapter graph through ONNX Runtime and compares its rows with <see cref="FittedMap"/>'s.</summary>
public static class AdapterCheck
{
    /// <summary>The largest |onnx - apply| accepted: float32 arithmetic on unit rows (the issue's 1e-5).</summary>
    public const double Tolerance = 1e-5;

    /// <summary>max over all entries of |graph(rows) - apply(rows)|, where apply is MapSource or PrepareTarget.</summary>
    public static double MaxAbsDifference(string graphPath, FittedMap map, AdapterSide side, Matrix<float> rows)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(rows);
        using var session = new OnnxSession(graphPath, intraOpThreads: 1, allowSpinning: false);
        var (data, shape) = session.Run(AdapterGraph.InputName, rows.Data, [rows.Rows, rows.Columns], [AdapterGraph.OutputName])[0];
        Matrix<float> expected = side == AdapterSide.Source ? map.MapSource(rows, DenseKernels.Default) : map.PrepareTarget(rows);
        if (shape.Length != 2 || shape[0] != expected.Rows || shape[1] != expected.Columns)
        {
            throw new ModelException($"{graphPath}: the graph returned shape [{string.Join(", ", shape)}], expected [{expected.Rows}, {expected.Columns}].");
        }

        double worst = 0;
        for (int i = 0; i < data.Length; i++)
        {
            double d = Math.Abs(data[i] - expected.Data[i]);
            worst = double.IsNaN(d) ? double.NaN : Math.Max(worst, d);
            if (double.IsNaN(worst))
            {
                return worst;
            }
        }

        return worst;
    }

    /// <summary>Seeded rows with entries uniform in [-1, 1) (not unit length: the graph must normalise them).</summary>
    public static Matrix<float> RandomRows(int rows, int columns, ulong seed)
    {
        var random = new SplitMix64(seed);
        var m = new Matrix<float>(rows, columns);
        for (int i = 0; i < m.Data.Length; i++)
        {
            m.Data[i] = (float)(((random.Next() >> 11) * (1.0 / (1UL << 53)) * 2) - 1);
        }

        return m;
    }
}
