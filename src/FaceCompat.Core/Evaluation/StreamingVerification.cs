using System.Buffers;

namespace FaceCompat.Evaluation;

/// <summary>
/// Verification from the impostor histogram (<see cref="ImpostorHistogram"/> bins) and the exact
/// genuine scores, with the threshold metrics made exact by the impostor scores of a few boundary
/// bins.
/// <para>
/// EER and TMR@FMR are exact (PROTOCOL.md definitions): FMR - FNMR is strictly decreasing over the
/// distinct thresholds, so the EER threshold sits where it changes sign, and the first threshold
/// with FMR &lt;= x sits in the last bin whose upper tail still exceeds x or the next non-empty bin;
/// those bins are resolved exactly. AUC is exact when the impostor scores of every bin that holds a
/// genuine score are supplied too (the held path); otherwise impostors in a genuine score's own bin
/// count as half (ties), an error of at most half the share of (genuine, impostor) pairs sharing a
/// bin, which <see cref="AucTieShare"/> reports (typically below 1e-6). ROC points are taken at bin
/// edges, where FMR and FNMR are both exact.
/// </para>
/// <para>The per-bin tables (about 12 MB) come from the shared array pool: dispose to return them.</para>
/// </summary>
internal sealed class StreamingVerification : IDisposable
{
    private const int Bins = ImpostorHistogram.Bins;

    private readonly float[] _genuine;
    private readonly int[] _genuineBins;

    /// <summary>atLeast[b] = impostors in real bins &gt;= b, for b in 0..Bins (atLeast[Bins] = 0: the discard bin is not counted).</summary>
    private readonly long[] _atLeast;

    /// <summary>genuineBelow[b] = genuine scores in bins &lt; b, for b in 0..Bins.</summary>
    private readonly int[] _genuineBelow;
    private readonly long _impostorTotal;

    /// <param name="counts">Impostors per bin, length Bins + 1 (the last is the discard bin).</param>
    /// <param name="genuine">Every genuine score; sorted in place.</param>
    public StreamingVerification(ReadOnlySpan<long> counts, float[] genuine)
        : this(genuine)
    {
        for (int b = Bins - 1; b >= 0; b--)
        {
            _atLeast[b] = _atLeast[b + 1] + counts[b];
        }

        _impostorTotal = _atLeast[0];
    }

    /// <inheritdoc cref="StreamingVerification(ReadOnlySpan{long}, float[])"/>
    public StreamingVerification(ReadOnlySpan<uint> counts, float[] genuine)
        : this(genuine)
    {
        for (int b = Bins - 1; b >= 0; b--)
        {
            _atLeast[b] = _atLeast[b + 1] + counts[b];
        }

        _impostorTotal = _atLeast[0];
    }

    private StreamingVerification(float[] genuine)
    {
        FloatRadixSort.Sort(genuine);
        _genuine = genuine;
        _genuineBins = new int[genuine.Length];
        for (int k = 0; k < genuine.Length; k++)
        {
            _genuineBins[k] = ImpostorHistogram.Bin(genuine[k]);
        }

        _atLeast = ArrayPool<long>.Shared.Rent(Bins + 1);
        _atLeast[Bins] = 0;
        _genuineBelow = ArrayPool<int>.Shared.Rent(Bins + 1);
        int gi = 0;
        for (int b = 0; b <= Bins; b++)
        {
            while (gi < _genuineBins.Length && _genuineBins[gi] < b)
            {
                gi++;
            }

            _genuineBelow[b] = gi;
        }
    }

    public long ImpostorTotal => _impostorTotal;

    public double AucTieShare { get; private set; }

    /// <summary>Bins holding at least one genuine score, ascending, each once.</summary>
    public IEnumerable<int> GenuineBins()
    {
        for (int k = 0; k < _genuineBins.Length; k++)
        {
            if (k == 0 || _genuineBins[k] != _genuineBins[k - 1])
            {
                yield return _genuineBins[k];
            }
        }
    }

    /// <summary>The bin ranges whose impostor scores the exact threshold metrics need (inclusive bounds).</summary>
    public IReadOnlyList<(int Low, int High)> BoundaryBins()
    {
        var ranges = new List<(int, int)>();
        if (_genuine.Length == 0 || _impostorTotal == 0)
        {
            return ranges;
        }

        ranges.Add(EerWindow());
        ranges.Add(TmrWindow(0.01));
        ranges.Add(TmrWindow(0.001));
        return ranges;
    }

    /// <param name="keptImpostors">
    /// Every impostor score whose bin is in <see cref="BoundaryBins"/>, and possibly others; with
    /// <paramref name="exactAuc"/>, also every impostor score in a bin of <see cref="GenuineBins"/>.
    /// Sorted in place.
    /// </param>
    public VerificationSummary Summarise(Span<float> keptImpostors, bool exactAuc = false)
    {
        if (_genuine.Length == 0 || _impostorTotal == 0)
        {
            return new VerificationSummary(double.NaN, double.NaN, double.NaN, double.NaN, []);
        }

        FloatRadixSort.Sort(keptImpostors);
        double eer = Sweep(EerWindow(), keptImpostors).Eer();
        double tmr1 = Tmr(0.01, keptImpostors);
        double tmr01 = Tmr(0.001, keptImpostors);
        return new VerificationSummary(exactAuc ? ExactAuc(keptImpostors) : Auc(), eer, tmr1, tmr01, Roc());
    }

    public void Dispose()
    {
        ArrayPool<long>.Shared.Return(_atLeast);
        ArrayPool<int>.Shared.Return(_genuineBelow);
    }

    private long Count(int b) => _atLeast[b] - _atLeast[b + 1];

    private double Tmr(double fmr, ReadOnlySpan<float> keptImpostors)
    {
        (int low, int high) = TmrWindow(fmr);
        return Sweep((low, high), keptImpostors).TmrAtFmr(fmr) ?? 0.0;
    }

    private ThresholdSweep Sweep((int Low, int High) window, ReadOnlySpan<float> keptImpostors)
    {
        int from = LowerBoundByBin(keptImpostors, window.Low);
        int to = LowerBoundByBin(keptImpostors, window.High + 1);
        return new ThresholdSweep(
            _genuine,
            _genuineBelow[window.Low],
            _genuineBelow[window.High + 1],
            keptImpostors[from..to],
            _atLeast[window.High + 1],
            _impostorTotal);
    }

    /// <summary>[previous non-empty bin, next non-empty bin] around the first bin where FMR - FNMR can reach 0.</summary>
    private (int, int) EerWindow()
    {
        double g = _genuine.Length;
        double i = _impostorTotal;
        int crossing = -1;
        for (int b = 0; b < Bins; b++)
        {
            if (!NonEmpty(b))
            {
                continue;
            }

            // Lowest FMR - FNMR any threshold in bin b can have.
            double lowest = (_atLeast[b + 1] / i) - (_genuineBelow[b + 1] / g);
            if (lowest <= 0)
            {
                crossing = b;
                break;
            }
        }

        if (crossing < 0)
        {
            crossing = PreviousNonEmpty(Bins);
        }

        return (PreviousNonEmpty(crossing), NextNonEmpty(crossing));
    }

    /// <summary>[last bin whose upper tail exceeds x, next non-empty bin].</summary>
    private (int, int) TmrWindow(double fmr)
    {
        int last = -1;
        for (int b = 0; b < Bins; b++)
        {
            if (_atLeast[b] / (double)_impostorTotal > fmr)
            {
                last = b;
            }
            else
            {
                break;
            }
        }

        if (last < 0)
        {
            int first = NextNonEmpty(-1);
            return (first, first);
        }

        return (last, NextNonEmpty(last));
    }

    /// <summary>Impostors in a genuine score's own bin count as ties (half).</summary>
    private double Auc()
    {
        double below = 0;
        double ties = 0;
        long tieMass = 0;
        foreach (int gb in _genuineBins)
        {
            below += _impostorTotal - _atLeast[gb];
            ties += 0.5 * Count(gb);
            tieMass += Count(gb);
        }

        double pairs = (double)_genuine.Length * _impostorTotal;
        AucTieShare = tieMass / pairs;
        return (below + ties) / pairs;
    }

    /// <summary>Exact AUC: impostors in lower bins are below; those in the genuine score's own bin are compared one by one (held, sorted).</summary>
    private double ExactAuc(ReadOnlySpan<float> keptImpostors)
    {
        long below = 0;
        long ties = 0;
        int binStart = 0;
        int currentBin = -1;
        for (int k = 0; k < _genuine.Length; k++)
        {
            int gb = _genuineBins[k];
            if (gb != currentBin)
            {
                currentBin = gb;
                binStart = LowerBoundByBin(keptImpostors, gb);
            }

            float g = _genuine[k];
            int lower = SortedSearch.LowerBound(keptImpostors, g);
            int upper = SortedSearch.UpperBound(keptImpostors, g);
            below += _impostorTotal - _atLeast[gb] + (lower - binStart);
            ties += upper - lower;
        }

        AucTieShare = 0;
        return (below + (0.5 * ties)) / ((double)_genuine.Length * _impostorTotal);
    }

    private RocPoint[] Roc()
    {
        var points = new List<RocPoint>();
        double lastFmr = double.PositiveInfinity;
        double lastFnmr = double.NegativeInfinity;
        for (int b = 0; b < Bins; b++)
        {
            if (!NonEmpty(b))
            {
                continue;
            }

            double fmr = _atLeast[b] / (double)_impostorTotal;
            double fnmr = _genuineBelow[b] / (double)_genuine.Length;
            if (fmr < lastFmr / 1.02 || fnmr > lastFnmr + 0.002 || points.Count == 0)
            {
                double threshold = (b / (double)Bins * 2 * 1.001) - 1.001;
                points.Add(new RocPoint(threshold, fmr, fnmr));
                lastFmr = fmr;
                lastFnmr = fnmr;
            }
        }

        points.Reverse();
        return points.ToArray();
    }

    private bool NonEmpty(int b) => Count(b) > 0 || _genuineBelow[b + 1] > _genuineBelow[b];

    private int PreviousNonEmpty(int b)
    {
        for (int p = b - 1; p >= 0; p--)
        {
            if (NonEmpty(p))
            {
                return p;
            }
        }

        return Math.Max(b, 0);
    }

    private int NextNonEmpty(int b)
    {
        for (int n = b + 1; n < Bins; n++)
        {
            if (NonEmpty(n))
            {
                return n;
            }
        }

        return Math.Max(b, 0);
    }

    private static int LowerBoundByBin(ReadOnlySpan<float> sortedScores, int bin)
    {
        int lo = 0, hi = sortedScores.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (ImpostorHistogram.Bin(sortedScores[mid]) < bin)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
