namespace FaceCompat.Data;

/// <summary>
/// Some rows of a matrix, by index, without copying them (every row when <see cref="Indices"/> is
/// null): the fitting and test rows of a split are read in place instead of being gathered into
/// new matrices for every cell.
/// </summary>
public readonly record struct RowSubset(Matrix<float> Matrix, int[]? Indices)
{
    /// <summary>Rows in the subset.</summary>
    public int Count => Indices?.Length ?? Matrix.Rows;

    /// <summary>Columns of every row.</summary>
    public int Columns => Matrix.Columns;

    /// <summary>Row <paramref name="i"/> of the subset (row <c>Indices[i]</c> of the matrix).</summary>
    public ReadOnlySpan<float> Row(int i) => Matrix.Row(Indices is null ? i : Indices[i]);

    /// <summary>Every row of the matrix, in order.</summary>
    public static RowSubset All(Matrix<float> matrix) => new(matrix, null);

    /// <summary>Every row of the matrix (<see cref="All"/>).</summary>
    public static implicit operator RowSubset(Matrix<float> matrix) => All(matrix);
}
