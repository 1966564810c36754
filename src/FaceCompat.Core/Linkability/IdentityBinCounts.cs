namespace FaceCompat.Linkability;

/// <summary>
/// Mated and non-mated score counts in one histogram's bins, kept per identity of the source
/// record (the query row), so that a bootstrap over identities can re-weight them without scoring
/// again: a resample that draws identity g w times counts its rows' pairs w times.
/// </summary>
internal sealed class IdentityBinCounts
{
    private readonly long[] _mated;
    private readonly long[] _nonMated;

    public IdentityBinCounts(ScoreHistogram bins, int identities)
    {
        Bins = bins;
        Identities = identities;
        _mated = new long[identities * bins.Bins];
        _nonMated = new long[identities * bins.Bins];
    }

    /// <summary>The bins (their counts are not used here).</summary>
    public ScoreHistogram Bins { get; }

    public int Identities { get; }

    public void AddMated(int identity, float score)
    {
        int k = Bins.BinOf(score);
        if (k >= 0)
        {
            _mated[(identity * Bins.Bins) + k]++;
        }
    }

    public void AddNonMated(int identity, ReadOnlySpan<float> scores)
    {
        Span<long> row = _nonMated.AsSpan(identity * Bins.Bins, Bins.Bins);
        foreach (float s in scores)
        {
            int k = Bins.BinOf(s);
            if (k >= 0)
            {
                row[k]++;
            }
        }
    }

    public void Merge(IdentityBinCounts other)
    {
        for (int i = 0; i < _mated.Length; i++)
        {
            _mated[i] += other._mated[i];
            _nonMated[i] += other._nonMated[i];
        }
    }

    /// <summary>Mated and non-mated counts per bin with identity g counted <paramref name="weights"/>[g] times (every weight 1: the plain totals).</summary>
    public (long[] Mated, long[] NonMated) Weighted(ReadOnlySpan<int> weights)
    {
        int bins = Bins.Bins;
        long[] mated = new long[bins];
        long[] nonMated = new long[bins];
        for (int g = 0; g < Identities; g++)
        {
            int w = weights[g];
            if (w == 0)
            {
                continue;
            }

            ReadOnlySpan<long> m = _mated.AsSpan(g * bins, bins);
            ReadOnlySpan<long> n = _nonMated.AsSpan(g * bins, bins);
            for (int k = 0; k < bins; k++)
            {
                mated[k] += w * m[k];
                nonMated[k] += w * n[k];
            }
        }

        return (mated, nonMated);
    }
}
