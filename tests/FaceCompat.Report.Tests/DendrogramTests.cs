using FaceCompat.Report;
using FaceCompat.Study;

namespace FaceCompat.Tests.Report;

public sealed class DendrogramTests
{
    [Fact]
    public void Leaves_are_laid_out_in_tree_order_and_each_merge_draws_three_lines()
    {
        // A-B merge at 10 (the merged cluster goes last, after C); C joins at the average of 40 and 50.
        double[,] distance = { { 0, 10, 40 }, { 10, 0, 50 }, { 40, 50, 0 } };
        Dendrogram d = Dendrogram.Of(AverageLinkage.Cluster(["A", "B", "C"], distance));

        d.LeafOrder.Should().Equal(2, 0, 1);
        d.Segments.Should().Equal(
            new DendrogramSegment(1, 0, 1, 10),
            new DendrogramSegment(2, 0, 2, 10),
            new DendrogramSegment(1, 10, 2, 10),
            new DendrogramSegment(0, 0, 0, 45),
            new DendrogramSegment(1.5, 10, 1.5, 45),
            new DendrogramSegment(0, 45, 1.5, 45));
    }

    [Fact]
    public void A_single_model_is_one_leaf_and_no_line()
    {
        Dendrogram d = Dendrogram.Of(AverageLinkage.Cluster(["A"], new double[1, 1]));
        d.LeafOrder.Should().Equal(0);
        d.Segments.Should().BeEmpty();
    }
}
