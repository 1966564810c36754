using FaceCompat.Data;

namespace FaceCompat.Evaluation;

/// <summary>
/// Predicts, before the pass over all pairs, which score bins will hold the EER and TMR@FMR
/// thresholds, so that the pass can keep those bins' impostor scores and no second pass is
/// needed. Genuine scores are computed exactly (they are few); the impostor distribution is
/// estimated from a uniform sample of impostor pairs, and each window spans the sample quantiles
/// six standard deviations either side of the target rank. A forecast can miss: the caller checks
/// the bins it really needs and makes the second pass only then.
/// </summary>
internal static class BoundaryForecast
{
    private const int SampleSize = 2_000_000;
    private const double Sigmas = 6;

    public static List<(int Low, int High)> Windows(Matrix<float> queries, Matrix<float> gallery, int[] identities, IdentityGroups groups, long impostorCount, CslsScores? csls = null)
    {
        float[] genuine = GenuineScores(queries, gallery, groups, csls);
        float[] sample = BalancedImpostors.Sample(queries, gallery, identities, Math.Min(SampleSize, impostorCount), seed: 0x5A3F1E, distinct: false, csls);
        FloatRadixSort.Sort(genuine);
        FloatRadixSort.Sort(sample);
        var windows = new List<(int, int)>();
        if (genuine.Length == 0 || sample.Length == 0)
        {
            return windows;
        }

        foreach (double fmr in new[] { 0.01, 0.001 })
        {
            windows.Add(Window(sample, fmr));
        }

        // EER: FNMR(t) is exact; FMR(t) is known within its sampling band, so the crossing lies
        // between the thresholds where the band's upper and lower edges meet FNMR.
        double lowFmr = double.NaN, highFmr = double.NaN;
        for (int k = 0; k < genuine.Length; k++)
        {
            double fnmr = k / (double)genuine.Length;
            double fmr = CountAtLeast(sample, genuine[k]) / (double)sample.Length;
            if (fmr <= fnmr)
            {
                lowFmr = Math.Max(fmr, 1.0 / sample.Length);
                highFmr = k == 0 ? 1.0 : CountAtLeast(sample, genuine[k - 1]) / (double)sample.Length;
                break;
            }
        }

        if (double.IsNaN(lowFmr))
        {
            lowFmr = 1.0 / sample.Length;
            highFmr = CountAtLeast(sample, genuine[^1]) / (double)sample.Length;
        }

        (int a, _) = Window(sample, Math.Min(1, highFmr));
        (_, int b) = Window(sample, lowFmr);
        windows.Add((Math.Min(a, b), Math.Max(a, b)));
        return windows;
    }

    /// <summary>Bins that hold the threshold where FMR = <paramref name="fmr"/>, with a six-sigma margin on the sample rank.</summary>
    private static (int Low, int High) Window(float[] sortedSample, double fmr)
    {
        int n = sortedSample.Length;
        double rank = fmr * n;
        double margin = (Sigmas * Math.Sqrt(Math.Max(1.0, rank * (1 - fmr)))) + 2;
        int above = (int)Math.Clamp(Math.Floor(rank - margin), 0, n - 1);
        int below = (int)Math.Clamp(Math.Ceiling(rank + margin), 0, n - 1);
        float high = above == 0 ? 2f : sortedSample[n - 1 - above];
        float low = below >= n - 1 ? -2f : sortedSample[n - 1 - below];
        return (ImpostorHistogram.Bin(low), ImpostorHistogram.Bin(high));
    }

    private static long CountAtLeast(float[] sorted, float t)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return sorted.Length - lo;
    }

    private static float[] GenuineScores(Matrix<float> queries, Matrix<float> gallery, IdentityGroups groups, CslsScores? csls)
    {
        var scores = new List<float>((int)Math.Min(int.MaxValue, groups.GenuinePairCount()));
        for (int i = 0; i < queries.Rows; i++)
        {
            foreach (int j in groups.RelevantTo(i))
            {
                if (j > i)
                {
                    float cosine = System.Numerics.Tensors.TensorPrimitives.Dot<float>(queries.Row(i), gallery.Row(j));
                    scores.Add(csls is null ? cosine : csls.Score(i, j, cosine));
                }
            }
        }

        return scores.ToArray();
    }
}
