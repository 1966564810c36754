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
        // Baseline and Procrustes: the full padded map is orthogonal, so the mapped row's norm is
        // the centred input's norm; linear and ridge rows are normalised by their own norm.
        return RowPreprocessing.ScaledRowsSingle(mapped, PreservesNorm ? x : mapped);
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
