using System.Text;
using FaceCompat.Evaluation;
using FaceCompat.Study;

namespace FaceCompat.Report;

public static partial class HtmlReportWriter
{
    /// <summary>
    /// The open-set section: where report.js draws FNIR against FPIR for one (dataset, method), and the table of every
    /// pair's FNIR at the FRTE operating points (mean over seeds); a note when the study has no open-set evaluation.
    /// </summary>
    private static void AppendOpenSet(StringBuilder sb, StudyReport report)
    {
        List<SummaryRow> rows = ReportModel.OpenSetRows(report).ToList();
        if (rows.Count == 0)
        {
            sb.Append("<p class=\"note\" id=\"openset-absent\">The study has no open-set evaluation (<code>facecompat study --open-set</code>).</p>\n");
            return;
        }

        sb.Append("<p>NIST FRTE 1:N on each cell's test set (docs/metrics.md, Open-set identification): FNIR with a candidate list of R against FPIR, ")
          .Append("one line per ordered pair (lowest seed), log FPIR axis; the dashed rules are FRTE's operating points FPIR 0.3 %, 1 % and 10 %, ")
          .Append("the dots each pair's FNIR there (at the FPIR the threshold achieves). Choose dataset and method:</p>\n")
          .Append("<div id=\"openset-controls\" class=\"controls\"></div>\n<p class=\"note\" id=\"openset-note\" hidden></p>\n")
          .Append("<div class=\"charts\"><section><h3>FNIR against FPIR</h3><div id=\"chart-openset\"></div></section></div>\n")
          .Append("<h3 id=\"table-openset\">FNIR at the FRTE operating points, per pair (mean &plusmn; std over seeds, %)</h3>\n");
        AppendMetricTable(sb, ["Dataset", "Method", "Source", "Target", "seeds"], MetricCatalogue.OpenSet, rows, s => [s.Dataset, s.Method, s.Source, s.Target], ("curve", s => s.Cells[0].OpenSet!.FnirCurve is null ? "no curve" : "yes"));
    }
}
