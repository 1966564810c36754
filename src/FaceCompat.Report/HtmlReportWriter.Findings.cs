using System.Globalization;
using System.Text;
using FaceCompat.Evaluation;
using FaceCompat.Study;

namespace FaceCompat.Report;

public static partial class HtmlReportWriter
{
    /// <summary>The summary section: a generated paragraph (every number a link to its table), the per-method table and the tests.</summary>
    private static void AppendFindings(StringBuilder sb, StudyReport report)
    {
        ReportFindings f = ReportFindings.Of(report.Summaries);
        int models = report.Models.Count();
        int datasets = report.Summaries.Where(s => !s.IsCross).Select(s => s.Dataset).Distinct().Count();
        Metric rank1 = MetricCatalogue.Rank1;
        if (f.Best is not { } best)
        {
            sb.Append("<p class=\"findings\">The study has no pair of different models, so no method can be compared.</p>\n");
            return;
        }

        ReportFindings.SeedSpread b = best[rank1];
        sb.Append("<p class=\"findings\">Across ").Append(Link(Count(f.Pairs), "table-pairs")).Append(" ordered pairs of different models (")
          .Append(Count(models)).Append(" models, ").Append(Count(datasets)).Append(datasets == 1 ? " dataset" : " datasets").Append("), <strong>")
          .Append(Encode(best.Method)).Append("</strong> gives the highest mean Rank-1: ").Append(Link(rank1.Format(b.Mean) + " %", "table-methods"));
        if (double.IsFinite(b.Low))
        {
            sb.Append(" (95 % interval ").Append(Link("[" + rank1.Format(b.Low) + ", " + rank1.Format(b.High) + "]", "table-methods"))
              .Append(" over ").Append(Count(b.Seeds)).Append(" seeds)");
        }

        sb.Append(". It is the best method on ").Append(Link(Count(best.BestOn) + " of " + Count(f.Pairs) + " pairs (" + Percent(best.BestOn, f.Pairs) + ")", "table-methods")).Append('.');
        if (f.Comparisons.Count > 0)
        {
            ReportFindings.Comparison c = f.Comparisons[0];
            ReportFindings.MethodFinding second = f.Methods[1];
            sb.Append(" The runner-up, ").Append(Encode(c.Other)).Append(", reaches ").Append(Link(rank1.Format(second[rank1].Mean) + " %", "table-methods"))
              .Append("; ").Append(Encode(best.Method)).Append(" is higher on ").Append(Link(Count(c.BestHigher) + " of " + Count(c.Pairs), "table-method-tests"))
              .Append(" pairs, and the paired Wilcoxon signed-rank test over pairs gives ")
              .Append(Link("p = " + P(c.Test.PValue), "table-method-tests"))
              .Append(c.Test.PValue < 0.05 ? ", a difference unlikely to be chance at the 5 % level." : ", not a significant difference at the 5 % level.");
        }

        foreach (Metric m in ReportFindings.Headline.Skip(1))
        {
            sb.Append(' ').Append(m == ReportFindings.Headline[1] ? "Its mean " : "and mean ").Append(Encode(m.Name)).Append(" is ")
              .Append(Link(m.Format(best[m].Mean) + (m.Scale == MetricScale.Percent ? " %" : ""), "table-methods"))
              .Append(m == ReportFindings.Headline[^1] ? "." : ",");
        }

        if (f.Methods.Skip(2).FirstOrDefault(m => m.Method == "baseline") is { } baseline)
        {
            sb.Append(" Without alignment (baseline) the mean Rank-1 is ").Append(Link(rank1.Format(baseline[rank1].Mean) + " %", "table-methods")).Append('.');
        }

        sb.Append("</p>\n");
        List<FamilyComparison> families = FamilyComparisons(report, f);
        AppendFamilySentence(sb, families);
        AppendMethodTable(sb, f);
        AppendFamilyTable(sb, families);
    }

    private static void AppendMethodTable(StringBuilder sb, ReportFindings f)
    {
        sb.Append("<h3 id=\"table-methods\">Per method, over pairs of different models</h3>\n")
          .Append("<p>Each seed's value is the mean over the method's pairs; mean &plusmn; sample std and the 95 % t interval are over seeds; ")
          .Append("&ldquo;std over pairs&rdquo; is the spread of the per-pair means. Best on: pairs where the method's mean Rank-1 is the highest (ties count for each).</p>\n")
          .Append("<table><tr><th>Method</th><th>pairs</th><th>seeds</th><th>best on</th>");
        foreach (Metric m in ReportFindings.Headline)
        {
            sb.Append("<th>").Append(Encode(m.Name)).Append("</th><th>95 % interval</th><th>std over pairs</th>");
        }

        sb.Append("</tr>\n");
        foreach (ReportFindings.MethodFinding method in f.Methods)
        {
            sb.Append("<tr>");
            Names(sb, method.Method);
            sb.Append("<td>").Append(Count(method.Pairs)).Append("</td><td>").Append(Count(method[MetricCatalogue.Rank1].Seeds)).Append("</td><td>")
              .Append(Count(method.BestOn)).Append(" (").Append(Percent(method.BestOn, f.Pairs)).Append(")</td>");
            foreach (Metric m in ReportFindings.Headline)
            {
                ReportFindings.SeedSpread v = method[m];
                sb.Append("<td>").Append(m.Format(new MetricAggregate(v.Mean, v.Std, v.Seeds), " &plusmn; ")).Append("</td><td>")
                  .Append(double.IsFinite(v.Low) ? "[" + m.Format(v.Low) + ", " + m.Format(v.High) + "]" : MetricCatalogue.NotDefined).Append("</td><td>")
                  .Append(m.Format(v.PairStd)).Append("</td>");
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</table>\n<h3 id=\"table-method-tests\">Best method against each other method (paired Wilcoxon over pairs, per-pair mean Rank-1)</h3>\n");
        if (f.Comparisons.Count == 0)
        {
            sb.Append("<p class=\"note\">Only one method: nothing to compare.</p>\n");
            return;
        }

        sb.Append("<table><tr><th>Best</th><th>Other</th><th>pairs</th><th>best higher on</th><th>W</th><th>p</th><th>null</th></tr>\n");
        foreach (ReportFindings.Comparison c in f.Comparisons)
        {
            sb.Append("<tr>");
            Names(sb, c.Best, c.Other);
            sb.Append("<td>").Append(Count(c.Pairs)).Append("</td><td>").Append(Count(c.BestHigher)).Append("</td><td>")
              .Append(c.Test.Statistic.ToString("0.#", CultureInfo.InvariantCulture)).Append("</td><td>").Append(P(c.Test.PValue)).Append("</td><td>")
              .Append(c.Test.Exact ? "exact" : "normal approx.").Append("</td></tr>\n");
        }

        sb.Append("</table>\n");
    }

    private static string Link(string text, string table) => "<a class=\"num\" href=\"#" + table + "\">" + text + "</a>";

    private static string Percent(int k, int n) => n == 0 ? MetricCatalogue.NotDefined : (100.0 * k / n).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static string P(double p) => p < 1e-4 ? p.ToString("0.#E+0", CultureInfo.InvariantCulture) : p.ToString("0.####", CultureInfo.InvariantCulture);
}
