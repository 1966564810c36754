namespace FaceCompat.Evaluation;

/// <summary>Verification metrics from every genuine and impostor score, held and sorted (small cells, balanced sampling).</summary>
internal static class ExactVerification
{
    public static VerificationSummary Summarise(Memory<float> genuine, Memory<float> impostors)
    {
        FloatRadixSort.Sort(genuine.Span);
        FloatRadixSort.Sort(impostors.Span);
        return new SortedVerification(genuine, impostors).Summary();
    }

    public static double Auc(ReadOnlySpan<float> genuine, ReadOnlySpan<float> impostors)
    {
        if (genuine.IsEmpty || impostors.IsEmpty)
        {
            return double.NaN;
        }

        long below = 0;
        long ties = 0;
        int lt = 0;
        int le = 0;
        foreach (float g in genuine)
        {
            while (lt < impostors.Length && impostors[lt] < g)
            {
                lt++;
            }

            if (le < lt)
            {
                le = lt;
            }

            while (le < impostors.Length && impostors[le] <= g)
            {
                le++;
            }

            below += lt;
            ties += le - lt;
        }

        return (below + (0.5 * ties)) / ((double)genuine.Length * impostors.Length);
    }
}

/// <summary>The verification numbers of a cell: AUC (0..1), EER and TMRs (%), ROC points.</summary>
internal readonly record struct VerificationSummary(double Auc, double Eer, double TmrAtFmr1, double TmrAtFmr01, RocPoint[] Roc);
