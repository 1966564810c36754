using System.Buffers;
using FaceCompat.Data;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Similarity;

/// <summary>
/// One model's rows with their column means, in double: the centred squared row norms (the diagonal of
/// the centred Gram matrix) and blocked cross-products Xc^T Yc of centred rows, so that nothing of size
/// N x N and no centred copy of the rows is ever formed (block x d doubles at a time).
/// </summary>
internal sealed class CentredRows
{
    private const int BlockRows = 1024;

    private CentredRows(RowSubset rows, double[] mean, double[] squaredNorms)
    {
        Rows = rows;
        Mean = mean;
        SquaredNorms = squaredNorms;
        Total = squaredNorms.Sum();
    }

    public RowSubset Rows { get; }

    public int Count => Rows.Count;

    public int Columns => Rows.Columns;

    public double[] Mean { get; }

    /// <summary>||x_i - mean||^2 per row.</summary>
    public double[] SquaredNorms { get; }

    /// <summary>||Xc||_F^2, the trace of the centred Gram matrix.</summary>
    public double Total { get; }

    public static CentredRows Of(RowSubset rows)
    {
        int n = rows.Count, d = rows.Columns;
        var mean = new double[d];
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> r = rows.Row(i);
            for (int c = 0; c < d; c++)
            {
                mean[c] += r[c];
            }
        }

        for (int c = 0; c < d; c++)
        {
            mean[c] /= n;
        }

        var norms = new double[n];
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> r = rows.Row(i);
            double s = 0;
            for (int c = 0; c < d; c++)
            {
                double v = r[c] - mean[c];
                s += v * v;
            }

            norms[i] = s;
        }

        return new CentredRows(rows, mean, norms);
    }

    /// <summary>
    /// Xc^T Yc (this.Columns x other.Columns, row-major), pairing row i of this with row
    /// <c>permutation[i]</c> of <paramref name="other"/> (row i when null).
    /// </summary>
    public double[] CrossProduct(CentredRows other, int[]? permutation, IDenseKernels kernels)
    {
        int n = Count, dx = Columns, dy = other.Columns;
        var product = new double[dx * dy];
        double[] bx = ArrayPool<double>.Shared.Rent(BlockRows * dx);
        double[] by = ArrayPool<double>.Shared.Rent(BlockRows * dy);
        try
        {
            for (int start = 0; start < n; start += BlockRows)
            {
                int rows = Math.Min(BlockRows, n - start);
                for (int r = 0; r < rows; r++)
                {
                    Centre(Rows.Row(start + r), Mean, bx.AsSpan(r * dx, dx));
                    int j = permutation is null ? start + r : permutation[start + r];
                    other.Centre(j, by.AsSpan(r * dy, dy));
                }

                kernels.Gemm(true, false, dx, dy, rows, 1.0, bx.AsSpan(0, rows * dx), dx, by.AsSpan(0, rows * dy), dy, 1.0, product, dy);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(bx);
            ArrayPool<double>.Shared.Return(by);
        }

        return product;
    }

    /// <summary>Sum over i of this row norm i times the other's row norm permutation[i].</summary>
    public double NormProduct(CentredRows other, int[]? permutation)
    {
        double s = 0;
        for (int i = 0; i < Count; i++)
        {
            s += SquaredNorms[i] * other.SquaredNorms[permutation is null ? i : permutation[i]];
        }

        return s;
    }

    private void Centre(int row, Span<double> destination) => Centre(Rows.Row(row), Mean, destination);

    private static void Centre(ReadOnlySpan<float> row, double[] mean, Span<double> destination)
    {
        for (int c = 0; c < row.Length; c++)
        {
            destination[c] = row[c] - mean[c];
        }
    }
}
