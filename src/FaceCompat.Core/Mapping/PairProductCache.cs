using FaceCompat.Data;

namespace FaceCompat.Mapping;

/// <summary>
/// What a fit of (source, target) on some rows leaves for the reverse fit (target, source) on the
/// same rows: both means, the cross product M = Xs^T Xt (the reverse's is M^T) and, once computed,
/// the Procrustes map U V^T (the reverse's is its transpose, from the SVD of M^T = V S U^T). A study
/// fits both directions of every pair on every split, so this halves its cross products and SVDs.
/// Entries are taken by the reverse fit (and so leave the cache) or evicted, oldest first, beyond
/// <see cref="CapacityBytes"/>. Keys compare the matrices and kernels by reference and
/// <see cref="Matrix{T}.Version"/>, and the row indices by content, as <see cref="SourceStatisticsCache"/> does.
/// </summary>
internal static class PairProductCache
{
    public const long CapacityBytes = 256L << 20;
    private static readonly Lock s_lock = new();
    private static readonly LinkedList<PairProducts> s_entries = new();
    private static long s_bytes;

    /// <summary>Removes and returns the products of the fit (target, source) on the same rows, if kept.</summary>
    public static PairProducts? TakeReverse(RowSubset sourceRows, RowSubset targetRows, object kernels)
    {
        lock (s_lock)
        {
            for (LinkedListNode<PairProducts>? node = s_entries.First; node is not null; node = node.Next)
            {
                if (node.Value.Fits(targetRows, sourceRows, kernels))
                {
                    s_entries.Remove(node);
                    s_bytes -= node.Value.Bytes;
                    return node.Value;
                }
            }
        }

        return null;
    }

    public static void Add(PairProducts products)
    {
        lock (s_lock)
        {
            s_entries.AddFirst(products);
            s_bytes += products.Bytes;
            while (s_bytes > CapacityBytes && s_entries.Last is { } oldest)
            {
                s_entries.RemoveLast();
                s_bytes -= oldest.Value.Bytes;
            }
        }
    }
}

/// <summary>The shared products of one fit (see <see cref="PairProductCache"/>).</summary>
internal sealed class PairProducts
{
    private readonly Matrix<float> _source;
    private readonly Matrix<float> _target;
    private readonly int[]? _indices;
    private readonly int _count;
    private readonly object _kernels;
    private readonly Lock _lock = new();
    private readonly long _sourceVersion;
    private readonly long _targetVersion;
    private readonly long _crossVersion;
    private (Matrix<double> Map, long Version)? _procrustes;

    public PairProducts(RowSubset sourceRows, RowSubset targetRows, object kernels, double[] sourceMean, double[] targetMean, Matrix<double> cross)
    {
        _source = sourceRows.Matrix;
        _target = targetRows.Matrix;
        _sourceVersion = _source.Version;
        _targetVersion = _target.Version;
        _crossVersion = cross.Version;
        _indices = sourceRows.Indices is null ? null : (int[])sourceRows.Indices.Clone();
        _count = sourceRows.Count;
        _kernels = kernels;
        SourceMean = sourceMean;
        TargetMean = targetMean;
        Cross = cross;
    }

    public double[] SourceMean { get; }

    public double[] TargetMean { get; }

    /// <summary>Xs^T Xt, d_s x d_t; never modified.</summary>
    public Matrix<double> Cross { get; }

    /// <summary>
    /// The Procrustes weights of this fit, once computed (another thread may read them); null again
    /// when they were written after being left here (they are also the forward fit's public weights).
    /// </summary>
    public Matrix<double>? Procrustes
    {
        get
        {
            lock (_lock)
            {
                return _procrustes is { } kept && kept.Map.Version == kept.Version ? kept.Map : null;
            }
        }

        set
        {
            lock (_lock)
            {
                _procrustes = value is null ? null : (value, value.Version);
            }
        }
    }

    /// <summary>Room for the cross product and a Procrustes map of the same shape.</summary>
    public long Bytes => 2L * (long)Cross.Values.Length * sizeof(double);

    /// <summary>Whether these are the products of fitting <paramref name="sourceRows"/> to <paramref name="targetRows"/>.</summary>
    public bool Fits(RowSubset sourceRows, RowSubset targetRows, object kernels) =>
        ReferenceEquals(sourceRows.Matrix, _source)
        && ReferenceEquals(targetRows.Matrix, _target)
        && _source.Version == _sourceVersion
        && _target.Version == _targetVersion
        && Cross.Version == _crossVersion
        && ReferenceEquals(kernels, _kernels)
        && SameRows(sourceRows, _indices, _count)
        && SameRows(targetRows, _indices, _count);

    public static bool SameRows(RowSubset rows, int[]? indices, int count) =>
        rows.Count == count
        && (indices is null ? rows.Indices is null : rows.Indices is not null && rows.Indices.AsSpan().SequenceEqual(indices));
}
