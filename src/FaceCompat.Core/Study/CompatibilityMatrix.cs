using System.Globalization;
using System.Text;

namespace FaceCompat.Study;

/// <summary>
/// Mean Rank-1 (%) per ordered pair for one dataset and method (rows = source, columns =
/// target; the diagonal holds the self rows). PROTOCOL.md, Reporting: its symmetrised form
/// (A->B + B->A) / 2 drives the clustering with distance 100 - Rank-1; incoming compatibility of
/// M = mean over other sources of Rank-1 into M, outgoing = mean over other targets out of M.
/// </summary>
public sealed class CompatibilityMatrix
{
    /// <summary>A models x models matrix of Rank-1 (row = source, column = target).</summary>
    public CompatibilityMatrix(string dataset, string method, IReadOnlyList<string> models, double[,] rank1)
    {
        Dataset = dataset;
        Method = method;
        Models = models;
        Rank1 = rank1;
    }

    /// <summary>The dataset evaluated.</summary>
    public string Dataset { get; }

    /// <summary>The method's name.</summary>
    public string Method { get; }

    /// <summary>The models, in row and column order.</summary>
    public IReadOnlyList<string> Models { get; }

    /// <summary>Rank1[s, t]; NaN where the cell is missing.</summary>
    public double[,] Rank1 { get; }

    /// <summary>Mean Rank-1 of the other models mapped into <paramref name="model"/> (the diagonal excluded).</summary>
    public double Incoming(int model) => MeanOver(Models.Count, other => other == model ? double.NaN : Rank1[other, model]);

    /// <summary>Mean Rank-1 of <paramref name="model"/> mapped into the others (the diagonal excluded).</summary>
    public double Outgoing(int model) => MeanOver(Models.Count, other => other == model ? double.NaN : Rank1[model, other]);

    /// <summary>The model's own-space Rank-1.</summary>
    public double Self(int model) => Rank1[model, model];

    /// <summary>The average-linkage dendrogram of the models under d(a, b) = 100 - (Rank1[a, b] + Rank1[b, a]) / 2.</summary>
    public AverageLinkage Cluster()
    {
        int n = Models.Count;
        var distance = new double[n, n];
        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b < n; b++)
            {
                distance[a, b] = a == b ? 0 : 100 - ((Rank1[a, b] + Rank1[b, a]) / 2);
            }
        }

        return AverageLinkage.Cluster(Models, distance);
    }

    /// <summary>The matrix as CSV (header of models, one row per source).</summary>
    public string ToCsv() => Csv(Models, Rank1);

    /// <summary>A models x models table as CSV: header <c>source\target,m1,m2,...</c>, one row per source; NaN as an empty field.</summary>
    internal static string Csv(IReadOnlyList<string> models, double[,] values)
    {
        var sb = new StringBuilder();
        sb.AppendLine("source\\target," + string.Join(',', models.Select(Data.CsvLine.Escape)));
        for (int s = 0; s < models.Count; s++)
        {
            sb.Append(Data.CsvLine.Escape(models[s]));
            for (int t = 0; t < models.Count; t++)
            {
                sb.Append(',').Append(Format(values[s, t]));
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }

    /// <summary>Incoming and outgoing means per model as CSV.</summary>
    public string AsymmetryCsv()
    {
        var sb = new StringBuilder("model,incoming,outgoing,self\n");
        for (int m = 0; m < Models.Count; m++)
        {
            sb.Append(Data.CsvLine.Escape(Models[m])).Append(',').Append(Format(Incoming(m))).Append(',').Append(Format(Outgoing(m))).Append(',').Append(Format(Self(m))).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The matrix as aligned text for a terminal.</summary>
    public string ToText()
    {
        int width = Math.Max(16, Models.Max(m => m.Length) + 1);
        int column = Math.Max(9, Models.Max(m => m.Length));
        var sb = new StringBuilder();
        sb.Append("source \\ target".PadRight(width));
        foreach (string m in Models)
        {
            sb.Append(' ').Append(m.PadLeft(column));
        }

        sb.AppendLine();
        for (int s = 0; s < Models.Count; s++)
        {
            sb.Append(Models[s].PadRight(width));
            for (int t = 0; t < Models.Count; t++)
            {
                sb.Append(' ').Append(Rank1[s, t].ToString("F1", CultureInfo.InvariantCulture).PadLeft(column));
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }

    internal static string Format(double v) => double.IsNaN(v) ? "" : v.ToString("0.####", CultureInfo.InvariantCulture);

    private static double MeanOver(int n, Func<int, double> value)
    {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            double v = value(i);
            if (!double.IsNaN(v))
            {
                sum += v;
                count++;
            }
        }

        return count == 0 ? double.NaN : sum / count;
    }
}
