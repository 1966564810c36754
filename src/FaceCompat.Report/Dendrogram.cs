using FaceCompat.Study;

namespace FaceCompat.Report;

/// <summary>
/// How a clustering tree (<see cref="AverageLinkage"/>, the study's own) is drawn: leaves left to
/// right in tree order, each merge as two vertical lines up to its height and one horizontal line.
/// </summary>
public sealed class Dendrogram
{
    private Dendrogram(int[] order, IReadOnlyList<DendrogramSegment> segments)
    {
        LeafOrder = order;
        Segments = segments;
    }

    /// <summary>Leaves (input indices) left to right.</summary>
    public int[] LeafOrder { get; }

    /// <summary>Line segments: x in leaf positions (0..n-1), y in distance.</summary>
    public IReadOnlyList<DendrogramSegment> Segments { get; }

    public static Dendrogram Of(AverageLinkage tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var order = new List<int>();
        var segments = new List<DendrogramSegment>();
        Layout(tree.Root, order, segments);
        return new Dendrogram([.. order], segments);
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
