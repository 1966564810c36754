using System.Globalization;
using System.Text;

namespace FaceCompat.Study;

/// <summary>
/// Average-linkage (UPGMA) hierarchical clustering of a symmetric distance matrix. Ties merge
/// the pair whose smaller, then larger, cluster index is lowest (clusters are numbered in
/// creation order, leaves first), so the tree is deterministic. A merge's height is the
/// distance at which it happened.
/// </summary>
public sealed class AverageLinkage
{
    private AverageLinkage(Node root) => Root = root;

    /// <summary>The top merge of the dendrogram.</summary>
    public Node Root { get; }

    /// <summary>Average-linkage (UPGMA) clustering of the labels under a symmetric distance matrix.</summary>
    public static AverageLinkage Cluster(IReadOnlyList<string> labels, double[,] distance)
    {
        int n = labels.Count;
        if (n == 0)
        {
            throw new ArgumentException("Nothing to cluster.", nameof(labels));
        }

        var active = Enumerable.Range(0, n).Select(i => new Node(labels[i], 0, null, null, [i])).ToList();
        while (active.Count > 1)
        {
            (int a, int b, double best) = (0, 1, double.PositiveInfinity);
            for (int i = 0; i < active.Count; i++)
            {
                for (int j = i + 1; j < active.Count; j++)
                {
                    double d = Mean(active[i], active[j], distance);
                    if (d < best)
                    {
                        (a, b, best) = (i, j, d);
                    }
                }
            }

            var merged = new Node(null, best, active[a], active[b], [.. active[a].Leaves, .. active[b].Leaves]);
            active.RemoveAt(b);
            active.RemoveAt(a);
            active.Add(merged);
        }

        return new AverageLinkage(active[0]);
    }

    /// <summary>Newick with branch lengths (parent height minus child height).</summary>
    public string ToNewick() => Subtree(Root) + ";";

    /// <summary>An indented tree for terminals: each inner node shows its merge distance.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        Text(Root, "", true, sb, isRoot: true);
        return sb.ToString();
    }

    private static double Mean(Node x, Node y, double[,] distance)
    {
        double sum = 0;
        foreach (int i in x.Leaves)
        {
            foreach (int j in y.Leaves)
            {
                sum += distance[i, j];
            }
        }

        return sum / (x.Leaves.Length * y.Leaves.Length);
    }

    private static string Subtree(Node node) =>
        node.Label is not null ? Quote(node.Label) : $"({Child(node.Left!, node.Height)},{Child(node.Right!, node.Height)})";

    private static string Child(Node child, double parentHeight) =>
        Subtree(child) + ":" + (parentHeight - child.Height).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Quote(string label) =>
        label.Any(c => " (),:;'[]".Contains(c, StringComparison.Ordinal)) ? "'" + label.Replace("'", "''", StringComparison.Ordinal) + "'" : label;

    private static void Text(Node node, string indent, bool last, StringBuilder sb, bool isRoot = false)
    {
        string branch = isRoot ? "" : last ? "└─ " : "├─ ";
        sb.Append(indent).Append(branch)
            .AppendLine(node.Label ?? "+ " + node.Height.ToString("0.0", CultureInfo.InvariantCulture));
        if (node.Label is not null)
        {
            return;
        }

        string childIndent = isRoot ? "" : indent + (last ? "   " : "│  ");
        Text(node.Left!, childIndent, false, sb);
        Text(node.Right!, childIndent, true, sb);
    }

    /// <summary>A leaf (with a label) or a merge of two clusters at <see cref="Height"/>.</summary>
    public sealed record Node(string? Label, double Height, Node? Left, Node? Right, int[] Leaves);
}
