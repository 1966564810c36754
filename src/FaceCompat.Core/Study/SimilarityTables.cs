using System.Globalization;
using System.Text;
using FaceCompat.Evaluation;

namespace FaceCompat.Study;

/// <summary>
/// The similarity/ folder of a study run with <c>--similarity</c> (docs/study-format.md): per intra-dataset
/// dataset, a models x models matrix of each measure (mean over seeds) and of its calibrated value z, the
/// average-linkage tree on the symmetrised Procrustes angle (a true metric), and the Spearman correlation
/// across ordered pairs of different models between each measure and each method's cross-model Rank-1 and
/// TMR@FMR=1 %.
/// </summary>
internal static class SimilarityTables
{
    /// <summary>(file name inside similarity/, text) of every table; none when no full-fit intra row carries similarity.</summary>
    public static IEnumerable<(string Name, string Text)> Of(IReadOnlyList<SummaryRow> rows, IReadOnlyList<string> models, Func<IReadOnlyList<string>, IEnumerable<SummaryRow>, Func<SummaryRow, double>, double[,]> pairMatrix)
    {
        var intra = rows.Where(r => r.Protocol == "intra" && !r.LimitedFit && r.Cells.All(c => c.Similarity is not null)).ToList();
        foreach (var dataset in intra.GroupBy(r => r.Dataset).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // Every method of a pair carries the same similarity (measured once per work unit): take one method's rows.
            string firstMethod = dataset.Select(r => r.Method).Min(StringComparer.Ordinal)!;
            var pairs = dataset.Where(r => r.Method == firstMethod).ToList();
            foreach (Metric measure in MetricCatalogue.Similarity)
            {
                yield return ($"{dataset.Key}.{measure.CsvKey}.csv", CompatibilityMatrix.Csv(models, pairMatrix(models, pairs, r => Mean(r, c => c.Similarity![measure].Value))));
                yield return ($"{dataset.Key}.{measure.CsvKey}_z.csv", CompatibilityMatrix.Csv(models, pairMatrix(models, pairs, r => Mean(r, c => c.Similarity![measure].Z))));
            }

            double[,] angle = pairMatrix(models, pairs, r => Mean(r, c => c.Similarity!.ProcrustesAngle.Value));
            if (models.Count > 1 && Symmetrised(angle) is double[,] distance)
            {
                AverageLinkage tree = AverageLinkage.Cluster(models, distance);
                yield return ($"{dataset.Key}.{MetricCatalogue.ProcrustesAngle.CsvKey}.newick", tree.ToNewick() + "\n");
                yield return ($"{dataset.Key}.{MetricCatalogue.ProcrustesAngle.CsvKey}.txt", tree.ToText());
            }

            yield return ($"{dataset.Key}.rank-correlation.csv", RankCorrelationCsv(SimilarityRankCorrelations.Of(dataset)));
        }
    }

    /// <summary>measure, method, pairs, then rho and p per task metric (<see cref="SimilarityRankCorrelations"/>).</summary>
    private static string RankCorrelationCsv(IReadOnlyList<SimilarityRankCorrelation> correlations)
    {
        var sb = new StringBuilder("measure,method,pairs");
        foreach (Metric task in SimilarityRankCorrelations.TaskMetrics)
        {
            sb.Append(CultureInfo.InvariantCulture, $",{task.CsvKey}_rho,{task.CsvKey}_p");
        }

        sb.Append('\n');
        foreach (SimilarityRankCorrelation c in correlations)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{c.Measure.CsvKey},{c.Method},{c.Pairs}");
            foreach (TaskCorrelation t in c.Correlations)
            {
                sb.Append(',').Append(CompatibilityMatrix.Format(t.Spearman.Rho)).Append(',').Append(Pvalue(t.Spearman.PValue));
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    private static string Pvalue(double p) => double.IsNaN(p) ? "" : p.ToString("G4", CultureInfo.InvariantCulture);

    private static double Mean(SummaryRow row, Func<CellResult, double> value) => row.Cells.Average(value);

    /// <summary>(d(a, b) + d(b, a)) / 2 with a zero diagonal; null when a pair is missing.</summary>
    private static double[,]? Symmetrised(double[,] d)
    {
        int n = d.GetLength(0);
        var s = new double[n, n];
        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b < n; b++)
            {
                if (a != b)
                {
                    s[a, b] = (d[a, b] + d[b, a]) / 2;
                    if (double.IsNaN(s[a, b]))
                    {
                        return null;
                    }
                }
            }
        }

        return s;
    }
}
