using System.Globalization;
using System.Text;
using FaceCompat.Evaluation;

namespace FaceCompat.Report;

public static partial class TableExporter
{
    /// <summary>
    /// The report's headline table (<see cref="ReportFindings"/>) as LaTeX (booktabs): per method, pairs, seeds, pairs it is
    /// best on, and for each <see cref="ReportFindings.Headline"/> metric mean $\pm$ std over seeds, the 95 % t interval
    /// and the std over pairs, as the HTML's "Per method" table.
    /// </summary>
    public static string MethodsToLatex(ReportFindings findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var sb = new StringBuilder();
        sb.Append("\\begin{table}[t]\n\\centering\n\\small\n\\begin{tabular}{lrrr").Append('r', 3 * ReportFindings.Headline.Count).Append("}\n\\toprule\n");
        sb.Append("Method & pairs & seeds & best on");
        foreach (Metric metric in ReportFindings.Headline)
        {
            sb.Append(" & ").Append(Tex(metric.Name)).Append(" & 95\\,\\% interval & std over pairs");
        }

        sb.Append(" \\\\\n\\midrule\n");
        foreach (ReportFindings.MethodFinding method in findings.Methods)
        {
            sb.Append(Tex(method.Method)).Append(" & ").Append(method.Pairs.ToString(CultureInfo.InvariantCulture))
              .Append(" & ").Append(method[MetricCatalogue.Rank1].Seeds.ToString(CultureInfo.InvariantCulture))
              .Append(" & ").Append(method.BestOn.ToString(CultureInfo.InvariantCulture));
            foreach (Metric metric in ReportFindings.Headline)
            {
                ReportFindings.SeedSpread v = method[metric];
                sb.Append(" & ").Append(metric.Format(new MetricAggregate(v.Mean, v.Std, v.Seeds), " $\\pm$ "))
                  .Append(" & ").Append(double.IsFinite(v.Low) ? "[" + metric.Format(v.Low) + ", " + metric.Format(v.High) + "]" : MetricCatalogue.NotDefined)
                  .Append(" & ").Append(metric.Format(v.PairStd));
            }

            sb.Append(" \\\\\n");
        }

        sb.Append("\\bottomrule\n\\end{tabular}\n\\caption{Per method, over the ")
          .Append(findings.Pairs.ToString(CultureInfo.InvariantCulture))
          .Append(" ordered pairs of different models: each seed's value is the mean over the method's pairs; mean $\\pm$ sample standard deviation and the 95\\,\\% $t$ interval are over seeds; the standard deviation over pairs is that of the per-pair means. Best on: pairs where the method's mean Rank-1 is the highest.}\n\\label{tab:methods}\n\\end{table}\n");
        return sb.ToString();
    }
}
