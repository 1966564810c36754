using System.Numerics.Tensors;
using FaceCompat.Data;
using FaceCompat.Evaluation;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Linkability;

/// <summary>
/// Linkability of two template databases of the same images: every record of the source system
/// (query row i) against every record of the target system (gallery row j), score s_ij as in
/// PROTOCOL.md. Mated pairs share an identity: i != j (another capture of the person) or i = j (the
/// same capture enrolled in both systems); non-mated pairs have different identities. Two passes
/// over query blocks (never the N x N matrix): the first finds each set's lowest and highest score
/// (the bins' range, as the published script takes it), the second counts every score into the
/// bins. Rows of one identity are contiguous runs of the gallery only after grouping, so each row is
/// split at its relevant columns (ascending) and the runs between them are non-mated.
/// Counts are integers and ranges exact, so results do not depend on the thread count.
/// </summary>
internal sealed class LinkabilityPass
{
    private readonly Matrix<float> _queries;
    private readonly Matrix<float> _gallery;
    private readonly IdentityGroups _groups;
    private readonly IDenseKernels _kernels;
    private readonly int _threads;

    public LinkabilityPass(Matrix<float> queries, Matrix<float> gallery, int[] identities, IDenseKernels kernels, int threads)
    {
        _queries = queries;
        _gallery = gallery;
        _groups = IdentityGroups.Build(identities);
        _kernels = kernels;
        _threads = threads;
    }

    /// <param name="bootstrap">Resamples of the source identities for D_sys's 95 % interval; 0 for none.</param>
    /// <param name="seed">Seeds the bootstrap stream.</param>
    public TemplateLinkability Run(double omega, int bootstrap, ulong seed)
    {
        var ranges = new List<Ranges>();
        ScoreBlocks.Run(_queries, _gallery, upperOnly: false, _kernels, _threads, () => Track(ranges, new Ranges()), (row, scores, _, r) => Split(row, scores, _groups, r));
        Ranges all = Ranges.Merge(ranges);
        if (all.OtherMated < 10)
        {
            throw new DataFormatException(
                $"linkability needs at least 10 mated pairs of different images; the test set has {all.OtherMated} (identities with two or more images). Use a larger test set (--test-percent) or a dataset with more images per identity.");
        }

        if (all.NonMated == 0)
        {
            throw new DataFormatException("linkability needs non-mated pairs; the test set has a single identity.");
        }

        ScoreHistogram otherBins = Histogram(Math.Min(all.OtherLow, all.NonMatedLow), Math.Max(all.OtherHigh, all.NonMatedHigh), all.OtherMated);
        ScoreHistogram sameBins = Histogram(Math.Min(all.SameLow, all.NonMatedLow), Math.Max(all.SameHigh, all.NonMatedHigh), all.SameMated);
        int identities = _groups.GroupCount;
        var counts = new List<Counts>();
        ScoreBlocks.Run(
            _queries,
            _gallery,
            upperOnly: false,
            _kernels,
            _threads,
            () => Track(counts, new Counts(new IdentityBinCounts(otherBins, identities), new IdentityBinCounts(sameBins, identities))),
            (row, scores, _, c) => Split(row, scores, _groups, c));
        IdentityBinCounts other = counts[0].Other;
        IdentityBinCounts same = counts[0].Same;
        foreach (Counts c in counts.Skip(1))
        {
            other.Merge(c.Other);
            same.Merge(c.Same);
        }

        return new TemplateLinkability
        {
            OtherCapture = Measure(other, omega, bootstrap, seed),
            SameCapture = all.SameMated >= 10 ? Measure(same, omega, bootstrap, seed) : null,
        };
    }

    private static LinkabilityResult Measure(IdentityBinCounts counts, double omega, int bootstrap, ulong seed)
    {
        int[] once = new int[counts.Identities];
        Array.Fill(once, 1);
        (long[] mated, long[] nonMated) = counts.Weighted(once);
        LinkabilityResult result = LinkabilityMeasure.FromCounts(mated, nonMated, counts.Bins.Edges, omega);
        if (bootstrap <= 0)
        {
            return result;
        }

        (double lower, double upper) = LinkabilityBootstrap.Interval(counts, result.Dsys, omega, bootstrap, seed);
        return result with { DsysLower = lower, DsysUpper = upper, Bootstrap = bootstrap };
    }

    /// <summary>The published script's bins over [low, high]; when every score is equal, bins over [low, low + 1] (all scores in the first: D_sys = 0).</summary>
    private static ScoreHistogram Histogram(float low, float high, long mated)
    {
        int bins = mated >= 10 ? LinkabilityMeasure.BinCount(mated) : 1;
        return high > low ? new ScoreHistogram(low, high, bins) : new ScoreHistogram(low, low + 1.0, bins);
    }

    private static T Track<T>(List<T> all, T state)
    {
        lock (all)
        {
            all.Add(state);
        }

        return state;
    }

    /// <summary>
    /// Splits one score row at its relevant (same-identity) columns, ascending: the runs between them
    /// go to <see cref="IRowSink.AddNonMated"/>, each relevant column to <see cref="IRowSink.AddMated"/>.
    /// </summary>
    private static void Split<TSink>(int row, ReadOnlySpan<float> scores, IdentityGroups groups, TSink sink)
        where TSink : IRowSink
    {
        int identity = groups.GroupOf(row);
        int start = 0;
        foreach (int j in groups.RelevantTo(row))
        {
            if (j > start)
            {
                sink.AddNonMated(identity, scores[start..j]);
            }

            sink.AddMated(identity, scores[j], j == row);
            start = j + 1;
        }

        if (start < scores.Length)
        {
            sink.AddNonMated(identity, scores[start..]);
        }
    }

    /// <summary>What one pass does with the pieces of a row (identity = the row's identity group).</summary>
    private interface IRowSink
    {
        void AddNonMated(int identity, ReadOnlySpan<float> run);

        void AddMated(int identity, float score, bool sameCapture);
    }

    /// <summary>Lowest and highest score and count of each set, for one thread's rows.</summary>
    private sealed class Ranges : IRowSink
    {
        public float NonMatedLow { get; private set; } = float.PositiveInfinity;

        public float NonMatedHigh { get; private set; } = float.NegativeInfinity;

        public float OtherLow { get; private set; } = float.PositiveInfinity;

        public float OtherHigh { get; private set; } = float.NegativeInfinity;

        public float SameLow { get; private set; } = float.PositiveInfinity;

        public float SameHigh { get; private set; } = float.NegativeInfinity;

        public long NonMated { get; private set; }

        public long OtherMated { get; private set; }

        public long SameMated { get; private set; }

        public static Ranges Merge(List<Ranges> parts)
        {
            var all = new Ranges();
            foreach (Ranges p in parts)
            {
                all.NonMatedLow = Math.Min(all.NonMatedLow, p.NonMatedLow);
                all.NonMatedHigh = Math.Max(all.NonMatedHigh, p.NonMatedHigh);
                all.OtherLow = Math.Min(all.OtherLow, p.OtherLow);
                all.OtherHigh = Math.Max(all.OtherHigh, p.OtherHigh);
                all.SameLow = Math.Min(all.SameLow, p.SameLow);
                all.SameHigh = Math.Max(all.SameHigh, p.SameHigh);
                all.NonMated += p.NonMated;
                all.OtherMated += p.OtherMated;
                all.SameMated += p.SameMated;
            }

            return all;
        }

        public void AddNonMated(int identity, ReadOnlySpan<float> run)
        {
            NonMatedLow = Math.Min(NonMatedLow, TensorPrimitives.Min(run));
            NonMatedHigh = Math.Max(NonMatedHigh, TensorPrimitives.Max(run));
            NonMated += run.Length;
        }

        public void AddMated(int identity, float score, bool sameCapture)
        {
            if (sameCapture)
            {
                SameLow = Math.Min(SameLow, score);
                SameHigh = Math.Max(SameHigh, score);
                SameMated++;
            }
            else
            {
                OtherLow = Math.Min(OtherLow, score);
                OtherHigh = Math.Max(OtherHigh, score);
                OtherMated++;
            }
        }
    }

    /// <summary>One thread's bin counts per source identity, in the bins of each mated definition.</summary>
    private sealed class Counts(IdentityBinCounts other, IdentityBinCounts same) : IRowSink
    {
        public IdentityBinCounts Other { get; } = other;

        public IdentityBinCounts Same { get; } = same;

        public void AddMated(int identity, float score, bool sameCapture) => (sameCapture ? Same : Other).AddMated(identity, score);

        public void AddNonMated(int identity, ReadOnlySpan<float> run)
        {
            Other.AddNonMated(identity, run);
            Same.AddNonMated(identity, run);
        }
    }
}
