using System.Buffers;
using FaceCompat.Data;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Alignment;

public sealed partial class FittedMap
{
    /// <summary>Rows per block: the float64 intermediates are two pooled blocks, reused, however many rows there are.</summary>
    private const int BlockRows = 1024;

    /// <summary>
    /// Query rows of PROTOCOL.md: normalise(pad(l2n(x) - mu_s) W), as unit float32 rows of
    /// <see cref="TargetDimension"/> columns (the padded columns cannot reach a score).
    /// </summary>
    /// <exception cref="DataFormatException">The rows do not have <see cref="SourceDimension"/> columns.</exception>
    public Matrix<float> MapSource(RowSubset sourceRows, IDenseKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(sourceRows.Matrix);
        ArgumentNullException.ThrowIfNull(kernels);
        RequireColumns(sourceRows.Columns, SourceDimension, "source");
        int ds = SourceDimension, dt = TargetDimension;
        var result = Matrix<float>.Uninitialized(sourceRows.Count, dt);
        bool identity = IsPaddedIdentity();
        double[] x = ArrayPool<double>.Shared.Rent(BlockRows * ds);
        double[] mapped = ArrayPool<double>.Shared.Rent(BlockRows * dt);
        try
        {
            for (int start = 0; start < sourceRows.Count; start += BlockRows)
            {
                int rows = Math.Min(BlockRows, sourceRows.Count - start);
                Parallel.For(0, rows, r => RowPreprocessing.NormaliseAndCentre(sourceRows.Row(start + r), SourceMean, x.AsSpan(r * ds, ds)));
                Span<double> y = mapped.AsSpan(0, rows * dt);
                y.Clear();
                if (identity)
                {
                    // W = I (padded): the product is the row itself, truncated or zero-padded, exactly.
                    for (int r = 0; r < rows; r++)
                    {
                        x.AsSpan(r * ds, Math.Min(ds, dt)).CopyTo(y.Slice(r * dt, dt));
                    }
                }
                else
                {
                    kernels.Gemm(false, false, rows, dt, ds, 1.0, x.AsSpan(0, rows * ds), ds, Weights.Data, dt, 0.0, y, dt);
                }

                // Baseline and Procrustes: the full padded map is orthogonal, so the mapped row's norm is
                // the centred input's norm; linear and ridge rows are normalised by their own norm.
                for (int r = 0; r < rows; r++)
                {
                    ReadOnlySpan<double> row = mapped.AsSpan(r * dt, dt);
                    ReadOnlySpan<double> norm = PreservesNorm ? x.AsSpan(r * ds, ds) : row;
                    RowPreprocessing.ScaleRowToSingle(row, norm, result.Row(start + r));
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(x);
            ArrayPool<double>.Shared.Return(mapped);
        }

        return result;
    }

    /// <summary>Gallery rows of PROTOCOL.md: normalise(l2n(x) - mu_t), unit float32 rows.</summary>
    /// <exception cref="DataFormatException">The rows do not have <see cref="TargetDimension"/> columns.</exception>
    public Matrix<float> PrepareTarget(RowSubset targetRows)
    {
        ArgumentNullException.ThrowIfNull(targetRows.Matrix);
        RequireColumns(targetRows.Columns, TargetDimension, "target");
        int dt = TargetDimension;
        var result = Matrix<float>.Uninitialized(targetRows.Count, dt);
        Parallel.For(
            0,
            (targetRows.Count + BlockRows - 1) / BlockRows,
            () => ArrayPool<double>.Shared.Rent(dt),
            (block, _, scratch) =>
            {
                Span<double> centred = scratch.AsSpan(0, dt);
                for (int r = block * BlockRows; r < Math.Min(targetRows.Count, (block + 1) * BlockRows); r++)
                {
                    RowPreprocessing.NormaliseAndCentre(targetRows.Row(r), TargetMean, centred);
                    RowPreprocessing.ScaleRowToSingle(centred, centred, result.Row(r));
                }

                return scratch;
            },
            scratch => ArrayPool<double>.Shared.Return(scratch));
        return result;
    }

    /// <summary>Whether W is the padded identity (the baseline map; checked, since an adapter file could say otherwise).</summary>
    private bool IsPaddedIdentity()
    {
        if (Method != MapMethod.Baseline)
        {
            return false;
        }

        for (int i = 0; i < Weights.Rows; i++)
        {
            ReadOnlySpan<double> row = Weights.Row(i);
            for (int j = 0; j < row.Length; j++)
            {
                if (row[j] != (i == j ? 1.0 : 0.0))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static void RequireColumns(int columns, int expected, string side)
    {
        if (columns != expected)
        {
            throw new DataFormatException(
                $"the {side} embeddings have {columns} dimensions but the map expects {expected}. Use embeddings of the model the map was fitted for.");
        }
    }
}
