using FaceCompat.Data;
using FaceCompat.Mapping;
using FaceCompat.Randomness;

namespace FaceCompat.Tests.Mapping;

public sealed class IdentitySplitTests
{
    [Fact]
    public void SplitMix64_matches_the_published_test_vector()
    {
        // First outputs of the SplitMix64 generator seeded with 1234567 (Vigna's reference C code).
        var stream = new SplitMix64(1234567);
        stream.Next().Should().Be(6457827717110365317UL);
        stream.Next().Should().Be(3203168211198807973UL);
    }

    [Fact]
    public void Split_is_identity_disjoint_and_covers_every_row()
    {
        var ids = Enumerable.Range(0, 400).Select(i => $"id{i % 97}").ToArray();
        var index = new DatasetIndex(ids.Select((_, i) => $"{i}.jpg").ToArray(), ids);
        IdentitySplit split = IdentitySplit.Create(index, seed: 3, testPercent: 30);
        split.TestIdentityCount.Should().Be(97 * 30 / 100);
        var testIds = split.TestRows.Select(r => ids[r]).ToHashSet();
        split.FitRows.Select(r => ids[r]).Should().NotIntersectWith(testIds);
        split.FitRows.Concat(split.TestRows).Order().Should().Equal(Enumerable.Range(0, 400));
    }

    [Fact]
    public void Different_seeds_give_different_test_sets()
    {
        IdentitySplit.TestIdentities(50, 0, 30).Should().NotEqual(IdentitySplit.TestIdentities(50, 1, 30));
    }

    [Fact]
    public void At_least_one_test_identity()
    {
        IdentitySplit.TestIdentities(2, 0, 30).Count(t => t).Should().Be(1);
    }
}
