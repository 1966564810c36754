using System.Diagnostics;

namespace FaceCompat.Linkability;

/// <summary>
/// Counts of scores in <c>K</c> equal bins between two edges, with NumPy's rules for an explicit
/// edge array (<c>np.histogram(x, bins=np.linspace(lo, hi, K + 1))</c>): edge <c>k</c> is
/// <c>lo + k (hi - lo) / K</c> in float64 (the last is <c>hi</c> exactly), bin <c>k</c> holds
/// <c>edge[k] &lt;= x &lt; edge[k + 1]</c> and the last bin also holds <c>x = hi</c>. Values
/// outside [lo, hi] and NaN are not counted.
/// </summary>
public sealed class ScoreHistogram
{
    private readonly double[] _edges;
    private readonly long[] _counts;
    private readonly double _step;
    private readonly double _inverseStep;

    /// <summary>An empty histogram of <paramref name="bins"/> equal bins over [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public ScoreHistogram(double low, double high, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (!(high > low) || !double.IsFinite(low) || !double.IsFinite(high))
        {
            throw new ArgumentException($"A histogram needs finite edges with low < high; got [{low}, {high}].", nameof(high));
        }

        _step = (high - low) / bins;
        _inverseStep = bins / (high - low);
        _edges = new double[bins + 1];
        for (int k = 0; k < bins; k++)
        {
            _edges[k] = (k * _step) + low;
        }

        _edges[bins] = high;
        _counts = new long[bins];
    }

    /// <summary>Number of bins.</summary>
    public int Bins => _counts.Length;

    /// <summary>The bin edges, ascending (<see cref="Bins"/> + 1 of them).</summary>
    public ReadOnlySpan<double> Edges => _edges;

    /// <summary>Scores counted per bin.</summary>
    public ReadOnlySpan<long> Counts => _counts;

    /// <summary>Scores counted in all.</summary>
    public long Total { get; private set; }

    /// <summary>The bin of <paramref name="x"/>, or -1 when it is outside [lo, hi] or NaN.</summary>
    public int BinOf(double x)
    {
        double low = _edges[0];
        double high = _edges[^1];
        if (!(x >= low && x <= high))
        {
            return -1;
        }

        int k = (int)Math.Min((x - low) * _inverseStep, Bins - 1);
        // The estimate can land one bin off near an edge; the float64 edges decide, as in NumPy.
        while (k > 0 && x < _edges[k])
        {
            k--;
        }

        while (k < Bins - 1 && x >= _edges[k + 1])
        {
            k++;
        }

        Debug.Assert(k >= 0 && k < Bins, "bin index");
        return k;
    }

    /// <summary>Counts one score; a score outside [low, high] (or NaN) is not counted.</summary>
    public void Add(double x)
    {
        int k = BinOf(x);
        if (k >= 0)
        {
            _counts[k]++;
            Total++;
        }
    }

    /// <summary>Counts every score of the span.</summary>
    public void Add(ReadOnlySpan<float> scores)
    {
        foreach (float s in scores)
        {
            Add(s);
        }
    }

    /// <summary>An empty histogram with the same edges.</summary>
    public ScoreHistogram EmptyCopy() => new(_edges[0], _edges[^1], Bins);
}
