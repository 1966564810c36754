using FaceCompat.Evaluation;
using FaceCompat.Statistics;
using FaceCompat.Study;

namespace FaceCompat.Report;

/// <summary>
/// The report's headline, from the data: per method, over the ordered pairs of different models of the
/// intra-dataset summary rows (at their largest number of fitting identities), the mean of <see cref="Headline"/> metrics with its spread, and which
/// method is best. Definitions (docs/report.md):
/// <list type="bullet">
/// <item>A method's value for one seed is the mean over its pairs of that seed's cells; mean, sample std and
/// the 95 % t interval (<see cref="StudentT.MeanInterval"/>) are over those per-seed values (seeds are the
/// replicates, as everywhere in the report). The std over pairs (of the per-pair means over seeds) is given beside.</item>
/// <item>The best method overall has the highest mean Rank-1 over pairs. A method is best on a pair when its
/// mean Rank-1 over seeds is the highest of the pair's methods (every tied method counts).</item>
/// <item>The best method is compared with every other one by the paired Wilcoxon signed-rank test over the
/// pairs both have (per-pair mean Rank-1 over seeds).</item>
/// </list>
/// </summary>
public sealed class ReportFindings
{
    /// <summary>The metrics the headline table gives per method.</summary>
    public static IReadOnlyList<Metric> Headline { get; } = [MetricCatalogue.Rank1, MetricCatalogue.Auc, MetricCatalogue.TmrAtFmr01];

    private ReportFindings(IReadOnlyList<MethodFinding> methods, int pairs, IReadOnlyList<Comparison> comparisons)
    {
        Methods = methods;
        Pairs = pairs;
        Comparisons = comparisons;
    }

    /// <summary>Every method, best (highest mean Rank-1) first.</summary>
    public IReadOnlyList<MethodFinding> Methods { get; }

    /// <summary>Pairs (dataset, source, target) with at least one method.</summary>
    public int Pairs { get; }

    /// <summary>The best method against every other one.</summary>
    public IReadOnlyList<Comparison> Comparisons { get; }

    public MethodFinding? Best => Methods.Count > 0 ? Methods[0] : null;

    public static ReportFindings Of(IReadOnlyList<SummaryRow> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        List<SummaryRow> rows = summaries.Where(s => !s.IsCross && !s.IsSelf).ToList();
        var byPair = rows.GroupBy(s => (s.Dataset, s.Source, s.Target)).ToList();
        var bestOn = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in byPair)
        {
            double top = pair.Max(s => s[MetricCatalogue.Rank1].Mean);
            foreach (SummaryRow s in pair.Where(s => s[MetricCatalogue.Rank1].Mean == top))
            {
                bestOn[s.Method] = bestOn.GetValueOrDefault(s.Method) + 1;
            }
        }

        List<MethodFinding> methods = rows.GroupBy(s => s.Method)
            .Select(g => MethodFinding.Of(g.Key, g.ToList(), bestOn.GetValueOrDefault(g.Key)))
            .OrderByDescending(m => m[MetricCatalogue.Rank1].Mean)
            .ThenBy(m => m.Method, StringComparer.Ordinal)
            .ToList();
        var comparisons = new List<Comparison>();
        if (methods.Count > 1)
        {
            string best = methods[0].Method;
            foreach (MethodFinding other in methods.Skip(1))
            {
                var common = byPair
                    .Select(p => (A: p.FirstOrDefault(s => s.Method == best), B: p.FirstOrDefault(s => s.Method == other.Method)))
                    .Where(t => t.A is not null && t.B is not null)
                    .ToList();
                if (common.Count > 0)
                {
                    Wilcoxon.Result w = Wilcoxon.Test(
                        common.Select(t => t.A![MetricCatalogue.Rank1].Mean).ToList(),
                        common.Select(t => t.B![MetricCatalogue.Rank1].Mean).ToList());
                    int wins = common.Count(t => t.A![MetricCatalogue.Rank1].Mean > t.B![MetricCatalogue.Rank1].Mean);
                    comparisons.Add(new Comparison(best, other.Method, common.Count, wins, w));
                }
            }
        }

        return new ReportFindings(methods, byPair.Count, comparisons);
    }

    /// <summary>One method's headline numbers.</summary>
    public sealed class MethodFinding
    {
        private readonly Dictionary<Metric, SeedSpread> _values;

        private MethodFinding(string method, int pairs, int bestOn, Dictionary<Metric, SeedSpread> values)
        {
            Method = method;
            Pairs = pairs;
            BestOn = bestOn;
            _values = values;
        }

        public string Method { get; }

        public int Pairs { get; }

        /// <summary>Pairs on which this method has the highest mean Rank-1 (ties count for each tied method).</summary>
        public int BestOn { get; }

        public SeedSpread this[Metric metric] => _values[metric];

        internal static MethodFinding Of(string method, List<SummaryRow> rows, int bestOn)
        {
            var values = new Dictionary<Metric, SeedSpread>();
            foreach (Metric metric in Headline)
            {
                double[] perSeed = rows.SelectMany(r => r.Cells)
                    .GroupBy(c => c.Seed ?? -1)
                    .OrderBy(g => g.Key)
                    .Select(g => g.Average(c => metric.ValueOf(c.Metrics)))
                    .ToArray();
                MetricAggregate seeds = MetricAggregate.Over(perSeed);
                (double low, double high) = StudentT.MeanInterval(perSeed);
                double pairStd = rows.Count > 1 ? MetricAggregate.Over(rows.Select(r => r[metric].Mean)).Std : double.NaN;
                values[metric] = new SeedSpread(seeds.Mean, seeds.Std, low, high, perSeed.Length, pairStd);
            }

            return new MethodFinding(method, rows.Count, bestOn, values);
        }
    }

    /// <summary>Mean, sample std and 95 % t interval over seeds of the per-seed mean over pairs; the std over pairs beside.</summary>
    public readonly record struct SeedSpread(double Mean, double Std, double Low, double High, int Seeds, double PairStd);

    /// <summary>The best method against <paramref name="Other"/>: pairs both have, pairs where the best is strictly higher, the test.</summary>
    public sealed record Comparison(string Best, string Other, int Pairs, int BestHigher, Wilcoxon.Result Test);
}
