using System.Globalization;
using System.Text;
using FaceCompat.Study;

namespace FaceCompat.Report;

public static partial class HtmlReportWriter
{
    /// <summary>Does CKA (or another similarity measure) predict which models can be interchanged? The table of <see cref="SimilarityRankCorrelations"/>.</summary>
    private static void AppendSimilarityCorrelations(StringBuilder sb, StudyReport report)
    {
        sb.Append("<h3 id=\"table-similarity-correlation\">Similarity measures against cross-model retrieval (Spearman across pairs)</h3>\n");
        IReadOnlyList<SimilarityRankCorrelation> rows = SimilarityRankCorrelations.Of(report.Summaries);
        if (rows.Count == 0)
        {
            sb.Append("<p class=\"note\">The study measured no representation similarity (<code>facecompat study --similarity</code>).</p>\n");
            return;
        }

        sb.Append("<p>Per method, Spearman's &rho; across the ordered pairs of different models between each measure of the raw test embeddings ")
          .Append("(mean over seeds) and the pair's cross-model metric (mean over seeds), with its two-sided p-value. ")
          .Append("A measure that predicts interchangeability has a positive &rho; (negative for the Procrustes angle, a distance).</p>\n")
          .Append("<table><tr><th>Dataset</th><th>Method</th><th>Measure</th><th>pairs</th>");
        foreach (var task in SimilarityRankCorrelations.TaskMetrics)
        {
            sb.Append("<th>&rho; with ").Append(Encode(task.Name)).Append("</th><th>p</th>");
        }

        sb.Append("</tr>\n");
        foreach (SimilarityRankCorrelation r in rows)
        {
            sb.Append("<tr><td>").Append(Encode(r.Dataset)).Append("</td><td>").Append(Encode(r.Method)).Append("</td><td>")
              .Append(Encode(r.Measure.Name)).Append("</td><td>").Append(Count(r.Pairs)).Append("</td>");
            foreach (TaskCorrelation t in r.Correlations)
            {
                sb.Append("<td>").Append(Number(t.Spearman.Rho, "0.000")).Append("</td><td>").Append(Number(t.Spearman.PValue, "0.####")).Append("</td>");
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</table>\n");
    }

    private static string Number(double value, string format) => double.IsNaN(value) ? "&ndash;" : value.ToString(format, CultureInfo.InvariantCulture);
}
