using System.Globalization;
using System.Text;
using FaceCompat.Evaluation;
using FaceCompat.Statistics;
using FaceCompat.Study;

namespace FaceCompat.Report;

public static partial class HtmlReportWriter
{
    private static void AppendStatistics(StringBuilder sb, StudyReport report, List<SummaryRow> intra)
    {
        sb.Append("<h3 id=\"table-bootstrap\">95% bootstrap intervals over identities</h3>\n");
        List<SummaryRow> withQueries = intra.Where(s => s.Cells.All(c => c.Metrics.Queries is { Length: > 0 })).ToList();
        if (withQueries.Count == 0)
        {
            sb.Append("<p>No cell carries per-query outcomes (<code>queries</code>), so no interval over identities can be given; ")
              .Append("the &plusmn; in the tables is the std over seeds.</p>\n");
        }
        else
        {
            sb.Append("<p>Identities resampled with replacement, 1000 replicates (seeded), on the lowest seed's cell; ")
              .Append("verification metrics (AUC, EER, TMR) have no per-identity data here: their spread is the std over seeds above.</p>\n")
              .Append("<table><tr><th>Dataset</th><th>Source</th><th>Target</th><th>Method</th><th>identities</th>")
              .Append(string.Concat(MetricCatalogue.PerQuery.Select(m => "<th>" + Encode(m.Name) + " CI</th>"))).Append("</tr>\n");
            foreach (SummaryRow s in withQueries)
            {
                QueryOutcome[] q = s.Cells[0].Metrics.Queries!;
                sb.Append("<tr>");
                Names(sb, s.Dataset, s.Source, s.Target, s.Method);
                IdentityBootstrap.Interval[] intervals = MetricCatalogue.PerQuery.Select(m => IdentityBootstrap.Run(q, m)).ToArray();
                sb.Append("<td>").Append(Count(intervals[0].Identities)).Append("</td>");
                foreach ((Metric metric, IdentityBootstrap.Interval ci) in MetricCatalogue.PerQuery.Zip(intervals))
                {
                    sb.Append("<td>[").Append(metric.Format(ci.Low)).Append(", ").Append(metric.Format(ci.High)).Append("]</td>");
                }

                sb.Append("</tr>\n");
            }

            sb.Append("</table>\n");
        }

        sb.Append("<h3 id=\"table-wilcoxon\">Paired Wilcoxon signed-rank tests between methods (Rank-1, across seeds)</h3>\n")
          .Append("<p>Two-sided; exact null for n &le; 50 without zero differences, else normal approximation (as scipy 1.10 stats.wilcoxon). ")
          .Append("With few seeds the smallest reachable p is 2 / 2<sup>n</sup>.</p>\n")
          .Append("<table><tr><th>Dataset</th><th>Source</th><th>Target</th><th>Method A</th><th>Method B</th><th>n pairs</th><th>W</th><th>p</th></tr>\n");
        foreach (var pair in intra.GroupBy(s => (s.Dataset, s.Source, s.Target)))
        {
            SummaryRow[] methods = pair.OrderBy(s => s.Method, StringComparer.Ordinal).ToArray();
            for (int a = 0; a < methods.Length; a++)
            {
                for (int b = a + 1; b < methods.Length; b++)
                {
                    var seedsA = methods[a].Cells.Where(c => c.Seed is not null).ToDictionary(c => c.Seed!.Value, c => c.Metrics.Rank1);
                    var common = methods[b].Cells.Where(c => c.Seed is not null && seedsA.ContainsKey(c.Seed.Value)).ToList();
                    if (common.Count == 0)
                    {
                        continue;
                    }

                    Wilcoxon.Result w = Wilcoxon.Test(common.Select(c => seedsA[c.Seed!.Value]).ToList(), common.Select(c => c.Metrics.Rank1).ToList());
                    sb.Append("<tr>");
                    Names(sb, pair.Key.Dataset, pair.Key.Source, pair.Key.Target, methods[a].Method, methods[b].Method);
                    sb.Append("<td>").Append(Count(common.Count)).Append("</td><td>")
                      .Append(w.Statistic.ToString("0.#", CultureInfo.InvariantCulture)).Append("</td><td>")
                      .Append(w.PValue.ToString("0.####", CultureInfo.InvariantCulture)).Append("</td></tr>\n");
                }
            }
        }

        sb.Append("</table>\n");
        AppendSimilarityCorrelations(sb, report);
    }
}
