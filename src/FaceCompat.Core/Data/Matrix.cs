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
    private long _version;
    private volatile bool _versionObserved;

    /// <summary>A rows x columns matrix of zeros.</summary>
    public Matrix(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        Rows = rows;
        Columns = columns;
        _data = new T[checked(rows * columns)];
    }

    /// <summary>A matrix over <paramref name="data"/> (row-major, length rows * columns), not copied: the caller hands the array over and must not write it afterwards.</summary>
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

    /// <summary>Number of rows (at least 0).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (at least 0).</summary>
    public int Columns { get; }

    /// <summary>
    /// Changes whenever a writable view is handed out (<see cref="MutableValues"/>, <see cref="MutableRow"/>)
    /// or a value is set through the indexer. Caches of data derived from a matrix remember the version
    /// they saw and drop the entry when it differs, so a matrix written after it was cached is never
    /// answered from stale statistics.
    /// </summary>
    /// <remarks>Until someone reads it, writes do not count (nothing can hold a stale version yet), so filling a fresh matrix from many threads touches no shared counter.</remarks>
    public long Version
    {
        get
        {
            _versionObserved = true;
            return Interlocked.Read(ref _version);
        }
    }

    /// <summary>The values, row-major (length Rows * Columns), read-only: reading does not change <see cref="Version"/>.</summary>
    public ReadOnlySpan<T> Values => _data;

    /// <summary>The value at (<paramref name="row"/>, <paramref name="column"/>); setting it changes <see cref="Version"/>.</summary>
    public T this[int row, int column]
    {
        get => _data[(row * Columns) + column];
        set
        {
            _data[(row * Columns) + column] = value;
            Touch();
        }
    }

    /// <summary>Row <paramref name="row"/> (length Columns), read-only.</summary>
    public ReadOnlySpan<T> Row(int row) => _data.AsSpan(row * Columns, Columns);

    /// <summary>
    /// All values, writable, for code that fills or updates the matrix (readers, kernels writing a result).
    /// Changes <see cref="Version"/> when called: take the span, write, and do not keep it past the point
    /// where the matrix is handed to code that may cache what it derives from it.
    /// </summary>
    public Span<T> MutableValues()
    {
        Touch();
        return _data;
    }

    /// <summary>Row <paramref name="row"/>, writable; changes <see cref="Version"/> as <see cref="MutableValues"/> does.</summary>
    public Span<T> MutableRow(int row)
    {
        Touch();
        return _data.AsSpan(row * Columns, Columns);
    }

    private void Touch()
    {
        if (_versionObserved)
        {
            Interlocked.Increment(ref _version);
        }
    }

    /// <summary>A copy of the values, row-major.</summary>
    public T[] ToArray() => (T[])_data.Clone();

    /// <summary>A matrix whose values are not cleared first, for callers that overwrite every value (readers, copies).</summary>
    public static Matrix<T> Uninitialized(int rows, int columns) =>
        new(rows, columns, GC.AllocateUninitializedArray<T>(checked(rows * columns)));

    /// <summary>The n x n identity matrix.</summary>
    public static Matrix<T> Identity(int n)
    {
        var m = new Matrix<T>(n, n);
        for (int i = 0; i < n; i++)
        {
            m[i, i] = T.One;
        }

        return m;
    }

    /// <summary>A copy with its own storage.</summary>
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
                Row(order[i]).CopyTo(result._data.AsSpan(i * Columns, Columns));
            }
        });
        return result;
    }

    /// <summary>The transposed matrix, in new storage.</summary>
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

    /// <summary>The element type and shape, e.g. <c>Matrix&lt;Single&gt;(3x512)</c>.</summary>
    public override string ToString() => $"Matrix<{typeof(T).Name}>({Rows}x{Columns})";
}

/// <summary>Conversions between the float and double matrices.</summary>
public static class MatrixConversions
{
    /// <summary>The same values in double precision.</summary>
    public static Matrix<double> ToDouble(this Matrix<float> m)
    {
        var result = new Matrix<double>(m.Rows, m.Columns);
        ReadOnlySpan<float> src = m.Values;
        Span<double> dst = result.MutableValues();
        for (int i = 0; i < src.Length; i++)
        {
            dst[i] = src[i];
        }

        return result;
    }

    /// <summary>The values rounded to single precision.</summary>
    public static Matrix<float> ToSingle(this Matrix<double> m)
    {
        var result = new Matrix<float>(m.Rows, m.Columns);
        ReadOnlySpan<double> src = m.Values;
        Span<float> dst = result.MutableValues();
        for (int i = 0; i < src.Length; i++)
        {
            dst[i] = (float)src[i];
        }

        return result;
    }
}
