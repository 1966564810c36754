namespace FaceCompat.Evaluation;

/// <summary>
/// Verification metrics from sorted genuine and impostor scores by binary search instead of a walk
/// over every distinct threshold. Each answer is the walk's answer (<see cref="ThresholdSweep"/>):
/// over the ascending distinct thresholds, FMR - FNMR strictly decreases and the ROC thinning
/// conditions are monotone, so "the first threshold where P holds" is the smaller of the first
/// impostor score and the first genuine score where P holds, each found by bisection.
/// </summary>
internal sealed class SortedVerification
{
    private readonly ReadOnlyMemory<float> _genuineScores;
    private readonly ReadOnlyMemory<float> _impostorScores;

    /// <param name="genuine">Genuine scores, ascending.</param>
    /// <param name="impostors">Impostor scores, ascending.</param>
    public SortedVerification(ReadOnlyMemory<float> genuine, ReadOnlyMemory<float> impostors)
    {
        _genuineScores = genuine;
        _impostorScores = impostors;
    }

    private ReadOnlySpan<float> Genuine => _genuineScores.Span;

    private ReadOnlySpan<float> Impostors => _impostorScores.Span;

    public VerificationSummary Summary()
    {
        if (Genuine.IsEmpty && Impostors.IsEmpty)
        {
            return new VerificationSummary(double.NaN, double.NaN, 0.0, 0.0, []);
        }

        return new VerificationSummary(Auc(), Eer(), Tmr(0.01), Tmr(0.001), Roc());
    }

    private double Fmr(float t) => (double)(Impostors.Length - SortedSearch.LowerBound(Impostors, t)) / Impostors.Length;

    private double Fnmr(float t) => (double)SortedSearch.LowerBound(Genuine, t) / Genuine.Length;

    private double Auc()
    {
        if (Genuine.IsEmpty || Impostors.IsEmpty)
        {
            return double.NaN;
        }

        long below = 0;
        long ties = 0;
        int g = 0;
        while (g < Genuine.Length)
        {
            float value = Genuine[g];
            int run = SortedSearch.UpperBound(Genuine, value) - g;
            int lower = SortedSearch.LowerBound(Impostors, value);
            below += (long)run * lower;
            ties += (long)run * (SortedSearch.UpperBound(Impostors, value) - lower);
            g += run;
        }

        return (below + (0.5 * ties)) / ((double)Genuine.Length * Impostors.Length);
    }

    private double Eer()
    {
        // d(t) = FMR - FNMR strictly decreases over the thresholds: the smallest |d| is at the first
        // threshold with d <= 0 or at the one before it (the earlier one on a tie, as the walk keeps).
        float? crossing = First(t => Fmr(t) - Fnmr(t) <= 0);
        float? before = crossing is float c ? Last(c) : Max();
        double best = double.PositiveInfinity;
        double eer = double.NaN;
        foreach (float? t in new[] { before, crossing })
        {
            if (t is float value)
            {
                double fmr = Fmr(value), fnmr = Fnmr(value);
                if (Math.Abs(fmr - fnmr) < best)
                {
                    best = Math.Abs(fmr - fnmr);
                    eer = 100.0 * (fmr + fnmr) / 2.0;
                }
            }
        }

        return eer;
    }

    private double Tmr(double fmrLimit) =>
        First(t => Fmr(t) <= fmrLimit) is float t ? 100.0 * (1.0 - Fnmr(t)) : 0.0;

    private RocPoint[] Roc()
    {
        var points = new List<RocPoint>();
        float? next = Min();
        while (next is float t)
        {
            double fmr = Fmr(t), fnmr = Fnmr(t);
            points.Add(new RocPoint(t, fmr, fnmr));
            double fmrBelow = fmr / 1.02, fnmrAbove = fnmr + 0.002;
            next = First(s => s > t && (Fmr(s) < fmrBelow || Fnmr(s) > fnmrAbove));
        }

        points.Reverse();
        return points.ToArray();
    }

    /// <summary>The smallest score of either side for which a monotone (false, then true) predicate holds.</summary>
    private float? First(Func<float, bool> holds)
    {
        float? a = FirstIn(Impostors, holds);
        float? b = FirstIn(Genuine, holds);
        return a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
    }

    private static float? FirstIn(ReadOnlySpan<float> sorted, Func<float, bool> holds)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (holds(sorted[mid]))
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo < sorted.Length ? sorted[lo] : null;
    }

    /// <summary>The largest score of either side below t.</summary>
    private float? Last(float t)
    {
        int i = SortedSearch.LowerBound(Impostors, t), g = SortedSearch.LowerBound(Genuine, t);
        float? a = i > 0 ? Impostors[i - 1] : null;
        float? b = g > 0 ? Genuine[g - 1] : null;
        return a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
    }

    private float? Min() => Impostors.IsEmpty ? Genuine[0] : Genuine.IsEmpty ? Impostors[0] : Math.Min(Genuine[0], Impostors[0]);

    private float? Max() => Impostors.IsEmpty ? Genuine[^1] : Genuine.IsEmpty ? Impostors[^1] : Math.Max(Genuine[^1], Impostors[^1]);
}
