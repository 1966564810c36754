using FaceCompat.Evaluation;
using FaceCompat.Statistics;

namespace FaceCompat.Study;

/// <summary>Spearman's rho (and its p-value) across pairs between a similarity measure and one task metric.</summary>
/// <param name="Task">The task metric (cross-model Rank-1 or TMR@FMR=1 %, mean over seeds per pair).</param>
/// <param name="Spearman">rho and its two-sided p-value (SciPy's spearmanr).</param>
public readonly record struct TaskCorrelation(Metric Task, SpearmanResult Spearman);

/// <summary>
/// Does a similarity measure predict which models can be interchanged? One dataset, one method, one
/// measure: Spearman's rho across the ordered pairs of different models between the measure (mean over
/// seeds) and each of <see cref="SimilarityRankCorrelations.TaskMetrics"/> (mean over seeds). A higher
/// similarity (or a lower Procrustes angle) going with better cross-model retrieval gives a positive (or
/// negative) rho. The rows of <c>similarity/&lt;dataset&gt;.rank-correlation.csv</c> and of the report's table.
/// </summary>
/// <param name="Dataset">The dataset evaluated (intra protocol, full fit).</param>
/// <param name="Method">The map method's name.</param>
/// <param name="Measure">One of <see cref="MetricCatalogue.Similarity"/>.</param>
/// <param name="Pairs">Ordered pairs of different models correlated over.</param>
/// <param name="Correlations">One per task metric, in the order of <see cref="SimilarityRankCorrelations.TaskMetrics"/>.</param>
public sealed record SimilarityRankCorrelation(string Dataset, string Method, Metric Measure, int Pairs, IReadOnlyList<TaskCorrelation> Correlations);

/// <summary>The one place that correlates similarity measures with task metrics across pairs.</summary>
public static class SimilarityRankCorrelations
{
    /// <summary>The task metrics each measure is correlated with.</summary>
    public static IReadOnlyList<Metric> TaskMetrics { get; } = [MetricCatalogue.Rank1, MetricCatalogue.TmrAtFmr1];

    /// <summary>
    /// The correlations of every dataset (ordinal order), method (ordinal order) and measure (catalogue
    /// order), over the intra-dataset, full-fit rows of different models whose cells all carry similarity.
    /// None when no such row exists (a study without <c>--similarity</c>).
    /// </summary>
    public static IReadOnlyList<SimilarityRankCorrelation> Of(IEnumerable<SummaryRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var result = new List<SimilarityRankCorrelation>();
        var eligible = rows.Where(r => r.Protocol == "intra" && !r.LimitedFit && !r.IsSelf && r.Cells.All(c => c.Similarity is not null));
        foreach (var dataset in eligible.GroupBy(r => r.Dataset).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var method in dataset.GroupBy(r => r.Method).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                List<SummaryRow> pairs = method.ToList();
                foreach (Metric measure in MetricCatalogue.Similarity)
                {
                    double[] similarity = pairs.Select(r => r.Cells.Average(c => c.Similarity![measure].Value)).ToArray();
                    TaskCorrelation[] correlations = TaskMetrics
                        .Select(task => new TaskCorrelation(task, SpearmanCorrelation.Compute(similarity, pairs.Select(r => r[task].Mean).ToArray())))
                        .ToArray();
                    result.Add(new SimilarityRankCorrelation(dataset.Key, method.Key, measure, pairs.Count, correlations));
                }
            }
        }

        return result;
    }
}
