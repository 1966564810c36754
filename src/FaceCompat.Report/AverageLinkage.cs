namespace FaceCompat.Report;

/// <summary>
/// Average-linkage (UPGMA) agglomerative clustering on a symmetric distance matrix, as PROTOCOL.md
/// uses it on 100 - symmetrised Rank-1. Ties merge the pair with the lowest (i, j) first.
/// </summary>
public sealed class AverageLinkage
{
    private AverageLinkage(int[] order, IReadOnlyList<DendrogramSegment> segments)
    {
        LeafOrder = order;
        Segments = segments;
    }

    /// <summary>Leaves (input indices) left to right in the dendrogram.</summary>
    public int[] LeafOrder { get; }

    /// <summary>Line segments of the dendrogram: x in leaf positions (0..n-1), y in distance.</summary>
    public IReadOnlyList<DendrogramSegment> Segments { get; }

    public static AverageLinkage Fit(double[,] distance)
    {
        int n = distance.GetLength(0);
        var members = new List<List<int>>();
        var height = new List<double>();
        var children = new List<(int A, int B)>();
        var active = new List<int>();
        for (int i = 0; i < n; i++)
        {
            members.Add([i]);
            height.Add(0);
            children.Add((-1, -1));
            active.Add(i);
        }

        while (active.Count > 1)
        {
            int bestA = -1, bestB = -1;
            double best = double.PositiveInfinity;
            for (int a = 0; a < active.Count; a++)
            {
                for (int b = a + 1; b < active.Count; b++)
                {
                    double d = Mean(distance, members[active[a]], members[active[b]]);
                    if (d < best)
                    {
                        best = d;
                        bestA = active[a];
                        bestB = active[b];
                    }
                }
            }

            members.Add([.. members[bestA], .. members[bestB]]);
            height.Add(best);
            children.Add((bestA, bestB));
            active.Remove(bestA);
            active.Remove(bestB);
            active.Add(members.Count - 1);
        }

        int root = active.Count == 1 ? active[0] : -1;
        var order = new List<int>();
        var segments = new List<DendrogramSegment>();
        if (root >= 0)
        {
            Layout(root, children, height, order, segments);
        }

        return new AverageLinkage([.. order], segments);
    }

    private static double Layout(int node, List<(int A, int B)> children, List<double> height, List<int> order, List<DendrogramSegment> segments)
    {
        (int a, int b) = children[node];
        if (a < 0)
        {
            order.Add(node);
            return order.Count - 1;
        }

        double xa = Layout(a, children, height, order, segments);
        double xb = Layout(b, children, height, order, segments);
        double h = height[node];
        segments.Add(new DendrogramSegment(xa, height[a], xa, h));
        segments.Add(new DendrogramSegment(xb, height[b], xb, h));
        segments.Add(new DendrogramSegment(xa, h, xb, h));
        return (xa + xb) / 2;
    }

    private static double Mean(double[,] d, List<int> a, List<int> b)
    {
        double sum = 0;
        foreach (int i in a)
        {
            foreach (int j in b)
            {
                sum += d[i, j];
            }
        }

        return sum / (a.Count * b.Count);
    }
}

public readonly record struct DendrogramSegment(double X1, double Y1, double X2, double Y2);
