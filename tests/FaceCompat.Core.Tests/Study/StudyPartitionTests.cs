using FaceCompat.Study;

namespace FaceCompat.Tests.Study;

public sealed class StudyPartitionTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 1)]
    [InlineData(7, 7)]
    [InlineData(30, 4)]
    [InlineData(216, 16)]
    public void Shards_are_contiguous_non_empty_and_cover_every_item(int items, int shards)
    {
        var random = new Random(items * 31 + shards);
        double[] costs = Enumerable.Range(0, items).Select(_ => 1 + (100 * random.NextDouble())).ToArray();
        int[] assigned = StudyPartition.Assign(costs, shards);
        assigned.Should().HaveCount(items);
        assigned[0].Should().Be(0);
        assigned[^1].Should().Be(shards - 1);
        for (int j = 1; j < items; j++)
        {
            (assigned[j] - assigned[j - 1]).Should().BeInRange(0, 1, "shards are contiguous runs in order, none empty");
        }

        StudyPartition.Assign(costs, shards).Should().Equal(assigned, "the split depends only on the costs");
    }

    [Fact]
    public void Each_boundary_is_within_one_item_of_the_ideal_cut()
    {
        // Each shard's cumulative end lies within half the largest item of (i+1)/n of the total, when no shard is forced.
        var random = new Random(5);
        double[] costs = Enumerable.Range(0, 200).Select(_ => 1 + (9 * random.NextDouble())).ToArray();
        int[] assigned = StudyPartition.Assign(costs, 6);
        double total = costs.Sum(), largest = costs.Max(), cumulative = 0;
        for (int j = 0; j < costs.Length; j++)
        {
            cumulative += costs[j];
            if (j == costs.Length - 1 || assigned[j + 1] != assigned[j])
            {
                Math.Abs(cumulative - (total * (assigned[j] + 1) / 6)).Should().BeLessThanOrEqualTo(largest / 2);
            }
        }
    }

    [Fact]
    public void Costly_units_get_shards_of_their_own()
    {
        // Worked out by hand: totals 100 + 1 + 1 + 1 + 100 + 1 = 204; cuts near 68 and 136.
        int[] assigned = StudyPartition.Assign([100, 1, 1, 1, 100, 1], 3);
        assigned.Should().Equal(0, 1, 1, 1, 2, 2);
    }

    [Fact]
    public void Equal_ranges_split_a_list_into_near_equal_parts()
    {
        Enumerable.Range(0, 4).Select(i => StudyPartition.EqualRange(10, new WorkShard(i, 4))).Should().Equal((0, 2), (2, 5), (5, 7), (7, 10));
    }

    [Theory]
    [InlineData("0/4", 0, 4)]
    [InlineData("3/4", 3, 4)]
    [InlineData("0/1", 0, 1)]
    public void A_shard_parses_from_i_slash_n(string text, int index, int count)
    {
        WorkShard.TryParse(text, out WorkShard shard, out _).Should().BeTrue();
        shard.Should().Be(new WorkShard(index, count));
        shard.ToString().Should().Be(text);
    }

    [Theory]
    [InlineData("4/4")]
    [InlineData("0/0")]
    [InlineData("a/4")]
    [InlineData("1/b")]
    [InlineData("1/2/3")]
    [InlineData("")]
    [InlineData(" 1/2")]
    public void A_malformed_shard_does_not_parse(string text) =>
        WorkShard.TryParse(text, out _, out string problem).Should().BeFalse(problem);

    [Fact]
    public void The_slurm_array_task_gives_the_shard_from_its_first_id()
    {
        Func<string, string?> Env(params (string Key, string Value)[] values) => k => values.FirstOrDefault(v => v.Key == k).Value;
        WorkShard.FromSlurmArray(Env(("SLURM_ARRAY_TASK_ID", "2"), ("SLURM_ARRAY_TASK_COUNT", "4"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_MAX", "3")), out _).Should().Be(new WorkShard(2, 4));
        WorkShard.FromSlurmArray(Env(("SLURM_ARRAY_TASK_ID", "4"), ("SLURM_ARRAY_TASK_COUNT", "4"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_MAX", "4")), out _).Should().Be(new WorkShard(3, 4), "an array 1-4 numbers its tasks from 1");
        WorkShard.FromSlurmArray(Env(), out string none).Should().BeNull();
        none.Should().BeEmpty();
        WorkShard.FromSlurmArray(Env(("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_COUNT", "2"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_MAX", "3")), out string gap).Should().BeNull();
        gap.Should().Contain("--shard i/n explicitly", "a re-submitted array such as 1,3 is not contiguous");
    }
}
