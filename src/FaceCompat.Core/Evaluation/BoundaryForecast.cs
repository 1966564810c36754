using FaceCompat.Data;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Evaluation;

/// <summary>
/// Predicts, before the pass over all pairs, which score bins will hold the EER and TMR@FMR
/// thresholds, so that the pass can keep those bins' impostor scores and no second pass is
/// needed. Genuine scores are computed exactly (they are few); the impostor distribution is
/// estimated from one GEMM block: <see cref="BlockSide"/> seeded random query rows against as many
/// seeded random gallery rows, keeping the pairs i &lt; j of different identities (about half the
/// block). A block's scores share rows and columns, so they are not independent draws: each window
/// spans the sample quantiles six standard deviations either side of the target rank, the standard
/// deviation being the larger of the binomial one and the block's own estimate (row and column
/// clusters, <see cref="BlockSample.CountDeviation"/>). A forecast can miss: the caller checks the
/// bins it really needs and makes the second pass only then, so the metrics are exact either way.
/// </summary>
internal static class BoundaryForecast
{
    /// <summary>2,000 x 2,000 scores, about 2 M impostor pairs: one GEMM of 16 MB instead of 2 M scattered dot products.</summary>
    private const int BlockSide = 2000;
    private const double Sigmas = 6;

    public static List<(int Low, int High)> Windows(Matrix<float> queries, Matrix<float> gallery, int[] identities, IdentityGroups groups, IDenseKernels kernels, CslsScores? csls = null)
    {
        float[] genuine = GenuineScores(queries, gallery, groups, csls);
        var block = BlockSample.Draw(queries, gallery, identities, BlockSide, kernels, csls);
        FloatRadixSort.Sort(genuine);
        float[] sample = block.SortedScores;
        var windows = new List<(int, int)>();
        if (genuine.Length == 0 || sample.Length == 0)
        {
            return windows;
        }

        foreach (double fmr in new[] { 0.01, 0.001 })
        {
            windows.Add(Window(block, fmr));
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

        (int a, _) = Window(block, Math.Min(1, highFmr));
        (_, int b) = Window(block, lowFmr);
        windows.Add((Math.Min(a, b), Math.Max(a, b)));
        return windows;
    }

    /// <summary>
    /// Bins that hold the threshold where FMR = <paramref name="fmr"/>: the sample rank fmr * n,
    /// widened by six standard deviations of the count above that threshold (the larger of the
    /// binomial and the block's cluster estimate) plus two.
    /// </summary>
    private static (int Low, int High) Window(BlockSample block, double fmr)
    {
        float[] sorted = block.SortedScores;
        int n = sorted.Length;
        double rank = fmr * n;
        float threshold = sorted[(int)Math.Clamp(n - 1 - Math.Round(rank), 0, n - 1)];
        double deviation = Math.Max(Math.Sqrt(Math.Max(1.0, rank * (1 - fmr))), block.CountDeviation(threshold));
        double margin = (Sigmas * deviation) + 2;
        int above = (int)Math.Clamp(Math.Floor(rank - margin), 0, n - 1);
        int below = (int)Math.Clamp(Math.Ceiling(rank + margin), 0, n - 1);
        float high = above == 0 ? 2f : sorted[n - 1 - above];
        float low = below >= n - 1 ? -2f : sorted[n - 1 - below];
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
