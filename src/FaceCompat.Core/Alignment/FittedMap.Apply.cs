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
        var result = new Matrix<float>(sourceRows.Rows, TargetDimension);
        ForEachChunk(sourceRows, result, chunk =>
        {
            Matrix<double> x = RowPreprocessing.NormalisedDouble(chunk);
            RowPreprocessing.SubtractInPlace(x, SourceMean);
            var mapped = new Matrix<double>(x.Rows, TargetDimension);
            kernels.Gemm(false, false, x.Rows, TargetDimension, SourceDimension, 1.0, x.Data, SourceDimension, Weights.Data, TargetDimension, 0.0, mapped.Data, TargetDimension);

            // Baseline and Procrustes: the full padded map is orthogonal, so the mapped row's norm is
            // the centred input's norm; linear and ridge rows are normalised by their own norm.
            return RowPreprocessing.ScaledRowsSingle(mapped, PreservesNorm ? x : mapped);
        });
        return result;
    }

    /// <summary>Gallery rows of PROTOCOL.md: normalise(l2n(x) - mu_t), unit float32 rows.</summary>
    public Matrix<float> PrepareTarget(Matrix<float> targetRows)
    {
        ArgumentNullException.ThrowIfNull(targetRows);
        RequireColumns(targetRows, TargetDimension, "target");
        var result = new Matrix<float>(targetRows.Rows, TargetDimension);
        ForEachChunk(targetRows, result, chunk =>
        {
            Matrix<double> x = RowPreprocessing.NormalisedDouble(chunk);
            RowPreprocessing.SubtractInPlace(x, TargetMean);
            return RowPreprocessing.UnitRowsSingle(x);
        });
        return result;
    }

    /// <summary>
    /// Applies a row-wise transform in chunks of 8192 rows (in parallel), so the float64
    /// intermediates stay small however many rows there are.
    /// </summary>
    private static void ForEachChunk(Matrix<float> input, Matrix<float> output, Func<Matrix<float>, Matrix<float>> transform)
    {
        const int chunkRows = 8192;
        int chunks = (input.Rows + chunkRows - 1) / chunkRows;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Min(2, Environment.ProcessorCount) }, c =>
        {
            int start = c * chunkRows;
            int rows = Math.Min(chunkRows, input.Rows - start);
            var chunk = new Matrix<float>(rows, input.Columns, input.Data.AsSpan(start * input.Columns, rows * input.Columns).ToArray());
            transform(chunk).Data.CopyTo(output.Data.AsSpan(start * output.Columns, rows * output.Columns));
        });
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
