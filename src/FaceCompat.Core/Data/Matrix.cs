using System.Numerics;

namespace FaceCompat.Data;

/// <summary>
/// A dense row-major matrix over one contiguous array. Rows are exposed as spans; kernels take
/// spans, not matrices. <typeparamref name="T"/> is <see cref="float"/> for embeddings and scores,
/// <see cref="double"/> for fitting.
/// </summary>
public sealed class Matrix<T>
    where T : unmanaged, INumber<T>
{
    private readonly T[] _data;

    public Matrix(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        Rows = rows;
        Columns = columns;
        _data = new T[checked(rows * columns)];
    }

    public Matrix(int rows, int columns, T[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if ((long)rows * columns != data.Length)
        {
            throw new ArgumentException($"A {rows}x{columns} matrix needs {(long)rows * columns} values, got {data.Length}.", nameof(data));
        }

        Rows = rows;
        Columns = columns;
        _data = data;
    }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>The row-major backing array (length Rows * Columns).</summary>
    public T[] Data => _data;

    public T this[int row, int column]
    {
        get => _data[(row * Columns) + column];
        set => _data[(row * Columns) + column] = value;
    }

    public Span<T> Row(int row) => _data.AsSpan(row * Columns, Columns);

    public Span<T> AsSpan() => _data;

    /// <summary>A matrix whose values are not cleared first, for callers that overwrite every value (readers, copies).</summary>
    public static Matrix<T> Uninitialized(int rows, int columns) =>
        new(rows, columns, GC.AllocateUninitializedArray<T>(checked(rows * columns)));

    public static Matrix<T> Identity(int n)
    {
        var m = new Matrix<T>(n, n);
        for (int i = 0; i < n; i++)
        {
            m[i, i] = T.One;
        }

        return m;
    }

    public Matrix<T> Clone() => new(Rows, Columns, (T[])_data.Clone());

    /// <summary>A new matrix holding the given rows, in the given order.</summary>
    public Matrix<T> SelectRows(ReadOnlySpan<int> rows)
    {
        var result = Uninitialized(rows.Length, Columns);
        int[] order = rows.ToArray();
        const int chunk = 1024;
        Parallel.For(0, (order.Length + chunk - 1) / chunk, c =>
        {
            for (int i = c * chunk; i < Math.Min(order.Length, (c + 1) * chunk); i++)
            {
                Row(order[i]).CopyTo(result.Row(i));
            }
        });
        return result;
    }

    public Matrix<T> Transpose()
    {
        var t = new Matrix<T>(Columns, Rows);
        for (int r = 0; r < Rows; r++)
        {
            ReadOnlySpan<T> row = Row(r);
            for (int c = 0; c < row.Length; c++)
            {
                t._data[(c * Rows) + r] = row[c];
            }
        }

        return t;
    }

    public override string ToString() => $"Matrix<{typeof(T).Name}>({Rows}x{Columns})";
}

/// <summary>Conversions between the float and double matrices.</summary>
public static class MatrixConversions
{
    public static Matrix<double> ToDouble(this Matrix<float> m)
    {
        var result = new Matrix<double>(m.Rows, m.Columns);
        float[] src = m.Data;
        double[] dst = result.Data;
        for (int i = 0; i < src.Length; i++)
        {
            dst[i] = src[i];
        }

        return result;
    }

    public static Matrix<float> ToSingle(this Matrix<double> m)
    {
        var result = new Matrix<float>(m.Rows, m.Columns);
        double[] src = m.Data;
        float[] dst = result.Data;
        for (int i = 0; i < src.Length; i++)
        {
            dst[i] = (float)src[i];
        }

        return result;
    }
}
