using FaceCompat.Data;

namespace FaceCompat.Mapping;

/// <summary>
/// The source side of a fitting problem (mean of the normalised rows and the Gram matrix of the
/// centred rows) depends only on the source rows, not on the target: a study fits every target
/// from the same (source, split), so the few most recent ones are kept and reused. Keys compare
/// the matrix by reference and <see cref="Matrix{T}.Version"/> (an entry whose source or Gram
/// matrix was written since is never answered), the row indices by content, and the kernels by
/// reference. The mean is used only inside fits: the maps get their own copies.
/// </summary>
internal static class SourceStatisticsCache
{
    private const int Capacity = 4;
    private static readonly Lock s_lock = new();
    private static readonly LinkedList<Entry> s_entries = new();

    public static (double[] Mean, Matrix<double> Gram)? TryGet(RowSubset rows, object kernels)
    {
        lock (s_lock)
        {
            for (LinkedListNode<Entry>? node = s_entries.First; node is not null; node = node.Next)
            {
                if (node.Value.Matches(rows, kernels))
                {
                    s_entries.Remove(node);
                    s_entries.AddFirst(node);
                    return (node.Value.Mean, node.Value.Gram);
                }
            }
        }

        return null;
    }

    public static void Add(RowSubset rows, object kernels, double[] mean, Matrix<double> gram)
    {
        lock (s_lock)
        {
            s_entries.AddFirst(new Entry(rows.Matrix, rows.Matrix.Version, rows.Indices is null ? null : (int[])rows.Indices.Clone(), rows.Count, kernels, mean, gram, gram.Version));
            while (s_entries.Count > Capacity)
            {
                s_entries.RemoveLast();
            }
        }
    }

    private sealed record Entry(Matrix<float> Matrix, long MatrixVersion, int[]? Indices, int Count, object Kernels, double[] Mean, Matrix<double> Gram, long GramVersion)
    {
        /// <summary>Same rows of the same, unwritten matrix, and a Gram matrix nobody has written since.</summary>
        public bool Matches(RowSubset rows, object kernels) =>
            ReferenceEquals(rows.Matrix, Matrix)
            && rows.Matrix.Version == MatrixVersion
            && Gram.Version == GramVersion
            && ReferenceEquals(kernels, Kernels)
            && rows.Count == Count
            && (Indices is null ? rows.Indices is null : rows.Indices is not null && rows.Indices.AsSpan().SequenceEqual(Indices));
    }
}
