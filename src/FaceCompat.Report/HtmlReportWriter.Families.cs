using System.Text;
using FaceCompat.Evaluation;
using FaceCompat.Study;

namespace FaceCompat.Report;

public static partial class HtmlReportWriter
{
    /// <summary>
    /// Within- and between-family means (<see cref="FamilyComparison"/>, pooled over datasets as the findings are), best
    /// method first; empty when the study's models span fewer than two families.
    /// </summary>
    private static List<FamilyComparison> FamilyComparisons(StudyReport report, ReportFindings findings)
    {
        List<string> byRank = findings.Methods.Select(m => m.Method).ToList();
        return FamilyComparison.Of(report.Summaries, report.Families, perDataset: false)
            .OrderBy(c => byRank.IndexOf(c.Method) is int i && i >= 0 ? i : int.MaxValue)
            .ToList();
    }

    /// <summary>One plain sentence comparing within- and between-family Rank-1 (and AUC) for the best method.</summary>
    private static void AppendFamilySentence(StringBuilder sb, List<FamilyComparison> comparisons)
    {
        if (comparisons.Count == 0)
        {
            return;
        }

        FamilyComparison lead = comparisons[0];
        Metric rank1 = MetricCatalogue.Rank1, auc = MetricCatalogue.Auc;
        double within = lead.Within.Mean(rank1), between = lead.Between.Mean(rank1);
        sb.Append("<p class=\"findings\" id=\"family-finding\">");
        if (lead.Within.Pairs == 0)
        {
            sb.Append("Every family (").Append(string.Join(", ", lead.Families.Select(Encode))).Append(") has a single model, so there is no within-family pair; between families, ")
              .Append(Encode(lead.Method)).Append(" reaches a mean Rank-1 of ").Append(Link(rank1.Format(between) + " %", "table-families"))
              .Append(" over ").Append(Count(lead.Between.Pairs)).Append(" ordered pairs.");
        }
        else
        {
            double gap = within - between;
            string verdict = !double.IsFinite(gap) ? "" : Math.Abs(gap) < 0.005 ? ": no difference" : ": " + rank1.Format(Math.Abs(gap)) + " points " + (gap > 0 ? "lower" : "higher") + " between families";
            sb.Append("With ").Append(Encode(lead.Method)).Append(", models of the same family map onto each other with a mean Rank-1 of ")
              .Append(Link(rank1.Format(within) + " %", "table-families")).Append(" (AUC ").Append(Link(auc.Format(lead.Within.Mean(auc)), "table-families"))
              .Append(", ").Append(Count(lead.Within.Pairs)).Append(" ordered pairs) and models of different families with ")
              .Append(Link(rank1.Format(between) + " %", "table-families")).Append(" (AUC ").Append(Link(auc.Format(lead.Between.Mean(auc)), "table-families"))
              .Append(", ").Append(Count(lead.Between.Pairs)).Append(" pairs)").Append(verdict)
              .Append(" (families ").Append(string.Join(", ", lead.Families.Select(Encode))).Append("; the own-space diagonal is excluded).");
        }

        sb.Append("</p>\n");
    }

    /// <summary>Every method's family blocks: within, between, then source family -> target family, each with its pairs.</summary>
    private static void AppendFamilyTable(StringBuilder sb, List<FamilyComparison> comparisons)
    {
        if (comparisons.Count == 0)
        {
            return;
        }

        sb.Append("<h3 id=\"table-families\">Within and between families, per method (ordered pairs of different models, pooled over datasets; own-space diagonal excluded)</h3>\n")
          .Append("<p>A pair's value is its mean over seeds; a block's is the mean over its pairs (a pair whose metric is not defined is left out of that metric's mean). ")
          .Append("Families come from the datasets' manifest.json (the study's families.json); models without a family are left out.</p>\n")
          .Append("<table><tr><th>Method</th><th>block</th><th>pairs</th>");
        foreach (Metric m in FamilyComparison.Metrics)
        {
            sb.Append("<th>").Append(Encode(m.Name)).Append("</th>");
        }

        sb.Append("</tr>\n");
        foreach (FamilyComparison c in comparisons)
        {
            foreach (FamilyBlock b in new[] { c.Within, c.Between }.Concat(c.Blocks).Where(b => b.Pairs > 0))
            {
                string block = b.SourceFamily is null ? b.Label : Encode(b.SourceFamily) + " &rarr; " + Encode(b.TargetFamily!);
                sb.Append("<tr data-block=\"").Append(Encode(c.Method + "|" + b.Label)).Append("\">");
                Names(sb, c.Method);
                sb.Append("<td class=\"name\">").Append(block).Append("</td><td>").Append(Count(b.Pairs)).Append("</td>");
                foreach (Metric m in FamilyComparison.Metrics)
                {
                    sb.Append("<td>").Append(m.Format(b.Mean(m))).Append("</td>");
                }

                sb.Append("</tr>\n");
            }
        }

        sb.Append("</table>\n");
    }
}
