using FaceCompat.Evaluation;

namespace FaceCompat.Tests.Evaluation;

/// <summary>The bisection answers must be the walk's answers, ties and all.</summary>
public sealed class SortedVerificationTests
{
    /// <summary>(genuine, impostors, tie levels (0 = continuous), seed): sizes on both sides of the binning limit, ties from none to most.</summary>
    public static TheoryData<int, int, int, int> Cases() => new()
    {
        { 50, 2000, 0, 1 },
        { 300, 20000, 100, 2 },
        { 1000, 5000, 20, 3 },
        { 5, 7, 0, 4 },
        { 1, 1, 0, 5 },
        { 400, 60000, 1000, 6 },
        { 2000, 300000, 0, 7 },
        { 800, 100000, 100000, 8 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bisection_equals_the_walk_over_every_threshold(int genuineCount, int impostorCount, int levels, int seed)
    {
        (float[] genuine, float[] impostors) = Scores(genuineCount, impostorCount, levels, seed, sorted: true);

        VerificationSummary fast = new SortedVerification(genuine, impostors).Summary();
        ThresholdSweep walk = ThresholdSweep.Whole(genuine, impostors);
        fast.Auc.Should().Be(ExactVerification.Auc(genuine, impostors));
        fast.Eer.Should().Be(walk.Eer());
        fast.TmrAtFmr1.Should().Be(walk.TmrAtFmr(0.01) ?? 0.0);
        fast.TmrAtFmr01.Should().Be(walk.TmrAtFmr(0.001) ?? 0.0);
        fast.Roc.Should().Equal(walk.Roc());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Binning_the_held_impostors_gives_the_walks_answers(int genuineCount, int impostorCount, int levels, int seed)
    {
        (float[] genuine, float[] impostors) = Scores(genuineCount, impostorCount, levels, seed, sorted: false);
        float[] sortedGenuine = genuine.Order().ToArray();
        float[] sortedImpostors = impostors.Order().ToArray();

        VerificationSummary binned = ExactVerification.Summarise(genuine, impostors, binnedFrom: 0);
        ThresholdSweep walk = ThresholdSweep.Whole(sortedGenuine, sortedImpostors);
        binned.Auc.Should().Be(ExactVerification.Auc(sortedGenuine, sortedImpostors));
        binned.Eer.Should().Be(walk.Eer());
        binned.TmrAtFmr1.Should().Be(walk.TmrAtFmr(0.01) ?? 0.0);
        binned.TmrAtFmr01.Should().Be(walk.TmrAtFmr(0.001) ?? 0.0);

        // ROC points sit at bin edges; FMR and FNMR there are exact counts of the scores on either side.
        binned.Roc.Should().NotBeEmpty();
        foreach (RocPoint p in binned.Roc)
        {
            int bin = ImpostorHistogram.Bin((float)p.Threshold + 1e-6f);
            double fmr = sortedImpostors.Count(s => ImpostorHistogram.Bin(s) >= bin) / (double)impostorCount;
            double fnmr = sortedGenuine.Count(s => ImpostorHistogram.Bin(s) < bin) / (double)genuineCount;
            p.Fmr.Should().Be(fmr);
            p.Fnmr.Should().Be(fnmr);
        }
    }

    [Fact]
    public void Scores_outside_the_bins_are_sorted_instead()
    {
        float[] genuine = [0.5f, 1.5f, 0.9f];
        float[] impostors = [0.1f, 0.6f, -2f, 0.95f, 0.2f];
        VerificationSummary s = ExactVerification.Summarise(genuine.ToArray(), impostors.ToArray(), binnedFrom: 0);
        float[] g = genuine.Order().ToArray(), i = impostors.Order().ToArray();
        s.Auc.Should().Be(ExactVerification.Auc(g, i));
        s.Eer.Should().Be(ThresholdSweep.Whole(g, i).Eer());
    }

    [Fact]
    public void Separated_scores_have_auc_one_and_eer_zero()
    {
        float[] genuine = [0.8f, 0.9f, 0.95f];
        float[] impostors = [0.1f, 0.2f, 0.3f, 0.4f];
        VerificationSummary s = new SortedVerification(genuine, impostors).Summary();
        s.Auc.Should().Be(1.0);
        s.Eer.Should().Be(0.0);
        s.TmrAtFmr01.Should().Be(100.0);
    }

    [Fact]
    public void Identical_score_sets_have_auc_one_half()
    {
        float[] scores = [0.1f, 0.2f, 0.3f];
        new SortedVerification(scores, scores).Summary().Auc.Should().Be(0.5);
    }

    /// <summary>
    /// Cosine-like scores (clamped to [-1, 1]: the bins span [-1.001, 1.001], outside it the summary
    /// sorts instead), rounded to 1/levels when levels is not 0 (many ties when it is small).
    /// </summary>
    private static (float[] Genuine, float[] Impostors) Scores(int genuineCount, int impostorCount, int levels, int seed, bool sorted)
    {
        var random = new Random(seed);
        float Draw(double mean)
        {
            double value = mean + (0.25 * Gaussian(random));
            return Math.Clamp(levels == 0 ? (float)value : (float)Math.Round(value * levels) / levels, -1f, 1f);
        }

        float[] genuine = Enumerable.Range(0, genuineCount).Select(_ => Draw(0.6)).ToArray();
        float[] impostors = Enumerable.Range(0, impostorCount).Select(_ => Draw(0.1)).ToArray();
        return sorted ? (genuine.Order().ToArray(), impostors.Order().ToArray()) : (genuine, impostors);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
