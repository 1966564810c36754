namespace FaceCompat.Evaluation;

/// <summary>
/// Verification from the impostor histogram and the exact genuine scores, with the threshold
/// metrics made exact by a second pass that collects the impostor scores of a few boundary bins.
/// <para>
/// EER and TMR@FMR are exact (PROTOCOL.md definitions): FMR - FNMR is strictly decreasing over the
/// distinct thresholds, so the EER threshold sits where it changes sign, and the first threshold
/// with FMR &lt;= x sits in the last bin whose upper tail still exceeds x or the next non-empty bin;
/// those bins are resolved exactly. AUC counts impostors in a genuine score's own bin as half
/// (ties): its error is at most half the share of (genuine, impostor) pairs sharing a bin, which
/// <see cref="AucTieShare"/> reports (typically below 1e-6).
/// </para>
/// </summary>
internal sealed class StreamingVerification
{
    private readonly long[] _counts;
    private readonly float[] _genuine;
    private readonly int[] _genuineBins;
    private readonly long[] _atLeast;
    private readonly long _impostorTotal;

    public StreamingVerification(long[] counts, float[] genuine)
    {
        _counts = counts;
        FloatRadixSort.Sort(genuine);
        _genuine = genuine;
        _genuineBins = genuine.Select(ImpostorHistogram.Bin).ToArray();
        _atLeast = new long[ImpostorHistogram.Bins + 1];
        for (int b = ImpostorHistogram.Bins - 1; b >= 0; b--)
        {
            _atLeast[b] = _atLeast[b + 1] + counts[b];
        }

        _impostorTotal = _atLeast[0];
    }

    public long ImpostorTotal => _impostorTotal;

    public double AucTieShare { get; private set; }

    /// <summary>The bin ranges whose impostor scores the exact metrics need (inclusive bounds).</summary>
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

    /// <param name="boundaryImpostors">Every impostor score whose bin is in <see cref="BoundaryBins"/>.</param>
    public VerificationSummary Summarise(float[] boundaryImpostors)
    {
        if (_genuine.Length == 0 || _impostorTotal == 0)
        {
            return new VerificationSummary(double.NaN, double.NaN, double.NaN, double.NaN, []);
        }

        FloatRadixSort.Sort(boundaryImpostors);
        double eer = Sweep(EerWindow(), boundaryImpostors).Eer();
        double tmr1 = Tmr(0.01, boundaryImpostors);
        double tmr01 = Tmr(0.001, boundaryImpostors);
        return new VerificationSummary(Auc(), eer, tmr1, tmr01, Roc());
    }

    private double Tmr(double fmr, float[] boundaryImpostors)
    {
        (int low, int high) = TmrWindow(fmr);
        return Sweep((low, high), boundaryImpostors).TmrAtFmr(fmr) ?? 0.0;
    }

    private ThresholdSweep Sweep((int Low, int High) window, float[] boundaryImpostors)
    {
        int from = LowerBoundByBin(boundaryImpostors, window.Low);
        int to = LowerBoundByBin(boundaryImpostors, window.High + 1);
        return new ThresholdSweep(
            _genuine,
            LowerBound(_genuineBins, window.Low),
            LowerBound(_genuineBins, window.High + 1),
            boundaryImpostors.AsSpan(from, to - from),
            _atLeast[window.High + 1],
            _impostorTotal);
    }

    /// <summary>[previous non-empty bin, next non-empty bin] around the first bin where FMR - FNMR can reach 0.</summary>
    private (int, int) EerWindow()
    {
        double g = _genuine.Length;
        double i = _impostorTotal;
        int crossing = -1;
        for (int b = 0; b < ImpostorHistogram.Bins; b++)
        {
            if (!NonEmpty(b))
            {
                continue;
            }

            // Lowest FMR - FNMR any threshold in bin b can have.
            double lowest = (_atLeast[b + 1] / i) - (LowerBound(_genuineBins, b + 1) / g);
            if (lowest <= 0)
            {
                crossing = b;
                break;
            }
        }

        if (crossing < 0)
        {
            crossing = PreviousNonEmpty(ImpostorHistogram.Bins);
        }

        return (PreviousNonEmpty(crossing), NextNonEmpty(crossing));
    }

    /// <summary>[last bin whose upper tail exceeds x, next non-empty bin].</summary>
    private (int, int) TmrWindow(double fmr)
    {
        int last = -1;
        for (int b = 0; b < ImpostorHistogram.Bins; b++)
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

    private double Auc()
    {
        double below = 0;
        double ties = 0;
        long tieMass = 0;
        long running = 0;
        int bin = 0;
        foreach (int gb in _genuineBins)
        {
            while (bin < gb)
            {
                running += _counts[bin++];
            }

            below += running;
            ties += 0.5 * _counts[gb];
            tieMass += _counts[gb];
        }

        double pairs = (double)_genuine.Length * _impostorTotal;
        AucTieShare = tieMass / pairs;
        return (below + ties) / pairs;
    }

    private RocPoint[] Roc()
    {
        var points = new List<RocPoint>();
        double lastFmr = double.PositiveInfinity;
        double lastFnmr = double.NegativeInfinity;
        int gi = 0;
        for (int b = 0; b < ImpostorHistogram.Bins; b++)
        {
            if (!NonEmpty(b))
            {
                continue;
            }

            while (gi < _genuineBins.Length && _genuineBins[gi] < b)
            {
                gi++;
            }

            double fmr = _atLeast[b] / (double)_impostorTotal;
            double fnmr = gi / (double)_genuine.Length;
            if (fmr < lastFmr / 1.02 || fnmr > lastFnmr + 0.002 || points.Count == 0)
            {
                double threshold = (b / (double)ImpostorHistogram.Bins * 2 * 1.001) - 1.001;
                points.Add(new RocPoint(threshold, fmr, fnmr));
                lastFmr = fmr;
                lastFnmr = fnmr;
            }
        }

        points.Reverse();
        return points.ToArray();
    }

    private bool NonEmpty(int b) => _counts[b] > 0 || HasGenuine(b);

    private bool HasGenuine(int b)
    {
        int k = LowerBound(_genuineBins, b);
        return k < _genuineBins.Length && _genuineBins[k] == b;
    }

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
        for (int n = b + 1; n < ImpostorHistogram.Bins; n++)
        {
            if (NonEmpty(n))
            {
                return n;
            }
        }

        return Math.Max(b, 0);
    }

    private static int LowerBound(int[] sorted, int value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
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

    private static int LowerBoundByBin(float[] sortedScores, int bin)
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
