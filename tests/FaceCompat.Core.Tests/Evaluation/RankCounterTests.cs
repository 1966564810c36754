using FaceCompat.Evaluation;

namespace FaceCompat.Tests.Evaluation;

/// <summary>Rank counting against a direct count, over the threshold counts where each counting path takes over.</summary>
public sealed class RankCounterTests
{
    [Theory]
    [InlineData(1003, 3, 0, 1)]
    [InlineData(1003, 13, 0, 2)]
    [InlineData(4099, 40, 50, 3)]
    [InlineData(2000, 300, 0, 4)]
    [InlineData(6001, 3000, 20, 5)]
    [InlineData(7, 5, 0, 6)]
    public void First_rank_and_average_precision_equal_a_direct_count(int length, int relevantCount, int levels, int seed)
    {
        var random = new Random(seed);
        float[] row = Enumerable.Range(0, length)
            .Select(_ => levels == 0 ? (float)(random.NextDouble() - 0.5) : (float)Math.Round((random.NextDouble() - 0.5) * levels) / levels)
            .ToArray();
        int[] relevant = Enumerable.Range(0, length).OrderBy(_ => random.Next()).Take(relevantCount).Order().ToArray();
        foreach (int j in relevant.Take(relevantCount / 2))
        {
            row[j] += 0.3f; // relevant rows score higher, as in a real row, so some are above every other
        }

        (int firstRank, double ap) = RankCounter.Rank(row, relevant, new float[relevantCount], new long[relevantCount + 1]);

        int Above(float s) => row.Count(x => x > s);
        float[] scores = relevant.Select(j => row[j]).ToArray();
        int expectedFirst = 1 + Above(scores.Max());
        double expectedAp = scores.Average(s => (1.0 + scores.Count(r => r > s)) / (1.0 + Above(s)));
        firstRank.Should().Be(expectedFirst);
        ap.Should().BeApproximately(expectedAp, 1e-12);
    }

    [Fact]
    public void Nan_scores_are_never_above()
    {
        float[] row = Enumerable.Range(0, 64).Select(i => i % 5 == 0 ? float.NaN : i / 64f).ToArray();
        int[] relevant = Enumerable.Range(0, 64).Where(i => i % 5 != 0 && i % 3 == 0).ToArray();
        (int firstRank, _) = RankCounter.Rank(row, relevant, new float[relevant.Length], new long[relevant.Length + 1]);
        firstRank.Should().Be(1 + row.Count(x => x > row[relevant[^1]]));
    }
}
