using FaceCompat.Study;

namespace FaceCompat.Tests.Study;

public sealed class AverageLinkageTests
{
    [Fact]
    public void Average_linkage_merges_by_mean_distance_with_branch_lengths()
    {
        // By hand: a-b merge at 2, c-d at 4; (ab)-(cd) = (6 + 10 + 8 + 12) / 4 = 9.
        double[,] d =
        {
            { 0, 2, 6, 10 },
            { 2, 0, 8, 12 },
            { 6, 8, 0, 4 },
            { 10, 12, 4, 0 },
        };
        AverageLinkage tree = AverageLinkage.Cluster(["a", "b", "c", "d"], d);
        tree.Root.Height.Should().Be(9);
        tree.ToNewick().Should().Be("((a:2,b:2):7,(c:4,d:4):5);");
    }

    [Fact]
    public void Ties_merge_the_lowest_indices_first()
    {
        double[,] d = { { 0, 1, 1 }, { 1, 0, 1 }, { 1, 1, 0 } };
        AverageLinkage.Cluster(["x", "y", "z"], d).ToNewick().Should().Be("(z:1,(x:1,y:1):0);");
    }

    [Fact]
    public void Labels_with_Newick_punctuation_are_quoted()
    {
        double[,] d = { { 0, 3 }, { 3, 0 } };
        AverageLinkage.Cluster(["m (v1)", "n"], d).ToNewick().Should().Be("('m (v1)':3,n:3);");
    }

    [Fact]
    public void Text_dendrogram_lists_every_leaf_under_its_merge_height()
    {
        double[,] d = { { 0, 2, 9 }, { 2, 0, 9 }, { 9, 9, 0 } };
        string text = AverageLinkage.Cluster(["a", "b", "c"], d).ToText().ReplaceLineEndings("\n");
        text.Should().Be("+ 9.0\n├─ c\n└─ + 2.0\n   ├─ a\n   └─ b\n");
    }
}
