namespace FaceCompat.Evaluation;

internal readonly ref partial struct ThresholdSweep
{
    /// <summary>
    /// AUC, EER, TMR at FMR 1% and 0.1% and the ROC points in one walk over the whole range,
    /// each defined exactly as its own walk (<see cref="Eer"/>, <see cref="TmrAtFmr"/>,
    /// <see cref="Roc"/>, <see cref="ExactVerification.Auc"/>) defines it.
    /// </summary>
    public VerificationSummary Summary()
    {
        double bestGap = double.PositiveInfinity;
        double eer = double.NaN;
        double? tmr1 = null;
        double? tmr01 = null;
        var points = new List<RocPoint>();
        double lastFmr = double.PositiveInfinity;
        double lastFnmr = double.NegativeInfinity;
        long below = 0;
        long ties = 0;
        int gi = _genuineStart;
        int ii = 0;
        while (gi < _genuineEnd || ii < _impostors.Length)
        {
            float t = Next(gi, ii);
            (double fmr, double fnmr) = Rates(gi, ii);
            double gap = Math.Abs(fmr - fnmr);
            if (gap < bestGap)
            {
                bestGap = gap;
                eer = 100.0 * (fmr + fnmr) / 2.0;
            }

            if (tmr1 is null && fmr <= 0.01)
            {
                tmr1 = 100.0 * (1.0 - fnmr);
            }

            if (tmr01 is null && fmr <= 0.001)
            {
                tmr01 = 100.0 * (1.0 - fnmr);
            }

            if (fmr < lastFmr / 1.02 || fnmr > lastFnmr + 0.002 || points.Count == 0)
            {
                points.Add(new RocPoint(t, fmr, fnmr));
                lastFmr = fmr;
                lastFnmr = fnmr;
            }

            int impostorsBelow = ii;
            int genuineBefore = gi;
            Advance(t, ref gi, ref ii);
            long equalGenuine = gi - genuineBefore;
            below += equalGenuine * impostorsBelow;
            ties += equalGenuine * (ii - impostorsBelow);
        }

        points.Reverse();
        double pairs = (double)(_genuineEnd - _genuineStart) * _impostors.Length;
        double auc = pairs == 0 ? double.NaN : (below + (0.5 * ties)) / pairs;
        return new VerificationSummary(auc, eer, tmr1 ?? 0.0, tmr01 ?? 0.0, points.ToArray());
    }
}
