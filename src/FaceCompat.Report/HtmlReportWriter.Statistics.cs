using System.Globalization;
using System.Text;
using FaceCompat.Statistics;

namespace FaceCompat.Report;

public static partial class HtmlReportWriter
{
    private static void AppendStatistics(StringBuilder sb, StudyReport report, List<MetricSummary> intra)
    {
        sb.Append("<h2>95% bootstrap intervals over identities</h2>\n");
        List<MetricSummary> withQueries = intra.Where(s => s.Cells.All(c => c.Queries is { Length: > 0 })).ToList();
        if (withQueries.Count == 0)
        {
            sb.Append("<p>No cell carries per-query outcomes (<code>queries</code>), so no interval over identities can be given; ")
              .Append("the &plusmn; in the tables is the std over seeds.</p>\n");
        }
        else
        {
            sb.Append("<p>Identities resampled with replacement, 1000 replicates (seeded), on the lowest seed's cell; ")
              .Append("verification metrics (AUC, EER, TMR) have no per-identity data here: their spread is the std over seeds above.</p>\n")
              .Append("<table><tr><th>Dataset</th><th>Source</th><th>Target</th><th>Method</th><th>identities</th><th>Rank-1 CI</th><th>Rank-5 CI</th><th>Rank-10 CI</th><th>mAP CI</th></tr>\n");
            foreach (MetricSummary s in withQueries)
            {
                QueryRecord[] q = s.Cells[0].Queries!;
                sb.Append("<tr>");
                Names(sb, s.Dataset, s.Source, s.Target, s.Method);
                IdentityBootstrap.Interval first = IdentityBootstrap.Run(q, 0);
                sb.Append("<td>").Append(Count(first.Identities)).Append("</td>");
                for (int k = 0; k < 4; k++)
                {
                    IdentityBootstrap.Interval ci = k == 0 ? first : IdentityBootstrap.Run(q, k);
                    sb.Append("<td>[").Append(Format(ci.Low, k)).Append(", ").Append(Format(ci.High, k)).Append("]</td>");
                }

                sb.Append("</tr>\n");
            }

            sb.Append("</table>\n");
        }

        sb.Append("<h2>Paired Wilcoxon signed-rank tests between methods (Rank-1, across seeds)</h2>\n")
          .Append("<p>Two-sided; exact null for n &le; 50 without zero differences, else normal approximation (as scipy 1.10 stats.wilcoxon). ")
          .Append("With few seeds the smallest reachable p is 2 / 2<sup>n</sup>.</p>\n")
          .Append("<table><tr><th>Dataset</th><th>Source</th><th>Target</th><th>Method A</th><th>Method B</th><th>n pairs</th><th>W</th><th>p</th></tr>\n");
        foreach (var pair in intra.GroupBy(s => (s.Dataset, s.Source, s.Target)))
        {
            MetricSummary[] methods = pair.OrderBy(s => s.Method, StringComparer.Ordinal).ToArray();
            for (int a = 0; a < methods.Length; a++)
            {
                for (int b = a + 1; b < methods.Length; b++)
                {
                    var seedsA = methods[a].Cells.Where(c => c.Seed is not null).ToDictionary(c => c.Seed!.Value, c => c.Rank1);
                    var common = methods[b].Cells.Where(c => c.Seed is not null && seedsA.ContainsKey(c.Seed.Value)).ToList();
                    if (common.Count == 0)
                    {
                        continue;
                    }

                    Wilcoxon.Result w = Wilcoxon.Test(common.Select(c => seedsA[c.Seed!.Value]).ToList(), common.Select(c => c.Rank1).ToList());
                    sb.Append("<tr>");
                    Names(sb, pair.Key.Dataset, pair.Key.Source, pair.Key.Target, methods[a].Method, methods[b].Method);
                    sb.Append("<td>").Append(Count(common.Count)).Append("</td><td>")
                      .Append(w.Statistic.ToString("0.#", CultureInfo.InvariantCulture)).Append("</td><td>")
                      .Append(w.PValue.ToString("0.####", CultureInfo.InvariantCulture)).Append("</td></tr>\n");
                }
            }
        }

        sb.Append("</table>\n");
    }
}
