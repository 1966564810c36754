namespace FaceCompat.Data;

/// <summary>
/// Some rows of a matrix, by index, without copying them (every row when <see cref="Indices"/> is
/// null): the fitting and test rows of a split are read in place instead of being gathered into
/// new matrices for every cell.
/// </summary>
public readonly record struct RowSubset(Matrix<float> Matrix, int[]? Indices)
{
    public int Count => Indices?.Length ?? Matrix.Rows;

    public int Columns => Matrix.Columns;

    public ReadOnlySpan<float> Row(int i) => Matrix.Row(Indices is null ? i : Indices[i]);

    public static RowSubset All(Matrix<float> matrix) => new(matrix, null);

    public static implicit operator RowSubset(Matrix<float> matrix) => All(matrix);
}
