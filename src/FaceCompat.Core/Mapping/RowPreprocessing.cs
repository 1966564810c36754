using FaceCompat.Data;

namespace FaceCompat.Mapping;

/// <summary>
/// The per-row steps of PROTOCOL.md's preprocessing, in one place: L2-normalise (a zero row stays
/// zero), take column means, subtract a mean.
/// </summary>
public static class RowPreprocessing
{
    /// <summary>L2-normalised copy in float64 (rows in parallel).</summary>
    public static Matrix<double> NormalisedDouble(Matrix<float> rows)
    {
        var result = Matrix<double>.Uninitialized(rows.Rows, rows.Columns);
        const int chunk = 512;
        Parallel.For(0, (rows.Rows + chunk - 1) / chunk, c =>
        {
            for (int r = c * chunk; r < Math.Min(rows.Rows, (c + 1) * chunk); r++)
            {
                NormaliseRow(rows.Row(r), result.MutableRow(r));
            }
        });

        return result;
    }

    /// <summary>One row: l2-normalised in float64, then the mean subtracted (the map's preprocessing).</summary>
    public static void NormaliseAndCentre(ReadOnlySpan<float> src, ReadOnlySpan<double> mean, Span<double> dst)
    {
        NormaliseRow(src, dst);
        for (int c = 0; c < dst.Length; c++)
        {
            dst[c] -= mean[c];
        }
    }

    private static void NormaliseRow(ReadOnlySpan<float> src, Span<double> dst)
    {
        double norm = 0;
        for (int c = 0; c < src.Length; c++)
        {
            norm += (double)src[c] * src[c];
        }

        double scale = norm > 0 ? 1.0 / Math.Sqrt(norm) : 1.0;
        for (int c = 0; c < src.Length; c++)
        {
            dst[c] = src[c] * scale;
        }
    }

    /// <summary>The mean of each column.</summary>
    public static double[] ColumnMeans(Matrix<double> rows)
    {
        double[] mean = new double[rows.Columns];
        for (int r = 0; r < rows.Rows; r++)
        {
            ReadOnlySpan<double> row = rows.Row(r);
            for (int c = 0; c < row.Length; c++)
            {
                mean[c] += row[c];
            }
        }

        if (rows.Rows > 0)
        {
            for (int c = 0; c < mean.Length; c++)
            {
                mean[c] /= rows.Rows;
            }
        }

        return mean;
    }

    /// <summary>Subtracts <paramref name="mean"/> from every row.</summary>
    public static void SubtractInPlace(Matrix<double> rows, ReadOnlySpan<double> mean)
    {
        for (int r = 0; r < rows.Rows; r++)
        {
            Span<double> row = rows.MutableRow(r);
            for (int c = 0; c < row.Length; c++)
            {
                row[c] -= mean[c];
            }
        }
    }

    /// <summary>Scales each row to unit length (a zero row stays zero) and narrows to float32.</summary>
    public static Matrix<float> UnitRowsSingle(Matrix<double> rows) => ScaledRowsSingle(rows, rows);

    /// <summary>
    /// Divides each row of <paramref name="rows"/> by the norm of the same row of
    /// <paramref name="norms"/> (a zero norm leaves the row as is) and narrows to float32.
    /// </summary>
    public static Matrix<float> ScaledRowsSingle(Matrix<double> rows, Matrix<double> norms)
    {
        var result = new Matrix<float>(rows.Rows, rows.Columns);
        for (int r = 0; r < rows.Rows; r++)
        {
            ScaleRowToSingle(rows.Row(r), norms.Row(r), result.MutableRow(r));
        }

        return result;
    }

    /// <summary>dst = src / |by| in float32 (a zero norm leaves the row as is).</summary>
    public static void ScaleRowToSingle(ReadOnlySpan<double> src, ReadOnlySpan<double> by, Span<float> dst)
    {
        double norm = 0;
        for (int c = 0; c < by.Length; c++)
        {
            norm += by[c] * by[c];
        }

        double scale = norm > 0 ? 1.0 / Math.Sqrt(norm) : 1.0;
        for (int c = 0; c < src.Length; c++)
        {
            dst[c] = (float)(src[c] * scale);
        }
    }
}
