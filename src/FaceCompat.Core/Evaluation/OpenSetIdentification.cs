using FaceCompat.Data;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Evaluation;

/// <summary>One FNIR at a target FPIR: the threshold chosen, the FPIR it achieves (bob.measure's false-alarm rate), the FNIR; NaN with a reason where not defined.</summary>
public readonly record struct FnirAtFpir(double TargetFpir, double Threshold, double AchievedFpir, double Fnir, string? NotDefinedReason);

/// <summary>One point of bob.measure's DIR(rank 1, FAR) curve: the FAR asked, the false-alarm rate achieved at its threshold, DIR (%); NaN where FAR &lt; 1 / N_nm.</summary>
public readonly record struct DirPoint(double Far, double Threshold, double FalseAlarmRate, double Dir);

/// <summary>Open-set identification of one cell (docs/metrics.md, Open-set identification). Rates are percentages.</summary>
public sealed record OpenSetMetrics(
    int EnrolledCount,
    int MatedSearchCount,
    int NonMatedSearchCount,
    int Rank,
    IReadOnlyList<FnirAtFpir> AtFpir,
    double FnirRank1,
    double FnirRankR,
    IReadOnlyList<DirPoint> DirCurve)
{
    /// <summary>The value of one of <see cref="MetricCatalogue.OpenSet"/>.</summary>
    public double ValueOf(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric == MetricCatalogue.FnirRank1 ? FnirRank1
            : metric == MetricCatalogue.FnirRankR ? FnirRankR
            : metric == MetricCatalogue.FnirAtFpir03 ? AtFpir[0].Fnir
            : metric == MetricCatalogue.FnirAtFpir1 ? AtFpir[1].Fnir
            : metric == MetricCatalogue.FnirAtFpir10 ? AtFpir[2].Fnir
            : throw new InvalidOperationException($"{metric.Name} is not an open-set metric.");
    }

    /// <summary>
    /// FNIR(R, T) against FPIR: one point per FPIR of <see cref="OpenSetIdentification.CurveFpirs"/> that is defined
    /// (f &gt;= 1 / N_nm), in ascending FPIR, a point repeating the previous threshold left out (so at most
    /// <see cref="OpenSetIdentification.CurveFpirs"/>.Count points); null for a cell written before the curve existed.
    /// </summary>
    public IReadOnlyList<FnirAtFpir>? FnirCurve { get; init; }
}

/// <summary>
/// Open-set 1:N search (NIST FRTE; bob.measure's DIR): one pass over score blocks collects, for
/// each mated search, its mate's score and rank, and for each non-mated search its best score;
/// memory is O(searches), never the score matrix.
/// </summary>
public static class OpenSetIdentification
{
    /// <summary>The FPIR targets NIST reports: 0.3 %, 1 %, 10 %.</summary>
    public static IReadOnlyList<double> FpirTargets { get; } = Array.AsReadOnly([0.003, 0.01, 0.1]);

    /// <summary>The FAR points of the DIR(rank 1, FAR) curve.</summary>
    public static IReadOnlyList<double> DirCurveFars { get; } = Array.AsReadOnly([0.001, 0.002, 0.003, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0]);

    /// <summary>
    /// The FPIRs of <see cref="OpenSetMetrics.FnirCurve"/>: 8 per decade from 10^-4 to 1 (33, log-spaced) and the
    /// <see cref="FpirTargets"/>, ascending; 34 in all, so a cell's curve is bounded whatever the test set.
    /// </summary>
    public static IReadOnlyList<double> CurveFpirs { get; } = Array.AsReadOnly(
        Enumerable.Range(0, 33).Select(i => Math.Pow(10, -4 + (i / 8.0))).Where(f => !FpirTargets.Any(t => Math.Abs(f - t) < 1e-12 * t))
            .Concat(FpirTargets).Order().ToArray());

    /// <summary>NIST's usual candidate-list length (rank R).</summary>
    public const int DefaultRank = 20;

    /// <param name="searches">Search templates of every test row, in the gallery's space (mapped for cross-model cells).</param>
    /// <param name="gallery">Gallery-model templates of every test row.</param>
    /// <param name="rank">R: the candidate-list length of the thresholded FNIRs and the rank of FNIR(R, T = 0).</param>
    public static OpenSetMetrics Evaluate(Matrix<float> searches, Matrix<float> gallery, OpenSetProtocol protocol, IDenseKernels kernels, int threads = 1, int rank = DefaultRank)
    {
        ArgumentNullException.ThrowIfNull(searches);
        ArgumentNullException.ThrowIfNull(gallery);
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(kernels);
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        if (searches.Rows != gallery.Rows || searches.Columns != gallery.Columns)
        {
            throw new DataFormatException($"searches ({searches.Rows} x {searches.Columns}) and gallery ({gallery.Rows} x {gallery.Columns}) must be the same test images in the same space.");
        }

        (float[] matedScores, int[] matedRanks, float[] nonMatedBest) = Collect(searches, gallery, protocol, kernels, threads);
        return Summarise(matedScores, matedRanks, nonMatedBest, protocol.EnrolledRows.Length, rank);
    }

    /// <summary>
    /// The mate's score and rank of each mated search, the best score of each non-mated search.
    /// Ties: rank = 1 + #{enrolled g : s_g &gt; s_mate} (strictly greater, as <see cref="RankCounter"/>:
    /// a non-mate tied with the mate does not push it down).
    /// </summary>
    internal static (float[] MatedScores, int[] MatedRanks, float[] NonMatedBest) Collect(Matrix<float> searches, Matrix<float> gallery, OpenSetProtocol protocol, IDenseKernels kernels, int threads)
    {
        int[] searchRows = [.. protocol.MatedSearchRows, .. protocol.NonMatedSearchRows];
        Matrix<float> probe = searches.SelectRows(searchRows);
        Matrix<float> enrolled = gallery.SelectRows(protocol.EnrolledRows);
        int mated = protocol.MatedSearchRows.Length;
        float[] matedScores = new float[mated];
        int[] matedRanks = new int[mated];
        float[] nonMatedBest = new float[protocol.NonMatedSearchRows.Length];
        int[] mates = protocol.MateColumns;
        ScoreBlocks.Run(probe, enrolled, false, kernels, threads, static () => new object(), (row, scores, _, _) =>
        {
            if (row < mated)
            {
                float s = scores[mates[row]];
                matedScores[row] = s;
                matedRanks[row] = (int)(1 + RankCounter.CountGreater(scores, s));
            }
            else
            {
                nonMatedBest[row - mated] = Max(scores);
            }
        });
        return (matedScores, matedRanks, nonMatedBest);
    }

    /// <summary>
    /// From the collected scores: a candidate is returned when its score is &gt;= T (NIST, bob.measure).
    /// FPIR(T) = #{non-mated searches with best &gt;= T} / N_nm. The threshold for a target f is the
    /// smallest float T with FPIR(T) &lt;= f: with k = floor(f N_nm) and b_(1) &gt;= b_(2) &gt;= ... the
    /// non-mated best scores, T = the next float above b_(k+1) (T = -infinity when k &gt;= N_nm); ties with
    /// b_(k+1) all fall below T, so the achieved FPIR may be under k / N_nm. FNIR(R, T) = #{mated
    /// searches with mate score &lt; T or rank &gt; R} / N_m; DIR(r, f) = 100 - FNIR(r, T_f). When
    /// f &lt; 1 / N_nm (k = 0) the value is NaN: no non-mated search can be allowed to alarm.
    /// FNIR(R, T = 0) is NIST's "no threshold": every candidate returned, only the rank counts.
    /// </summary>
    internal static OpenSetMetrics Summarise(float[] matedScores, int[] matedRanks, float[] nonMatedBest, int enrolledCount, int rank)
    {
        float[] best = (float[])nonMatedBest.Clone();
        Array.Sort(best);
        Array.Reverse(best);
        var atFpir = FpirTargets.Select(f => AtTarget(f, rank)).ToArray();
        var curve = DirCurveFars.Select(f => AtTarget(f, 1)).Select(x => new DirPoint(x.TargetFpir, x.Threshold, x.AchievedFpir, 100 - x.Fnir)).ToArray();
        var fnirCurve = new List<FnirAtFpir>();
        foreach (FnirAtFpir p in CurveFpirs.Select(f => AtTarget(f, rank)).Where(p => p.NotDefinedReason is null))
        {
            if (fnirCurve.Count == 0 || !fnirCurve[^1].Threshold.Equals(p.Threshold))
            {
                fnirCurve.Add(p);
            }
        }

        return new OpenSetMetrics(enrolledCount, matedScores.Length, best.Length, rank, atFpir, MissRate(float.NegativeInfinity, 1), MissRate(float.NegativeInfinity, rank), curve)
        {
            FnirCurve = fnirCurve,
        };

        FnirAtFpir AtTarget(double target, int r)
        {
            int n = best.Length;
            long k = (long)Math.Floor((target * n) + 1e-9);
            if (k < 1)
            {
                return new FnirAtFpir(target, double.NaN, double.NaN, double.NaN, $"FPIR {target * 100:0.###} % is below 1 / {n} non-mated searches");
            }

            float t = k >= n ? float.NegativeInfinity : MathF.BitIncrement(best[k]);
            long alarms = best.Count(b => b >= t);
            return new FnirAtFpir(target, t, 100.0 * alarms / n, MissRate(t, r), null);
        }

        double MissRate(float t, int r)
        {
            long misses = 0;
            for (int i = 0; i < matedScores.Length; i++)
            {
                if (!(matedScores[i] >= t) || matedRanks[i] > r)
                {
                    misses++;
                }
            }

            return 100.0 * misses / matedScores.Length;
        }
    }

    private static float Max(ReadOnlySpan<float> values)
    {
        float m = float.NegativeInfinity;
        foreach (float v in values)
        {
            if (v > m)
            {
                m = v;
            }
        }

        return m;
    }
}
