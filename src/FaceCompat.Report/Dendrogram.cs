using FaceCompat.Study;

namespace FaceCompat.Report;

/// <summary>
/// How a clustering tree (<see cref="AverageLinkage"/>, the study's own) is drawn: leaves left to
/// right in tree order, each merge as two vertical lines up to its height and one horizontal line.
/// </summary>
public sealed class Dendrogram
{
    private Dendrogram(int[] order, IReadOnlyList<DendrogramSegment> segments, double[] heights)
    {
        LeafOrder = order;
        Segments = segments;
        MergeHeights = heights;
    }

    /// <summary>Leaves (input indices) left to right.</summary>
    public int[] LeafOrder { get; }

    /// <summary>Line segments: x in leaf positions (0..n-1), y in distance.</summary>
    public IReadOnlyList<DendrogramSegment> Segments { get; }

    /// <summary>The distance of each merge, in merge-layout order.</summary>
    public IReadOnlyList<double> MergeHeights { get; }

    /// <summary>
    /// True when the tree says nothing about grouping: fewer than two merges, or every merge at the same
    /// distance (within 1e-9 of the largest), as when every off-diagonal distance is equal.
    /// </summary>
    public bool IsDegenerate =>
        MergeHeights.Count < 2 || MergeHeights.Max() - MergeHeights.Min() <= 1e-9 * Math.Max(1, Math.Abs(MergeHeights.Max()));

    public static Dendrogram Of(AverageLinkage tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var order = new List<int>();
        var segments = new List<DendrogramSegment>();
        Layout(tree.Root, order, segments);
        return new Dendrogram([.. order], segments, segments.Where((_, i) => i % 3 == 2).Select(s => s.Y1).ToArray());
    }

    /// <summary>Lays out a subtree; returns the x of its top.</summary>
    private static double Layout(AverageLinkage.Node node, List<int> order, List<DendrogramSegment> segments)
    {
        if (node.Left is null || node.Right is null)
        {
            order.Add(node.Leaves[0]);
            return order.Count - 1;
        }

        double xa = Layout(node.Left, order, segments);
        double xb = Layout(node.Right, order, segments);
        double h = node.Height;
        segments.Add(new DendrogramSegment(xa, node.Left.Height, xa, h));
        segments.Add(new DendrogramSegment(xb, node.Right.Height, xb, h));
        segments.Add(new DendrogramSegment(xa, h, xb, h));
        return (xa + xb) / 2;
    }
}

public readonly record struct DendrogramSegment(double X1, double Y1, double X2, double Y2);
