using System.Globalization;
using System.Text;
using FaceCompat.Evaluation;
using FaceCompat.Study;

namespace FaceCompat.Report;

/// <summary>
/// The papers' table (pair x method; Rank-1/5/10, mAP, AUC, EER, TMR@FMR 1% and 0.1%; mean +- sample
/// std over seeds; n = cells per row) as CSV, Markdown and LaTeX (booktabs). Culture-invariant.
/// Columns, keys and decimals come from <see cref="MetricCatalogue"/> (percentages with 2 decimals, mAP/AUC
/// with 4 in Markdown and LaTeX; CSV keeps 6); a value that is not defined is "n/a" (an empty CSV field).
/// </summary>
public static partial class TableExporter
{
    public static string ToCsv(IReadOnlyList<SummaryRow> rows)
    {
        var sb = new StringBuilder("dataset,fit_dataset,source,target,method,fit_identities,n").Append(SummaryRow.CsvMetricHeader).Append('\n');
        foreach (SummaryRow r in rows)
        {
            sb.Append(Csv(r.Dataset)).Append(',').Append(Csv(r.FitDataset)).Append(',').Append(Csv(r.Source)).Append(',')
              .Append(Csv(r.Target)).Append(',').Append(Csv(r.Method)).Append(',')
              .Append(r.FitIdentities.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(r.Runs.ToString(CultureInfo.InvariantCulture));
            sb.Append(r.CsvMetricValues(Raw));

            sb.Append('\n');
        }

        return sb.ToString();
    }

    public static string ToMarkdown(IReadOnlyList<SummaryRow> rows)
    {
        var sb = new StringBuilder("| Dataset | Source | Target | Method | n |");
        foreach (Metric metric in MetricCatalogue.Table)
        {
            sb.Append(' ').Append(metric.Name).Append(" |");
        }

        sb.Append("\n|---|---|---|---|---:|");
        sb.Append(string.Concat(Enumerable.Repeat("---:|", MetricCatalogue.Table.Count))).Append('\n');
        foreach (SummaryRow r in rows)
        {
            sb.Append("| ").Append(Md(r.DatasetLabel)).Append(" | ").Append(Md(r.Source)).Append(" | ").Append(Md(r.Target))
              .Append(" | ").Append(Md(r.Method)).Append(" | ").Append(r.Runs.ToString(CultureInfo.InvariantCulture)).Append(" |");
            foreach (Metric metric in MetricCatalogue.Table)
            {
                sb.Append(' ').Append(metric.Format(r[metric], " ± ")).Append(" |");
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    public static string ToLatex(IReadOnlyList<SummaryRow> rows) =>
        ToLatex(rows, MetricCatalogue.Table, "Mean $\\pm$ sample standard deviation over $n$ seeds.");

    /// <summary>One booktabs table: a row per summary row, a column per metric of <paramref name="metrics"/> (mean $\pm$ std over seeds), <paramref name="caption"/> as LaTeX.</summary>
    public static string ToLatex(IReadOnlyList<SummaryRow> rows, IReadOnlyList<Metric> metrics, string caption)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(metrics);
        var sb = new StringBuilder();
        sb.Append("\\begin{table}[t]\n\\centering\n\\small\n\\begin{tabular}{llllr").Append('r', metrics.Count).Append("}\n\\toprule\n");
        sb.Append("Dataset & Source & Target & Method & $n$");
        foreach (Metric metric in metrics)
        {
            sb.Append(" & ").Append(Tex(metric.Name));
        }

        sb.Append(" \\\\\n\\midrule\n");
        foreach (SummaryRow r in rows)
        {
            sb.Append(Tex(r.DatasetLabel)).Append(" & ").Append(Tex(r.Source)).Append(" & ").Append(Tex(r.Target))
              .Append(" & ").Append(Tex(r.Method)).Append(" & ").Append(r.Runs.ToString(CultureInfo.InvariantCulture));
            foreach (Metric metric in metrics)
            {
                sb.Append(" & ").Append(metric.Format(r[metric], " $\\pm$ "));
            }

            sb.Append(" \\\\\n");
        }

        sb.Append("\\bottomrule\n\\end{tabular}\n\\caption{").Append(caption).Append("}\n\\end{table}\n");
        return sb.ToString();
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
