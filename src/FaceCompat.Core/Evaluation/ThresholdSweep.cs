namespace FaceCompat.Evaluation;

/// <summary>
/// Walks the distinct score thresholds of a region in ascending order (PROTOCOL.md, Verification:
/// accept when score &gt;= t; thresholds are the distinct scores). A region is a contiguous score
/// range whose genuine and impostor scores are known exactly; impostors above the region are
/// known by count. With the whole range as region this is the exact computation.
/// </summary>
internal readonly ref struct ThresholdSweep
{
    private readonly ReadOnlySpan<float> _genuine;
    private readonly int _genuineStart;
    private readonly int _genuineEnd;
    private readonly ReadOnlySpan<float> _impostors;
    private readonly long _impostorsAbove;
    private readonly double _genuineTotal;
    private readonly double _impostorTotal;

    /// <param name="genuine">All genuine scores, ascending.</param>
    /// <param name="genuineStart">Index of the first genuine score inside the region.</param>
    /// <param name="genuineEnd">One past the last genuine score inside the region.</param>
    /// <param name="impostors">The impostor scores inside the region, ascending.</param>
    /// <param name="impostorsAbove">Number of impostor scores above the region.</param>
    /// <param name="impostorTotal">Number of impostor scores in all.</param>
    public ThresholdSweep(ReadOnlySpan<float> genuine, int genuineStart, int genuineEnd, ReadOnlySpan<float> impostors, long impostorsAbove, long impostorTotal)
    {
        _genuine = genuine;
        _genuineStart = genuineStart;
        _genuineEnd = genuineEnd;
        _impostors = impostors;
        _impostorsAbove = impostorsAbove;
        _genuineTotal = genuine.Length;
        _impostorTotal = impostorTotal;
    }

    public static ThresholdSweep Whole(ReadOnlySpan<float> genuine, ReadOnlySpan<float> impostors) =>
        new(genuine, 0, genuine.Length, impostors, 0, impostors.Length);

    /// <summary>
    /// EER (%): (FMR + FNMR) / 2 at the first (lowest) threshold minimising |FMR - FNMR|, or NaN
    /// when the region holds no threshold.
    /// </summary>
    public double Eer()
    {
        double best = double.PositiveInfinity;
        double eer = double.NaN;
        int gi = _genuineStart;
        int ii = 0;
        while (gi < _genuineEnd || ii < _impostors.Length)
        {
            float t = Next(gi, ii);
            (double fmr, double fnmr) = Rates(gi, ii);
            double gap = Math.Abs(fmr - fnmr);
            if (gap < best)
            {
                best = gap;
                eer = 100.0 * (fmr + fnmr) / 2.0;
            }

            Advance(t, ref gi, ref ii);
        }

        return eer;
    }

    /// <summary>TMR (%) = 1 - FNMR at the smallest threshold with FMR &lt;= <paramref name="fmrLimit"/>; null when none in the region.</summary>
    public double? TmrAtFmr(double fmrLimit)
    {
        int gi = _genuineStart;
        int ii = 0;
        while (gi < _genuineEnd || ii < _impostors.Length)
        {
            float t = Next(gi, ii);
            (double fmr, double fnmr) = Rates(gi, ii);
            if (fmr <= fmrLimit)
            {
                return 100.0 * (1.0 - fnmr);
            }

            Advance(t, ref gi, ref ii);
        }

        return null;
    }

    /// <summary>Operating points thinned for plotting (FMR ascending): a point whenever FMR fell by 2% or FNMR rose by 0.002.</summary>
    public List<RocPoint> Roc()
    {
        var points = new List<RocPoint>();
        double lastFmr = double.PositiveInfinity;
        double lastFnmr = double.NegativeInfinity;
        int gi = _genuineStart;
        int ii = 0;
        while (gi < _genuineEnd || ii < _impostors.Length)
        {
            float t = Next(gi, ii);
            (double fmr, double fnmr) = Rates(gi, ii);
            if (fmr < lastFmr / 1.02 || fnmr > lastFnmr + 0.002 || points.Count == 0)
            {
                points.Add(new RocPoint(t, fmr, fnmr));
                lastFmr = fmr;
                lastFnmr = fnmr;
            }

            Advance(t, ref gi, ref ii);
        }

        points.Reverse();
        return points;
    }

    private float Next(int gi, int ii) =>
        gi < _genuineEnd && (ii >= _impostors.Length || _genuine[gi] <= _impostors[ii]) ? _genuine[gi] : _impostors[ii];

    /// <summary>At threshold t with gi genuine and ii region impostors below it.</summary>
    private (double Fmr, double Fnmr) Rates(int gi, int ii) =>
        ((_impostorsAbove + (_impostors.Length - ii)) / _impostorTotal, gi / _genuineTotal);

    private void Advance(float t, ref int gi, ref int ii)
    {
        while (gi < _genuineEnd && _genuine[gi] == t)
        {
            gi++;
        }

        while (ii < _impostors.Length && _impostors[ii] == t)
        {
            ii++;
        }
    }
}
