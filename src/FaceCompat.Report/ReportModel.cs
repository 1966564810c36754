using System.Globalization;
using FaceCompat.Evaluation;
using FaceCompat.Study;

namespace FaceCompat.Report;

/// <summary>
/// The chart data embedded once in the HTML page as one JSON island, shared by every chart (names stay data;
/// the page never parses them as markup). Models, datasets, methods and metrics are listed once and
/// referred to by index (<c>families</c>: each model's family, null when unknown); <c>rows</c> holds every intra-dataset summary row's mean, std, min and max over
/// seeds of every metric; <c>orders</c> the clustermap's leaf order and dendrogram per (dataset, method, metric);
/// <c>curves</c> each row's CMC, ROC and score densities; <c>open_set</c> each open-set row's FNIR-vs-FPIR curve and
/// FRTE operating points (<see cref="OpenSet"/>).
/// </summary>
internal static class ReportModel
{
    /// <summary>FMR grid (log-spaced, 1e-6 .. 1) on which each ROC is kept: the TMR at the largest FMR of the curve at or below each.</summary>
    private static readonly double[] s_fmrGrid = Enumerable.Range(0, 37).Select(i => Math.Pow(10, -6 + (i / 6.0))).ToArray();

    public static Dictionary<string, object?> Build(StudyReport report)
    {
        List<SummaryRow> intra = report.Summaries.Where(s => !s.IsCross).ToList();
        string[] models = [.. report.Models];
        string[] datasets = [.. intra.Select(s => s.Dataset).Distinct().Order(StringComparer.Ordinal)];
        string[] methods = [.. intra.Select(s => s.Method).Distinct().Order(StringComparer.Ordinal)];
        List<Metric> metrics = [.. MetricCatalogue.Table];
        if (intra.Any(s => s.Cells.All(c => c.Linkability is not null)))
        {
            metrics.Add(MetricCatalogue.Dsys);
        }

        if (intra.Any(s => s.Cells.All(c => c.Similarity is not null)))
        {
            metrics.AddRange(MetricCatalogue.Similarity);
        }

        var modelIndex = Index(models);
        var datasetIndex = Index(datasets);
        var methodIndex = Index(methods);
        var rows = new List<object>();
        var curves = new List<object>();
        foreach (SummaryRow s in intra)
        {
            rows.Add(new
            {
                d = datasetIndex[s.Dataset],
                s = modelIndex[s.Source],
                t = modelIndex[s.Target],
                m = methodIndex[s.Method],
                n = s.Runs,
                v = metrics.Select(m => Spread(s, m)).ToArray(),
            });
            curves.Add(Curves(s));
        }

        var orders = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var group in intra.GroupBy(s => (s.Dataset, s.Method)))
        {
            string[] present = [.. group.SelectMany(s => new[] { s.Source, s.Target }).Distinct().Order(StringComparer.Ordinal)];
            for (int k = 0; k < metrics.Count; k++)
            {
                string key = $"{datasetIndex[group.Key.Dataset]}|{methodIndex[group.Key.Method]}|{k}";
                orders[key] = Order(present, group.ToList(), metrics[k], modelIndex, $"{group.Key.Dataset} / {group.Key.Method} / {metrics[k].Name}");
            }
        }

        var size = report.TrainingSize
            .Where(s => s.LimitedFit && s.FitIdentities > 0)
            .GroupBy(s => (s.Dataset, s.Method, s.FitIdentities))
            .Select(g => new { dataset = g.Key.Dataset, method = g.Key.Method, fit_identities = g.Key.FitIdentities, rank1 = Math.Round(g.Average(s => s[MetricCatalogue.Rank1].Mean), 2), n = g.Sum(s => s.Runs) })
            .ToList();

        return new Dictionary<string, object?>
        {
            ["models"] = models,
            ["families"] = models.Select(m => report.Families.GetValueOrDefault(m)).ToArray(),
            ["datasets"] = datasets,
            ["methods"] = methods,
            ["metrics"] = metrics.Select(m => new
            {
                key = m.CsvKey,
                name = m.Name,
                unit = m.Unit,
                decimals = m.Decimals,
                closer = CloserIsHigher(m) ? "higher" : "lower",
                domain = Domain(m),
            }).ToArray(),
            ["rows"] = rows,
            ["orders"] = orders,
            ["curves"] = curves,
            ["size"] = size,
            ["open_set"] = OpenSetRows(report).Select(s => OpenSet(s, datasetIndex, methodIndex, modelIndex)).ToArray(),
        };
    }

    /// <summary>The intra-dataset summary rows (own-space diagonal included) whose every cell has an open-set evaluation, in the report's row order.</summary>
    internal static IEnumerable<SummaryRow> OpenSetRows(StudyReport report) =>
        report.Summaries.Where(s => !s.IsCross && s.Cells.All(c => c.OpenSet is not null));

    /// <summary>
    /// One open-set row of the chart, from its lowest seed's cell exactly as stored: <c>curve</c> [achieved FPIR %,
    /// FNIR %] per point of the cell's <c>fnir_curve</c> (null for a cell written before it), <c>points</c> [target FPIR %,
    /// achieved FPIR %, FNIR %] per defined FRTE operating point; <c>d</c>, <c>m</c>, <c>s</c>, <c>t</c> as in <c>rows</c>.
    /// </summary>
    private static object OpenSet(SummaryRow s, Dictionary<string, int> datasetIndex, Dictionary<string, int> methodIndex, Dictionary<string, int> modelIndex)
    {
        OpenSetMetrics o = s.Cells[0].OpenSet!;
        return new
        {
            d = datasetIndex[s.Dataset],
            m = methodIndex[s.Method],
            s = modelIndex[s.Source],
            t = modelIndex[s.Target],
            seed = s.Cells[0].Seed,
            rank = o.Rank,
            curve = o.FnirCurve?.Select(p => new[] { p.AchievedFpir, p.Fnir }).ToArray(),
            points = o.AtFpir.Where(p => p.NotDefinedReason is null).Select(p => new[] { Math.Round(p.TargetFpir * 100, 6), p.AchievedFpir, p.Fnir }).ToArray(),
        };
    }

    /// <summary>Whether a higher value means the two models are closer (more compatible, more similar, more linkable).</summary>
    internal static bool CloserIsHigher(Metric metric) =>
        ReferenceEquals(metric, MetricCatalogue.Dsys) || metric.Direction == MetricDirection.HigherIsBetter;

    /// <summary>
    /// The clustermap's leaf order and dendrogram for one (dataset, method, metric): average linkage on the
    /// symmetrised value turned into a distance (top - value where higher is closer, top being 100 for percentages
    /// and 1 otherwise; the value itself where lower is closer). A pair with no row in either direction gets the
    /// largest distance seen. A degenerate tree (<see cref="Dendrogram.IsDegenerate"/>) keeps the names' order and says why.
    /// </summary>
    private static object Order(string[] models, List<SummaryRow> group, Metric metric, Dictionary<string, int> modelIndex, string what)
    {
        int n = models.Length;
        var local = Index(models);
        var value = new double[n, n];
        var has = new bool[n, n];
        foreach (SummaryRow s in group)
        {
            double v = s.Cells.Average(c => c.ValueOf(metric));
            if (double.IsFinite(v))
            {
                value[local[s.Source], local[s.Target]] = v;
                has[local[s.Source], local[s.Target]] = true;
            }
        }

        double top = metric.Scale == MetricScale.Percent ? 100 : 1;
        var dist = new double[n, n];
        double worst = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double[] both = new[] { (has[i, j], value[i, j]), (has[j, i], value[j, i]) }.Where(p => p.Item1).Select(p => p.Item2).ToArray();
                dist[i, j] = i == j ? 0 : both.Length == 0 ? double.NaN : CloserIsHigher(metric) ? top - both.Average() : both.Average();
                worst = double.IsFinite(dist[i, j]) ? Math.Max(worst, dist[i, j]) : worst;
            }
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                dist[i, j] = double.IsNaN(dist[i, j]) ? worst : dist[i, j];
            }
        }

        Dendrogram tree = Dendrogram.Of(AverageLinkage.Cluster(models, dist));
        if (tree.IsDegenerate)
        {
            string why = tree.MergeHeights.Count < 2
                ? "fewer than three models."
                : $"every merge is at the same distance ({tree.MergeHeights[0].ToString("0.####", CultureInfo.InvariantCulture)}), so the tree orders nothing; models in name order.";
            return new { order = models.Select(m => modelIndex[m]).ToArray(), tree = Array.Empty<double[]>(), note = $"Dendrogram {what} not drawn: {why}" };
        }

        return new
        {
            order = tree.LeafOrder.Select(i => modelIndex[models[i]]).ToArray(),
            tree = tree.Segments.Select(g => new[] { g.X1, Math.Round(g.Y1, 4), g.X2, Math.Round(g.Y2, 4) }).ToArray(),
            note = (string?)null,
        };
    }

    /// <summary>[mean, std, min, max] over seeds (std null for one seed), or null when a cell does not carry the metric.</summary>
    private static double?[]? Spread(SummaryRow s, Metric metric)
    {
        double[] v = s.Cells.Select(c => c.ValueOf(metric)).ToArray();
        if (v.Any(x => !double.IsFinite(x)))
        {
            return null;
        }

        MetricAggregate a = MetricAggregate.Over(v);
        int digits = metric.Decimals + 2;
        return [Math.Round(a.Mean, digits), double.IsFinite(a.Std) ? Math.Round(a.Std, digits) : null, Math.Round(v.Min(), digits), Math.Round(v.Max(), digits)];
    }

    /// <summary>Scale domain of the heatmap's colour: 0..100 for percentages, 0..1 for fractions in that range; null (the data's range) otherwise.</summary>
    private static double[]? Domain(Metric metric) =>
        metric.Scale == MetricScale.Percent ? [0, 100]
        : ReferenceEquals(metric, MetricCatalogue.Dsys) || metric == MetricCatalogue.Auc || metric == MetricCatalogue.MeanAveragePrecision ? [0, 1]
        : null;

    /// <summary>The row's CMC (mean over seeds, Rank-k %), ROC of the lowest seed on the FMR grid as [fmr, tmr], and, with linkability, its score densities.</summary>
    private static object Curves(SummaryRow s)
    {
        int depth = s.Cells.Min(c => c.Metrics.Cmc.Length);
        double[] cmc = Enumerable.Range(0, depth).Select(k => Math.Round(s.Cells.Average(c => c.Metrics.Cmc[k]), 2)).ToArray();
        RocPoint[] roc = [.. s.Cells[0].Metrics.Roc.OrderBy(p => p.Fmr)];
        var points = new List<double[]>();
        foreach (double g in s_fmrGrid)
        {
            int i = Array.FindLastIndex(roc, p => p.Fmr <= g);
            if (i >= 0 && roc[i].Fmr > 0 && (points.Count == 0 || points[^1][0] != roc[i].Fmr))
            {
                points.Add([double.Parse(roc[i].Fmr.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), Math.Round(1 - roc[i].Fnmr, 5)]);
            }
        }

        Linkability.LinkabilityResult? link = s.Cells[0].Linkability?.OtherCapture;
        return new
        {
            cmc,
            roc = points,
            density = link is null ? null : Enumerable.Range(0, link.Centres.Length)
                .Select(k => new[] { Math.Round(link.Centres[k], 4), Math.Round(link.MatedDensity[k], 4), Math.Round(link.NonMatedDensity[k], 4) })
                .ToArray(),
        };
    }

    private static Dictionary<string, int> Index(string[] names) =>
        names.Select((m, i) => (m, i)).ToDictionary(t => t.m, t => t.i, StringComparer.Ordinal);
}
