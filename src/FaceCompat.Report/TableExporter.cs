using System.Globalization;
using System.Text;

namespace FaceCompat.Report;

/// <summary>
/// The papers' table (pair x method; Rank-1/5/10, mAP, AUC, EER, TMR@FMR 1% and 0.1%; mean +- sample
/// std over seeds; n = cells per row) as CSV, Markdown and LaTeX (booktabs). Culture-invariant.
/// Percentages are printed with 2 decimals and mAP/AUC with 4 in Markdown and LaTeX; CSV keeps 6.
/// </summary>
public static class TableExporter
{
    public static string ToCsv(IReadOnlyList<MetricSummary> rows)
    {
        var sb = new StringBuilder("dataset,fit_dataset,source,target,method,fit_identities,n");
        foreach (string k in Metrics.Keys)
        {
            sb.Append(',').Append(k).Append("_mean,").Append(k).Append("_std");
        }

        sb.Append('\n');
        foreach (MetricSummary r in rows)
        {
            sb.Append(Csv(r.Dataset)).Append(',').Append(Csv(r.FitDataset)).Append(',').Append(Csv(r.Source)).Append(',')
              .Append(Csv(r.Target)).Append(',').Append(Csv(r.Method)).Append(',')
              .Append(r.FitIdentities.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(r.Count.ToString(CultureInfo.InvariantCulture));
            for (int k = 0; k < Metrics.Names.Length; k++)
            {
                sb.Append(',').Append(Raw(r.Mean[k])).Append(',').Append(Raw(r.Std[k]));
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    public static string ToMarkdown(IReadOnlyList<MetricSummary> rows)
    {
        var sb = new StringBuilder("| Dataset | Source | Target | Method | n |");
        foreach (string name in Metrics.Names)
        {
            sb.Append(' ').Append(name).Append(" |");
        }

        sb.Append("\n|---|---|---|---|---:|");
        sb.Append(string.Concat(Enumerable.Repeat("---:|", Metrics.Names.Length))).Append('\n');
        foreach (MetricSummary r in rows)
        {
            sb.Append("| ").Append(Md(DatasetLabel(r))).Append(" | ").Append(Md(r.Source)).Append(" | ").Append(Md(r.Target))
              .Append(" | ").Append(Md(r.Method)).Append(" | ").Append(r.Count.ToString(CultureInfo.InvariantCulture)).Append(" |");
            for (int k = 0; k < Metrics.Names.Length; k++)
            {
                sb.Append(' ').Append(MeanStd(r, k, " ± ")).Append(" |");
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    public static string ToLatex(IReadOnlyList<MetricSummary> rows)
    {
        var sb = new StringBuilder();
        sb.Append("\\begin{table}[t]\n\\centering\n\\small\n\\begin{tabular}{llllr").Append('r', Metrics.Names.Length).Append("}\n\\toprule\n");
        sb.Append("Dataset & Source & Target & Method & $n$");
        foreach (string name in Metrics.Names)
        {
            sb.Append(" & ").Append(Tex(name));
        }

        sb.Append(" \\\\\n\\midrule\n");
        foreach (MetricSummary r in rows)
        {
            sb.Append(Tex(DatasetLabel(r))).Append(" & ").Append(Tex(r.Source)).Append(" & ").Append(Tex(r.Target))
              .Append(" & ").Append(Tex(r.Method)).Append(" & ").Append(r.Count.ToString(CultureInfo.InvariantCulture));
            for (int k = 0; k < Metrics.Names.Length; k++)
            {
                sb.Append(" & ").Append(MeanStd(r, k, " $\\pm$ "));
            }

            sb.Append(" \\\\\n");
        }

        sb.Append("\\bottomrule\n\\end{tabular}\n\\caption{Mean $\\pm$ sample standard deviation over $n$ seeds.}\n\\end{table}\n");
        return sb.ToString();
    }

    /// <summary>"eval" for intra rows, "fit→eval" for cross-dataset rows.</summary>
    public static string DatasetLabel(MetricSummary r) => r.IsCross ? r.FitDataset + "->" + r.Dataset : r.Dataset;

    private static string MeanStd(MetricSummary r, int k, string pm)
    {
        string format = Metrics.IsFraction(k) ? "F4" : "F2";
        string mean = r.Mean[k].ToString(format, CultureInfo.InvariantCulture);
        return double.IsNaN(r.Std[k]) ? mean : mean + pm + r.Std[k].ToString(format, CultureInfo.InvariantCulture);
    }

    private static string Raw(double v) => double.IsNaN(v) ? "" : v.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static string Md(string s)
    {
        var sb = new StringBuilder();
        foreach (char c in s)
        {
            if (c is '|' or '\\' or '*' or '_' or '`' or '<' or '>' or '[' or ']')
            {
                sb.Append('\\');
            }

            sb.Append(c is '\n' or '\r' ? ' ' : c);
        }

        return sb.ToString();
    }

    /// <summary>Escapes every LaTeX special character so any name is plain text.</summary>
    public static string Tex(string s)
    {
        var sb = new StringBuilder();
        foreach (char c in s)
        {
            sb.Append(c switch
            {
                '\\' => "\\textbackslash{}",
                '&' or '%' or '$' or '#' or '_' or '{' or '}' => "\\" + c,
                '~' => "\\textasciitilde{}",
                '^' => "\\textasciicircum{}",
                '<' => "\\textless{}",
                '>' => "\\textgreater{}",
                '\n' or '\r' => " ",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }
}
