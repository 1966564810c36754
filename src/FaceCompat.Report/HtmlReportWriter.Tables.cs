using System.Text;
using FaceCompat.Evaluation;
using FaceCompat.Study;

namespace FaceCompat.Report;

public static partial class HtmlReportWriter
{
    private static void AppendPairTables(StringBuilder sb, StudyReport report, List<SummaryRow> intra)
    {
        sb.Append("<h3 id=\"table-pairs\">Pair x method</h3>\n");
        AppendSummary(sb, intra);
        sb.Append("<h3 id=\"table-self\">Self rows (each model on its own)</h3>\n");
        AppendSummary(sb, report.Summaries.Where(s => s.IsSelf && !s.IsCross).ToList());
    }

    private static void AppendCrossSection(StringBuilder sb, StudyReport report)
    {
        List<SummaryRow> cross = report.Summaries.Where(s => s.IsCross).ToList();
        sb.Append("<p>Leakage control: fit on one dataset, evaluate on another.</p>\n");
        if (cross.Count == 0)
        {
            sb.Append("<p class=\"note\">The study has no cross-dataset cells.</p>\n");
        }
        else
        {
            AppendCross(sb, report, cross);
        }
    }

    private static void AppendAudit(StringBuilder sb, StudyReport report)
    {
        int[] runs = report.Summaries.Select(s => s.Runs).Distinct().Order().ToArray();
        sb.Append("<p>").Append(Count(report.Summaries.Count)).Append(" summary rows rest on ")
          .Append(runs.Length == 1 ? Count(runs[0]) : Count(runs[0]) + "&ndash;" + Count(runs[^1])).Append(" cells (seeds) each.</p>\n");
        if (report.Summaries.All(s => !s.Method.StartsWith("null", StringComparison.Ordinal)))
        {
            sb.Append("<p><strong>Null baseline.</strong> The study has no random-orthogonal-map cells (method <code>null</code>); ")
              .Append("add it with <code>facecompat study --methods baseline,procrustes,linear,ridge,null</code>. The <code>baseline</code> rows (no alignment) are the only floor shown.</p>\n");
        }
    }

    private static void AppendExtras(StringBuilder sb, StudyReport report)
    {
        if (report.Extras.Count == 0)
        {
            sb.Append("<p class=\"note\">No tables under <code>geometry/</code> or <code>lfw10/</code> (<code>facecompat geometry --study</code>, <code>facecompat lfw10 --study</code>).</p>\n");
        }

        foreach (ExtraTable extra in report.Extras)
        {
            sb.Append("<h3>").Append(Encode(extra.Name)).Append("</h3>\n<table><tr>");
            foreach (string h in extra.Header)
            {
                sb.Append("<th>").Append(Encode(h)).Append("</th>");
            }

            sb.Append("</tr>\n");
            foreach (IReadOnlyList<string> row in extra.Rows)
            {
                sb.Append("<tr>");
                foreach (string cell in row)
                {
                    sb.Append("<td class=\"name\">").Append(Encode(cell)).Append("</td>");
                }

                sb.Append("</tr>\n");
            }

            sb.Append("</table>\n");
        }
    }

    private static void AppendSummary(StringBuilder sb, IReadOnlyList<SummaryRow> rows) =>
        AppendMetricTable(sb, ["Dataset", "Source", "Target", "Method", "n"], MetricCatalogue.Table, rows, r => [r.DatasetLabel, r.Source, r.Target, r.Method]);

    /// <summary>
    /// One row per summary row: its names (HTML-encoded), its number of runs, each of <paramref name="metrics"/> as mean
    /// ± std over seeds, then <paramref name="extra"/>'s column when given. <paramref name="headers"/> name the
    /// name columns and the runs column.
    /// </summary>
    private static void AppendMetricTable(StringBuilder sb, string[] headers, IReadOnlyList<Metric> metrics, IEnumerable<SummaryRow> rows, Func<SummaryRow, string[]> names, (string Header, Func<SummaryRow, string> Cell)? extra = null)
    {
        sb.Append("<table><tr>");
        foreach (string h in headers.Concat(metrics.Select(m => m.Name)).Concat(extra is { } e ? [e.Header] : []))
        {
            sb.Append("<th>").Append(Encode(h)).Append("</th>");
        }

        sb.Append("</tr>\n");
        foreach (SummaryRow r in rows)
        {
            sb.Append("<tr>");
            Names(sb, names(r));
            sb.Append("<td>").Append(Count(r.Runs)).Append("</td>");
            foreach (Metric metric in metrics)
            {
                sb.Append("<td>").Append(metric.Format(r[metric], " &plusmn; ")).Append("</td>");
            }

            if (extra is { } x)
            {
                sb.Append("<td>").Append(Encode(x.Cell(r))).Append("</td>");
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</table>\n");
    }

    private static void AppendCross(StringBuilder sb, StudyReport report, List<SummaryRow> cross)
    {
        sb.Append("<table><tr><th>Fit -&gt; eval</th><th>Source</th><th>Target</th><th>Method</th><th>Rank-1 cross (n)</th><th>Rank-1 intra on eval (n)</th><th>AUC cross</th><th>AUC intra</th></tr>\n");
        foreach (SummaryRow c in cross)
        {
            SummaryRow? intra = report.Summaries.FirstOrDefault(s => !s.IsCross && s.Dataset == c.Dataset && s.Source == c.Source && s.Target == c.Target && s.Method == c.Method);
            sb.Append("<tr>");
            Names(sb, c.DatasetLabel, c.Source, c.Target, c.Method);
            Metric rank1 = MetricCatalogue.Rank1, auc = MetricCatalogue.Auc;
            sb.Append("<td>").Append(rank1.Format(c[rank1].Mean)).Append(" (").Append(Count(c.Runs)).Append(")</td><td>")
              .Append(intra is null ? "&ndash;" : rank1.Format(intra[rank1].Mean) + " (" + Count(intra.Runs) + ")").Append("</td><td>")
              .Append(auc.Format(c[auc].Mean)).Append("</td><td>").Append(intra is null ? "&ndash;" : auc.Format(intra[auc].Mean)).Append("</td></tr>\n");
        }

        sb.Append("</table>\n");
    }

    private static void Names(StringBuilder sb, params string[] names)
    {
        foreach (string n in names)
        {
            sb.Append("<td class=\"name\">").Append(Encode(n)).Append("</td>");
        }
    }
}
