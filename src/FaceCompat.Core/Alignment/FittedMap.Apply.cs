using FaceCompat.Data;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Alignment;

public sealed partial class FittedMap
{
    /// <summary>
    /// Query rows of PROTOCOL.md: normalise(pad(l2n(x) - mu_s) W), as unit float32 rows of
    /// <see cref="TargetDimension"/> columns (the padded columns cannot reach a score).
    /// </summary>
    /// <exception cref="DataFormatException">The rows do not have <see cref="SourceDimension"/> columns.</exception>
    public Matrix<float> MapSource(Matrix<float> sourceRows, IDenseKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(sourceRows);
        ArgumentNullException.ThrowIfNull(kernels);
        RequireColumns(sourceRows, SourceDimension, "source");
        Matrix<double> x = RowPreprocessing.NormalisedDouble(sourceRows);
        RowPreprocessing.SubtractInPlace(x, SourceMean);
        var mapped = new Matrix<double>(x.Rows, TargetDimension);
        kernels.Gemm(false, false, x.Rows, TargetDimension, SourceDimension, 1.0, x.Data, SourceDimension, Weights.Data, TargetDimension, 0.0, mapped.Data, TargetDimension);
        if (!PreservesNorm)
        {
            return RowPreprocessing.UnitRowsSingle(mapped);
        }

        // The full padded map is orthogonal: the mapped row's norm is the centred input's norm.
        var result = new Matrix<float>(x.Rows, TargetDimension);
        for (int r = 0; r < x.Rows; r++)
        {
            ReadOnlySpan<double> input = x.Row(r);
            double norm = 0;
            for (int c = 0; c < input.Length; c++)
            {
                norm += input[c] * input[c];
            }

            double scale = norm > 0 ? 1.0 / Math.Sqrt(norm) : 1.0;
            ReadOnlySpan<double> src = mapped.Row(r);
            Span<float> dst = result.Row(r);
            for (int c = 0; c < src.Length; c++)
            {
                dst[c] = (float)(src[c] * scale);
            }
        }

        return result;
    }

    /// <summary>Gallery rows of PROTOCOL.md: normalise(l2n(x) - mu_t), unit float32 rows.</summary>
    public Matrix<float> PrepareTarget(Matrix<float> targetRows)
    {
        ArgumentNullException.ThrowIfNull(targetRows);
        RequireColumns(targetRows, TargetDimension, "target");
        Matrix<double> x = RowPreprocessing.NormalisedDouble(targetRows);
        RowPreprocessing.SubtractInPlace(x, TargetMean);
        return RowPreprocessing.UnitRowsSingle(x);
    }

    private static void RequireColumns(Matrix<float> rows, int expected, string side)
    {
        if (rows.Columns != expected)
        {
            throw new DataFormatException(
                $"the {side} embeddings have {rows.Columns} dimensions but the map expects {expected}. Use embeddings of the model the map was fitted for.");
        }
    }
}
