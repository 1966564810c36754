using System.Buffers;

namespace FaceCompat.Evaluation;

/// <summary>
/// Verification metrics from every genuine and impostor score, held (cells up to
/// <see cref="CrossModelEvaluator"/>'s exact limit, balanced sampling). Few impostors are sorted and
/// summarised by bisection (<see cref="SortedVerification"/>); many are binned instead of sorted: one
/// pass counts every impostor into <see cref="ImpostorHistogram"/> bins and keeps those that share a
/// bin with a genuine score (exact AUC), a second pass only when a boundary bin of the EER or
/// TMR@FMR thresholds was not kept already, then <see cref="StreamingVerification"/> resolves every
/// metric exactly from the kept scores.
/// </summary>
internal static class ExactVerification
{
    /// <summary>From this many impostor scores on, binning beats sorting them all.</summary>
    public const int BinnedFrom = 1 << 18;

    private const int Bins = ImpostorHistogram.Bins;

    /// <param name="genuine">Every genuine score (reordered).</param>
    /// <param name="impostors">Every impostor score (reordered when sorted).</param>
    /// <param name="binnedFrom">Impostor count from which to bin instead of sort.</param>
    public static VerificationSummary Summarise(float[] genuine, Memory<float> impostors, int binnedFrom = BinnedFrom)
    {
        if (impostors.Length >= binnedFrom && genuine.Length > 0 && TryBinned(genuine, impostors.Span, out VerificationSummary summary))
        {
            return summary;
        }

        FloatRadixSort.Sort(genuine);
        FloatRadixSort.Sort(impostors.Span);
        return new SortedVerification(genuine, impostors).Summary();
    }

    /// <summary>False when a score lies outside the bins' range (cosines never do): then the caller sorts.</summary>
    private static bool TryBinned(float[] genuine, ReadOnlySpan<float> impostors, out VerificationSummary summary)
    {
        summary = default;
        byte[] marked = ArrayPool<byte>.Shared.Rent(Bins + 1);
        uint[] counts = ArrayPool<uint>.Shared.Rent(Bins + 1);
        float[] kept = ArrayPool<float>.Shared.Rent(impostors.Length);
        try
        {
            Array.Clear(marked, 0, Bins + 1);
            Array.Clear(counts, 0, Bins + 1);
            foreach (float g in genuine)
            {
                marked[ImpostorHistogram.Bin(g)] = 1;
            }

            int filled = ImpostorHistogram.CountAndKeepMarked(impostors, counts, marked, kept);
            if (marked[ImpostorHistogram.Discard] != 0 || counts[ImpostorHistogram.Discard] != 0)
            {
                return false;
            }
            using var verification = new StreamingVerification(counts.AsSpan(0, Bins + 1), genuine);
            // Boundary bins not kept yet (no genuine score in them): marked 2, kept by a second pass.
            int lowest = int.MaxValue, highest = int.MinValue;
            foreach ((int low, int high) in verification.BoundaryBins())
            {
                for (int b = low; b <= high; b++)
                {
                    if (marked[b] == 0)
                    {
                        marked[b] = 2;
                        lowest = Math.Min(lowest, b);
                        highest = Math.Max(highest, b);
                    }
                }
            }

            if (lowest <= highest)
            {
                filled = ImpostorHistogram.KeepMarked(impostors, marked, 2, lowest, highest, kept, filled);
            }

            summary = verification.Summarise(kept.AsSpan(0, filled), exactAuc: true);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(marked);
            ArrayPool<uint>.Shared.Return(counts);
            ArrayPool<float>.Shared.Return(kept);
        }
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
