using System.Buffers;
using FaceCompat.Data;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Mapping;

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
        RequireColumns(sourceRows.Columns, SourceDimension, "source");
        return MapRows(sourceRows, IsPaddedIdentity() ? null : Weights, TargetDimension, PreservesNorm, kernels);
    }

    /// <summary>
    /// Rows whose dot products are the scores of PROTOCOL.md, computed in whichever space is smaller.
    /// When d_s &lt; d_t (and the map is linear) the map is factored once as W = (U S) V^T (thin SVD, V^T with orthonormal rows):
    /// q_i . g_j = (x_i U S) . (g_j V) / |x_i U S|, since |x_i W| = |x_i U S|. The queries become the unit
    /// rows of x U S and the gallery the rows g V (norm at most 1), both d_s-dimensional, so the N x N
    /// scoring costs N^2 d_s instead of N^2 d_t and keeps the conditioning of the direct way. (The padded
    /// identity needs no factor: both sides keep their first d_s columns.) Otherwise the queries are
    /// <see cref="MapSource"/> and the gallery is returned as is.
    /// </summary>
    /// <param name="sourceRows">Raw source rows of the test images.</param>
    /// <param name="gallery">The same test images through <see cref="PrepareTarget"/>.</param>
    public (Matrix<float> Queries, Matrix<float> Gallery) ScoringRows(RowSubset sourceRows, Matrix<float> gallery, IDenseKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(gallery);
        ArgumentNullException.ThrowIfNull(kernels);
        RequireColumns(sourceRows.Columns, SourceDimension, "source");
        RequireColumns(gallery.Columns, TargetDimension, "gallery");
        int ds = SourceDimension, dt = TargetDimension;
        if (ds >= dt || Residual is not null)
        {
            return (MapSource(sourceRows, kernels), gallery);
        }

        if (IsPaddedIdentity())
        {
            return (MapRows(sourceRows, null, ds, normByInput: true, kernels), Project(gallery, null, ds, kernels));
        }

        var us = new Matrix<double>(ds, ds);
        double[] singular = new double[ds];
        var vt = new Matrix<double>(ds, dt);
        kernels.Svd(ds, dt, Weights.Values, us.MutableValues(), singular, vt.MutableValues());
        for (int i = 0; i < ds; i++)
        {
            Span<double> row = us.MutableRow(i);
            for (int k = 0; k < ds; k++)
            {
                row[k] *= singular[k];
            }
        }

        return (MapRows(sourceRows, us, ds, normByInput: false, kernels), Project(gallery, vt, ds, kernels));
    }

    /// <summary>
    /// normalise((l2n(x) - mu_s) M) for every row, in float64 blocks, as float32 rows of
    /// <paramref name="columns"/>; M = null is the padded identity (the row itself, truncated or
    /// zero-padded, exactly). With <paramref name="normByInput"/> each row is divided by the centred
    /// input's norm (an orthogonal padded map keeps it) instead of its own.
    /// </summary>
    private Matrix<float> MapRows(RowSubset sourceRows, Matrix<double>? m, int columns, bool normByInput, IDenseKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(sourceRows.Matrix);
        ArgumentNullException.ThrowIfNull(kernels);
        int ds = SourceDimension;
        var result = Matrix<float>.Uninitialized(sourceRows.Count, columns);
        double[] x = ArrayPool<double>.Shared.Rent(BlockRows * ds);
        double[] mapped = ArrayPool<double>.Shared.Rent(BlockRows * columns);
        try
        {
            for (int start = 0; start < sourceRows.Count; start += BlockRows)
            {
                int rows = Math.Min(BlockRows, sourceRows.Count - start);
                Parallel.For(0, rows, r => RowPreprocessing.NormaliseAndCentre(sourceRows.Row(start + r), SourceMean, x.AsSpan(r * ds, ds)));
                Span<double> y = mapped.AsSpan(0, rows * columns);
                if (m is null)
                {
                    y.Clear();
                    for (int r = 0; r < rows; r++)
                    {
                        x.AsSpan(r * ds, Math.Min(ds, columns)).CopyTo(y.Slice(r * columns, columns));
                    }
                }
                else
                {
                    kernels.Gemm(false, false, rows, columns, ds, 1.0, x.AsSpan(0, rows * ds), ds, m.Values, columns, 0.0, y, columns);
                    Residual?.AddTo(x.AsSpan(0, rows * ds), rows, y, kernels);
                }

                for (int r = 0; r < rows; r++)
                {
                    ReadOnlySpan<double> row = mapped.AsSpan(r * columns, columns);
                    ReadOnlySpan<double> norm = normByInput ? x.AsSpan(r * ds, ds) : row;
                    RowPreprocessing.ScaleRowToSingle(row, norm, result.MutableRow(start + r));
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

    /// <summary>Gallery rows g P^T (P: <paramref name="columns"/> x d_t, orthonormal rows) in float64 blocks; P = null keeps the first columns exactly.</summary>
    private static Matrix<float> Project(Matrix<float> gallery, Matrix<double>? p, int columns, IDenseKernels kernels)
    {
        int dt = gallery.Columns;
        var result = Matrix<float>.Uninitialized(gallery.Rows, columns);
        if (p is null)
        {
            for (int r = 0; r < gallery.Rows; r++)
            {
                gallery.Row(r)[..columns].CopyTo(result.MutableRow(r));
            }

            return result;
        }

        double[] g = ArrayPool<double>.Shared.Rent(BlockRows * dt);
        double[] projected = ArrayPool<double>.Shared.Rent(BlockRows * columns);
        try
        {
            for (int start = 0; start < gallery.Rows; start += BlockRows)
            {
                int rows = Math.Min(BlockRows, gallery.Rows - start);
                ReadOnlySpan<float> block = gallery.Values.Slice(start * dt, rows * dt);
                for (int i = 0; i < block.Length; i++)
                {
                    g[i] = block[i];
                }

                kernels.Gemm(false, true, rows, columns, dt, 1.0, g.AsSpan(0, rows * dt), dt, p.Values, dt, 0.0, projected.AsSpan(0, rows * columns), columns);
                Span<float> target = result.MutableValues().Slice(start * columns, rows * columns);
                for (int i = 0; i < target.Length; i++)
                {
                    target[i] = (float)projected[i];
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(g);
            ArrayPool<double>.Shared.Return(projected);
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
                    RowPreprocessing.ScaleRowToSingle(centred, centred, result.MutableRow(r));
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
