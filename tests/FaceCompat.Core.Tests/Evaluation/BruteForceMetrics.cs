using FaceCompat.Data;
using FaceCompat.Evaluation;

namespace FaceCompat.Tests.Evaluation;

/// <summary>
/// PROTOCOL.md's metrics computed the slow, obvious way: the whole score matrix in double, every
/// pair listed, every threshold scanned. The oracle for the streaming evaluator.
/// </summary>
internal static class BruteForceMetrics
{
    /// <summary>Asserts that the evaluator's identification and verification metrics equal the brute force's (AUC within <paramref name="aucTolerance"/>: binned when streaming).</summary>
    public static void ShouldAgreeWith(this CellMetrics m, (double Rank1, double Rank5, double Map, double Auc, double Eer, double Tmr1, double Tmr01) brute, double aucTolerance)
    {
        m.Rank1.Should().BeApproximately(brute.Rank1, 1e-9);
        m.Rank5.Should().BeApproximately(brute.Rank5, 1e-9);
        m.MeanAveragePrecision.Should().BeApproximately(brute.Map, 1e-9);
        m.Auc.Should().BeApproximately(brute.Auc, aucTolerance);
        m.Eer.Should().BeApproximately(brute.Eer, 1e-9);
        m.TmrAtFmr1.Should().BeApproximately(brute.Tmr1, 1e-9);
        m.TmrAtFmr01.Should().BeApproximately(brute.Tmr01, 1e-9);
    }

    public static (double Rank1, double Rank5, double Map, double Auc, double Eer, double Tmr1, double Tmr01) Compute(Matrix<float> q, Matrix<float> g, int[] ids)
    {
        int n = ids.Length;
        double[,] s = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float dot = 0;
                for (int c = 0; c < q.Columns; c++)
                {
                    dot += q[i, c] * g[j, c];
                }

                s[i, j] = dot;
            }
        }

        return Compute(s, ids);
    }

    /// <summary>The same metrics from a full score matrix s[query, gallery] (any scoring).</summary>
    public static (double Rank1, double Rank5, double Map, double Auc, double Eer, double Tmr1, double Tmr01) Compute(double[,] s, int[] ids)
    {
        int n = ids.Length;
        int hits1 = 0, hits5 = 0;
        double apSum = 0;
        for (int i = 0; i < n; i++)
        {
            int best = int.MaxValue;
            double ap = 0;
            int relevant = 0;
            for (int j = 0; j < n; j++)
            {
                if (ids[j] != ids[i])
                {
                    continue;
                }

                int rank = 1, relAbove = 1;
                for (int k = 0; k < n; k++)
                {
                    if (s[i, k] > s[i, j])
                    {
                        rank++;
                        if (ids[k] == ids[i])
                        {
                            relAbove++;
                        }
                    }
                }

                best = Math.Min(best, rank);
                ap += (double)relAbove / rank;
                relevant++;
            }

            hits1 += best <= 1 ? 1 : 0;
            hits5 += best <= 5 ? 1 : 0;
            apSum += ap / relevant;
        }

        var genuine = new List<double>();
        var impostor = new List<double>();
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                (ids[i] == ids[j] ? genuine : impostor).Add(s[i, j]);
            }
        }

        double auc = 0;
        foreach (double x in genuine)
        {
            foreach (double y in impostor)
            {
                auc += x > y ? 1 : x == y ? 0.5 : 0;
            }
        }

        auc /= (double)genuine.Count * impostor.Count;
        double[] thresholds = genuine.Concat(impostor).Distinct().Order().ToArray();
        double bestGap = double.PositiveInfinity, eer = double.NaN;
        double? tmr1 = null, tmr01 = null;
        foreach (double t in thresholds)
        {
            double fmr = impostor.Count(y => y >= t) / (double)impostor.Count;
            double fnmr = genuine.Count(x => x < t) / (double)genuine.Count;
            if (Math.Abs(fmr - fnmr) < bestGap)
            {
                bestGap = Math.Abs(fmr - fnmr);
                eer = 100 * (fmr + fnmr) / 2;
            }

            if (tmr1 is null && fmr <= 0.01)
            {
                tmr1 = 100 * (1 - fnmr);
            }

            if (tmr01 is null && fmr <= 0.001)
            {
                tmr01 = 100 * (1 - fnmr);
            }
        }

        return (100.0 * hits1 / n, 100.0 * hits5 / n, apSum / n, auc, eer, tmr1 ?? 0, tmr01 ?? 0);
    }
}
