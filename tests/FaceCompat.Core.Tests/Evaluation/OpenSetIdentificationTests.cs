using FaceCompat.Data;
using FaceCompat.Evaluation;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;

namespace FaceCompat.Tests.Evaluation;

/// <summary>Open-set identification against a worked example and a brute-force oracle (docs/metrics.md, Open-set identification).</summary>
public sealed class OpenSetIdentificationTests
{
    /// <summary>
    /// Worked on paper. Identities A, B, C are enrolled (their first rows 0, 1, 2, gallery templates
    /// e0, e1, e2, so a search's score against enrolled identity c is its c-th entry), D and E are not.
    /// Mated searches (mate score, rank = 1 + #{enrolled non-mates strictly above}):
    ///   row 3 (A): (0.9, 0.2, 0.1) -> 0.9, rank 1
    ///   row 4 (A): (0.5, 0.6, 0.5) -> 0.5, rank 2 (0.6 above; the tied 0.5 of C is not above)
    ///   row 5 (B): (0.3, 0.4, 0.4) -> 0.4, rank 1 (tied with C: ties go to the mate; bob.measure's
    ///              recognition rate would count the tie against it, rank 2)
    ///   row 6 (C): (0.7, 0.3, 0.2) -> 0.2, rank 3
    /// Ten non-mated searches (D, E) with best scores 0.95, 0.8, 0.7, 0.7, 0.6, 0.5, 0.3, 0.2, 0.1, 0.0.
    /// NIST FNIR(N, R, T) = share of mated searches whose mate has score &lt; T or rank &gt; R; FPIR(T) =
    /// share of non-mated searches with a candidate of score &gt;= T; T for a target f is the smallest
    /// with FPIR(T) &lt;= f, i.e. just above the (floor(f N_nm) + 1)-th best non-mated score.
    ///   FNIR(R=1, T=0) = ranks 2, 3 missed = 2/4 = 50 %; FNIR(R=2, T=0) = rank 3 = 25 %.
    ///   FPIR 10 %: k = floor(0.1 * 10) = 1, T just above b_(2) = 0.8; alarms {0.95} = 10 %;
    ///     FNIR(R=2, T) = mates below T: 0.5, 0.4, 0.2 = 3/4 = 75 %.
    ///   FPIR 1 % and 0.3 %: k = 0 (below 1 / 10 searches) -> NaN.
    /// bob.measure DIR(rank 1, FAR f) = share of mated searches with mate score &gt;= T_f and rank &lt;= 1:
    ///   f = 0.1: T above 0.8, false-alarm rate 10 %, DIR = {row 3} = 25 %
    ///   f = 0.2: T above b_(3) = 0.7, false alarms {0.95, 0.8} = 20 %, DIR 25 %
    ///   f = 0.3: T above b_(4) = 0.7 (tied with b_(3)): false alarms still 20 % (under 30 %), DIR 25 %
    ///   f = 0.5: T above b_(6) = 0.5, false alarms {0.95, 0.8, 0.7, 0.7, 0.6} = 50 %, DIR 25 % (row 5's 0.4 is below)
    ///   f = 1: T = -infinity, false alarms 100 %, DIR = rank-1 rate = {rows 3, 5} = 50 %
    ///   f &lt;= 0.05: NaN.
    /// FNIR(R=2, T) vs FPIR curve (grid FPIRs &gt;= 1 / 10; k = floor(f N_nm)):
    ///   f = 0.1, 0.133, 0.178: k = 1, T above 0.8: FPIR 10 %, FNIR 75 % (one point: the same threshold)
    ///   f = 0.237: k = 2, T above b_(3) = 0.7: FPIR 20 %, FNIR 75 %
    ///   f = 0.316: k = 3, T above b_(4) = 0.7: the same threshold as k = 2, left out
    ///   f = 0.422: k = 4, T above b_(5) = 0.6: FPIR 40 %, FNIR 75 % (only 0.9 is above)
    ///   f = 0.562: k = 5, T above b_(6) = 0.5: FPIR 50 %, FNIR 75 % (row 4's 0.5 is below T)
    ///   f = 0.75: k = 7, T above b_(8) = 0.2: FPIR 70 %, FNIR 25 % (rows 3, 4 (rank 2), 5 pass; row 6's 0.2 is below)
    ///   f = 1: T = -infinity: FPIR 100 %, FNIR 25 % (row 6 has rank 3)
    /// </summary>
    [Fact]
    public void Worked_example_matches_the_paper_derivation()
    {
        int[] identities = [0, 1, 2, 0, 0, 1, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4];
        float[][] search =
        [
            [0, 0, 0], [0, 0, 0], [0, 0, 0],
            [0.9f, 0.2f, 0.1f], [0.5f, 0.6f, 0.5f], [0.3f, 0.4f, 0.4f], [0.7f, 0.3f, 0.2f],
            [0.95f, -1, -1], [-1, 0.8f, -1], [-1, -1, 0.7f], [0.7f, -1, -1], [-1, 0.6f, -1],
            [-1, -1, 0.5f], [0.3f, -1, -1], [-1, 0.2f, -1], [-1, -1, 0.1f], [0, -1, -1],
        ];
        float[][] gallery = Enumerable.Range(0, identities.Length).Select(r => r < 3 ? Enumerable.Range(0, 3).Select(c => c == r ? 1f : 0f).ToArray() : new float[3]).ToArray();
        var protocol = OpenSetProtocol.Create(identities, [0, 1, 2, 3, 4], [false, false, false, true, true]);
        protocol.EnrolledRows.Should().Equal(0, 1, 2);
        protocol.MatedSearchRows.Should().Equal(3, 4, 5, 6);
        protocol.MateColumns.Should().Equal(0, 0, 1, 2);

        OpenSetMetrics m = OpenSetIdentification.Evaluate(Matrix(search), Matrix(gallery), protocol, DenseKernels.Default, rank: 2);

        m.FnirRank1.Should().Be(50);
        m.FnirRankR.Should().Be(25);
        m.AtFpir[2].Threshold.Should().Be(MathF.BitIncrement(0.8f));
        m.AtFpir[2].AchievedFpir.Should().Be(10);
        m.AtFpir[2].Fnir.Should().Be(75);
        m.AtFpir[0].Fnir.Should().Be(double.NaN);
        m.AtFpir[1].Fnir.Should().Be(double.NaN);
        m.AtFpir[1].NotDefinedReason.Should().Contain("below 1 / 10");
        var curve = m.DirCurve.ToDictionary(p => p.Far);
        curve[0.1].Should().Be(new DirPoint(0.1, MathF.BitIncrement(0.8f), 10, 25));
        curve[0.2].Should().Be(new DirPoint(0.2, MathF.BitIncrement(0.7f), 20, 25));
        curve[0.5].Should().Be(new DirPoint(0.5, MathF.BitIncrement(0.5f), 50, 25));
        curve[1.0].Should().Be(new DirPoint(1.0, float.NegativeInfinity, 100, 50));
        curve[0.05].Dir.Should().Be(double.NaN);
        m.FnirCurve!.Select(p => (p.Threshold, p.AchievedFpir, p.Fnir)).Should().Equal(
            (MathF.BitIncrement(0.8f), 10, 75), (MathF.BitIncrement(0.7f), 20, 75), (MathF.BitIncrement(0.6f), 40, 75),
            (MathF.BitIncrement(0.5f), 50, 75), (MathF.BitIncrement(0.2f), 70, 25), (float.NegativeInfinity, 100, 25));
        m.FnirCurve!.Select(p => p.TargetFpir).Should().BeInAscendingOrder().And.OnlyContain(f => OpenSetIdentification.CurveFpirs.Contains(f));
        m.FnirCurve![0].TargetFpir.Should().Be(0.1);
        m.FnirCurve![^1].TargetFpir.Should().Be(1.0);
    }

    [Fact]
    public void The_curve_grid_is_log_spaced_with_the_nist_targets_and_bounded()
    {
        OpenSetIdentification.CurveFpirs.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems().And.HaveCount(34);
        OpenSetIdentification.CurveFpirs.Should().Contain(OpenSetIdentification.FpirTargets);
        OpenSetIdentification.CurveFpirs[0].Should().BeApproximately(1e-4, 1e-18);
        OpenSetIdentification.CurveFpirs[^1].Should().Be(1.0);
    }

    [Theory]
    [InlineData(1, 30, 60, 9, 1)]
    [InlineData(2, 50, 400, 60, 3)]
    [InlineData(3, 10, 900, 150, 5)]
    [InlineData(4, 70, 1500, 200, 20)]
    public void Equals_a_brute_force_oracle(int seed, int nonMatedPercent, int rows, int identityCount, int rank)
    {
        // Entries are multiples of 1/4 in [-1, 1] over 4 dimensions: every dot product is a multiple of
        // 1/16, exact in float whatever the GEMM's order, and ties are frequent.
        var random = new Random(seed);
        int d = 4;
        int[] identities = Enumerable.Range(0, rows).Select(_ => 100 + random.Next(identityCount)).ToArray();
        float[][] search = Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, d).Select(_ => random.Next(-4, 5) / 4f).ToArray()).ToArray();
        float[][] gallery = Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, d).Select(_ => random.Next(-4, 5) / 4f).ToArray()).ToArray();

        var protocol = OpenSetProtocol.Create(identities, seed, nonMatedPercent);
        OpenSetMetrics m = OpenSetIdentification.Evaluate(Matrix(search), Matrix(gallery), protocol, DenseKernels.Default, threads: 2, rank: rank);

        // Oracle: roles straight from the definition.
        int[] distinct = identities.Distinct().Order().ToArray();
        bool[] isNonMated = IdentitySplit.TestIdentities(distinct.Length, seed, nonMatedPercent);
        var nonMatedIds = distinct.Where((_, c) => isNonMated[c]).ToHashSet();
        var enrolled = Enumerable.Range(0, rows).Where(r => !nonMatedIds.Contains(identities[r]) && identities.AsSpan(0, r).IndexOf(identities[r]) < 0).ToArray();
        var mated = Enumerable.Range(0, rows).Where(r => !nonMatedIds.Contains(identities[r]) && !enrolled.Contains(r)).ToArray();
        var nonMated = Enumerable.Range(0, rows).Where(r => nonMatedIds.Contains(identities[r])).ToArray();
        protocol.EnrolledRows.Should().Equal(enrolled);
        protocol.MatedSearchRows.Should().Equal(mated);
        protocol.NonMatedSearchRows.Should().Equal(nonMated);

        float Score(int s, int g) => Enumerable.Range(0, d).Sum(k => search[s][k] * gallery[g][k]);
        var mates = mated.Select(r =>
        {
            int g = enrolled.Single(e => identities[e] == identities[r]);
            float s = Score(r, g);
            return (Score: s, Rank: 1 + enrolled.Count(e => Score(r, e) > s));
        }).ToArray();
        float[] best = nonMated.Select(r => enrolled.Max(e => Score(r, e))).ToArray();
        double Fnir(float t, int r) => 100.0 * mates.Count(x => x.Score < t || x.Rank > r) / mates.Length;
        (float T, double Fpir)? Threshold(double f)
        {
            if (f * best.Length < 1 - 1e-9)
            {
                return null;
            }

            float[] candidates = [float.NegativeInfinity, .. best, .. best.Select(MathF.BitIncrement)];
            float t = candidates.Where(c => best.Count(b => b >= c) <= (f * best.Length) + 1e-9).Min();
            return (t, 100.0 * best.Count(b => b >= t) / best.Length);
        }

        m.FnirRank1.Should().Be(Fnir(float.NegativeInfinity, 1));
        m.FnirRankR.Should().Be(Fnir(float.NegativeInfinity, rank));
        for (int i = 0; i < OpenSetIdentification.FpirTargets.Count; i++)
        {
            var expected = Threshold(OpenSetIdentification.FpirTargets[i]);
            FnirAtFpir actual = m.AtFpir[i];
            if (expected is null)
            {
                actual.Fnir.Should().Be(double.NaN);
                actual.NotDefinedReason.Should().NotBeNull();
                continue;
            }

            actual.Threshold.Should().Be(expected.Value.T);
            actual.AchievedFpir.Should().Be(expected.Value.Fpir);
            actual.Fnir.Should().Be(Fnir(expected.Value.T, rank));
        }

        m.FnirCurve.Should().NotBeNull();
        m.FnirCurve!.Count.Should().BeLessThanOrEqualTo(OpenSetIdentification.CurveFpirs.Count);
        var defined = OpenSetIdentification.CurveFpirs.Where(f => Threshold(f) is not null).ToArray();
        m.FnirCurve!.Select(p => p.Threshold).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(defined.Select(f => Threshold(f)!.Value.T).Distinct());
        foreach (FnirAtFpir p in m.FnirCurve!)
        {
            var expected = Threshold(p.TargetFpir)!.Value;
            (p.Threshold, p.AchievedFpir, p.Fnir).Should().Be((expected.T, expected.Fpir, Fnir(expected.T, rank)));
            defined.First(f => Threshold(f)!.Value.T == p.Threshold).Should().Be(p.TargetFpir, "a repeated threshold keeps its first FPIR");
        }

        foreach (DirPoint p in m.DirCurve)
        {
            var expected = Threshold(p.Far);
            if (expected is null)
            {
                p.Dir.Should().Be(double.NaN);
                continue;
            }

            p.FalseAlarmRate.Should().Be(expected.Value.Fpir);
            p.Dir.Should().BeApproximately(100 - Fnir(expected.Value.T, 1), 1e-12);
        }
    }

    [Fact]
    public void No_mated_search_or_a_single_identity_is_a_data_error()
    {
        Action single = () => OpenSetProtocol.Create([7, 7, 7], 0);
        single.Should().Throw<DataFormatException>().WithMessage("*at least 2 test identities*");
        Action noMated = () => OpenSetProtocol.Create([1, 2, 3, 4], 0, 50);
        noMated.Should().Throw<DataFormatException>().WithMessage("*at least 2 images*");
        Action allNonMated = () => OpenSetProtocol.Create([1, 1, 2], [1, 2], [true, true]);
        allNonMated.Should().Throw<DataFormatException>();
    }

    private static Matrix<float> Matrix(float[][] rows) => new(rows.Length, rows[0].Length, rows.SelectMany(r => r).ToArray());
}
