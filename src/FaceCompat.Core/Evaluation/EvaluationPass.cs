using System.Globalization;
using FaceCompat.Data;

namespace FaceCompat.Evaluation;

/// <summary>
/// One evaluation: a pass over query blocks folds every row into identification (ranks by
/// counting) and verification (genuine scores kept; impostors kept when few, else counted into a
/// histogram and resolved exactly at the boundaries by a second pass over the upper triangle).
/// Results do not depend on the thread count: per-row results are stored by row and combined in
/// row order, counts are integers.
/// </summary>
internal sealed class EvaluationPass
{
    private readonly Matrix<float> _queries;
    private readonly Matrix<float> _gallery;
    private readonly int[] _identities;
    private readonly IdentityGroups _groups;
    private readonly EvaluationOptions _options;
    private readonly int _n;
    private readonly int[] _firstRank;
    private readonly double[] _ap;
    private readonly long[] _genuineOffset;
    private readonly float[] _genuine;
    private readonly long _impostorCount;
    private readonly float[]? _impostors;
    private readonly bool _streaming;
    private readonly long[]? _histogram;
    private readonly bool _forecastBoundary;
    private readonly int _binnedFrom;
    private BinRanges _forecast = new([]);
    private readonly Lock _lock = new();
    private readonly CslsScores? _csls;
    private float[] _keptBoundary = [];

    public EvaluationPass(Matrix<float> queries, Matrix<float> gallery, int[] identities, IdentityGroups groups, EvaluationOptions options, long exactImpostorLimit, bool forecastBoundary, int binnedFrom, CslsScores? csls = null)
    {
        _csls = csls;
        _binnedFrom = binnedFrom;
        _queries = queries;
        _gallery = gallery;
        _identities = identities;
        _groups = groups;
        _options = options;
        _forecastBoundary = forecastBoundary;
        _n = queries.Rows;
        _firstRank = new int[_n];
        _ap = new double[_n];
        _genuineOffset = new long[_n + 1];
        for (int i = 0; i < _n; i++)
        {
            _genuineOffset[i + 1] = _genuineOffset[i] + RelevantAfter(i).Length;
        }

        _genuine = new float[_genuineOffset[_n]];
        _impostorCount = ((long)_n * (_n - 1) / 2) - _genuine.LongLength;
        if (options.Impostors == ImpostorSampling.All)
        {
            if (_impostorCount <= exactImpostorLimit)
            {
                // Pooled: a study evaluates hundreds of cells of about the same size in a row.
                _impostors = System.Buffers.ArrayPool<float>.Shared.Rent((int)_impostorCount);
            }
            else
            {
                _streaming = true;
                _histogram = new long[ImpostorHistogram.Bins + 1];
            }
        }
    }

    /// <summary>Whether the streaming path had to score the upper triangle again (the forecast of the boundary bins missed).</summary>
    public bool SecondPassNeeded { get; private set; }

    public CellMetrics Run()
    {
        if (_streaming && _forecastBoundary)
        {
            _forecast = new BinRanges(BoundaryForecast.Windows(_queries, _gallery, _identities, _groups, _options.Kernels, _csls));
        }

        var states = new System.Collections.Concurrent.ConcurrentBag<RowState>();
        ScoreBlocks.Run(_queries, _gallery, upperOnly: false, _options.Kernels, Threads, () => Track(states, new RowState(_groups.LargestGroup, _streaming)), FirstPass, _csls);
        _keptBoundary = new float[states.Sum(s => s.Boundary.Count)];
        int filled = 0;
        foreach (RowState state in states)
        {
            Flush(state);
            state.Boundary.CopyTo(_keptBoundary, filled);
            filled += state.Boundary.Count;
            state.Boundary.Clear();
            state.Boundary.TrimExcess();
        }

        VerificationSummary verification = _options.Impostors == ImpostorSampling.Balanced
            ? ExactVerification.Summarise(_genuine, BalancedImpostors.Sample(_queries, _gallery, _identities, _genuine.Length, _options.Seed, csls: _csls), _binnedFrom)
            : _streaming ? StreamingSummary() : ExactVerification.Summarise(_genuine, _impostors.AsMemory(0, (int)_impostorCount), _binnedFrom);
        if (_impostors is not null)
        {
            System.Buffers.ArrayPool<float>.Shared.Return(_impostors);
        }

        return Metrics(verification);
    }

    /// <summary>Ranks query i without its own gallery image; rank 0 marks a query with no other image of its identity.</summary>
    private void RankLeavingOut(int i, ReadOnlySpan<float> row, RowState state)
    {
        int others = 0;
        foreach (int j in _groups.RelevantTo(i))
        {
            if (j != i)
            {
                state.Others[others++] = j;
            }
        }

        (_firstRank[i], _ap[i]) = others == 0
            ? (0, 0.0)
            : RankCounter.Rank(row, state.Others.AsSpan(0, others), state.Thresholds, state.Above, excludedColumn: i);
    }

    private static RowState Track(System.Collections.Concurrent.ConcurrentBag<RowState> states, RowState state)
    {
        states.Add(state);
        return state;
    }

    private int Threads => Math.Max(1, _options.MaxDegreeOfParallelism);

    private void FirstPass(int i, ReadOnlySpan<float> row, int firstColumn, RowState state)
    {
        if (_options.LeaveOneOut)
        {
            RankLeavingOut(i, row, state);
        }
        else
        {
            (_firstRank[i], _ap[i]) = RankCounter.Rank(row, _groups.RelevantTo(i), state.Thresholds, state.Above);
        }

        ReadOnlySpan<int> after = RelevantAfter(i);
        long g = _genuineOffset[i];
        foreach (int j in after)
        {
            _genuine[g++] = row[j];
        }

        if (_impostors is not null)
        {
            long offset = UpperOffset(i) - _genuineOffset[i];
            foreach ((int from, int to) in ImpostorSegments(i + 1, after))
            {
                row[from..to].CopyTo(_impostors.AsSpan((int)offset, to - from));
                offset += to - from;
            }
        }
        else if (_streaming)
        {
            foreach ((int from, int to) in ImpostorSegments(i + 1, after))
            {
                ImpostorHistogram.CountAndKeep(row[from..to], state.Histogram!, _forecast, state.Boundary);
                state.Increments += to - from;
            }

            if (state.Increments > int.MaxValue)
            {
                Flush(state);
            }
        }
    }

    private VerificationSummary StreamingSummary()
    {
        using var verification = new StreamingVerification(_histogram!, _genuine);
        IReadOnlyList<(int Low, int High)> ranges = verification.BoundaryBins();
        if (ranges.All(r => _forecast.Covers(r.Low, r.High)))
        {
            // The forecast held: the first pass already kept every boundary score.
            SecondPassNeeded = false;
            return verification.Summarise(_keptBoundary);
        }

        SecondPassNeeded = true;
        var boundary = new List<float>();
        if (ranges.Count > 0)
        {
            int lowest = ranges.Min(r => r.Low);
            int highest = ranges.Max(r => r.High);
            ScoreBlocks.Run(_queries, _gallery, upperOnly: true, _options.Kernels, Threads, () => new RowState(0, false), (i, row, firstColumn, state) =>
            {
                foreach ((int from, int to) in ImpostorSegments(i + 1, RelevantAfter(i)))
                {
                    foreach (float s in row[(from - firstColumn)..(to - firstColumn)])
                    {
                        int b = ImpostorHistogram.Bin(s);
                        if (b >= lowest && b <= highest && InRanges(b, ranges))
                        {
                            state.Boundary.Add(s);
                        }
                    }
                }

                lock (_lock)
                {
                    boundary.AddRange(state.Boundary);
                }

                state.Boundary.Clear();
            }, _csls);
        }

        return verification.Summarise(boundary.ToArray());
    }

    private static bool InRanges(int bin, IReadOnlyList<(int Low, int High)> ranges)
    {
        foreach ((int low, int high) in ranges)
        {
            if (bin >= low && bin <= high)
            {
                return true;
            }
        }

        return false;
    }

    private void Flush(RowState state)
    {
        if (state.Histogram is null || state.Increments == 0)
        {
            return;
        }

        lock (_lock)
        {
            uint[] h = state.Histogram;
            for (int b = 0; b < h.Length; b++)
            {
                _histogram![b] += h[b];
            }
        }

        Array.Clear(state.Histogram);
        state.Increments = 0;
    }

    private CellMetrics Metrics(VerificationSummary v)
    {
        int depth = Math.Max(10, _options.CmcDepth);
        long[] atRank = new long[depth + 1];
        double apSum = 0;
        int counted = 0;
        for (int i = 0; i < _n; i++)
        {
            if (_firstRank[i] == 0)
            {
                continue;
            }

            counted++;
            if (_firstRank[i] <= depth)
            {
                atRank[_firstRank[i]]++;
            }

            apSum += _ap[i];
        }

        double[] cmc = new double[depth];
        long cumulative = 0;
        for (int k = 1; k <= depth; k++)
        {
            cumulative += atRank[k];
            cmc[k - 1] = counted == 0 ? double.NaN : 100.0 * cumulative / counted;
        }

        return new CellMetrics
        {
            Rank1 = MetricCatalogue.Rank1.FromCmc(cmc),
            Rank5 = MetricCatalogue.Rank5.FromCmc(cmc),
            Rank10 = MetricCatalogue.Rank10.FromCmc(cmc),
            MeanAveragePrecision = counted == 0 ? double.NaN : apSum / counted,
            Auc = v.Auc,
            Eer = v.Eer,
            TmrAtFmr1 = v.TmrAtFmr1,
            TmrAtFmr01 = v.TmrAtFmr01,
            Genuine = _genuine.LongLength,
            Impostor = _options.Impostors == ImpostorSampling.Balanced ? Math.Min(_genuine.LongLength, _impostorCount) : _impostorCount,
            TestImages = _n,
            TestIdentities = _groups.GroupCount,
            Cmc = cmc[..Math.Max(1, _options.CmcDepth)],
            Roc = _csls is null ? v.Roc : v.Roc.Select(p => p with { Threshold = CslsScores.Unscale(p.Threshold) }).ToArray(),
            Queries = _options.KeepQueryOutcomes
                ? Enumerable.Range(0, _n).Where(i => _firstRank[i] > 0).Select(i => new QueryOutcome(_identities[i].ToString(CultureInfo.InvariantCulture), _firstRank[i], _ap[i])).ToArray()
                : null,
        };
    }

    /// <summary>Relevant rows j &gt; i (the genuine partners of i in pairs i &lt; j).</summary>
    private ReadOnlySpan<int> RelevantAfter(int i)
    {
        ReadOnlySpan<int> relevant = _groups.RelevantTo(i);
        int k = relevant.IndexOf(i);
        return relevant[(k + 1)..];
    }

    /// <summary>Index of pair (i, i+1) in the row-major upper triangle.</summary>
    private long UpperOffset(int i) => ((long)i * (_n - 1)) - ((long)i * (i - 1) / 2);

    /// <summary>Column ranges [from, to) of columns &gt;= start that are not genuine partners.</summary>
    private List<(int From, int To)> ImpostorSegments(int start, ReadOnlySpan<int> genuineAfter)
    {
        var segments = new List<(int, int)>(genuineAfter.Length + 1);
        int from = start;
        foreach (int j in genuineAfter)
        {
            if (j > from)
            {
                segments.Add((from, j));
            }

            from = j + 1;
        }

        if (from < _n)
        {
            segments.Add((from, _n));
        }

        return segments;
    }

    private sealed class RowState
    {
        public RowState(int largestGroup, bool histogram)
        {
            Thresholds = new float[Math.Max(1, largestGroup)];
            Above = new long[Math.Max(1, largestGroup) + 1];
            Others = new int[Math.Max(1, largestGroup)];
            Histogram = histogram ? new uint[ImpostorHistogram.Bins + 1] : null;
        }

        public float[] Thresholds { get; }

        public long[] Above { get; }

        /// <summary>Scratch for the relevant rows other than the query (leave-one-out).</summary>
        public int[] Others { get; }

        public uint[]? Histogram { get; }

        public long Increments { get; set; }

        public List<float> Boundary { get; } = [];
    }
}
