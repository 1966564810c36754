using FaceCompat.Audit;
using FaceCompat.Evaluation;
using FaceCompat.Linkability;
using FaceCompat.Study;

namespace FaceCompat.Report;

/// <summary>The chart data embedded in the HTML page as JSON (names stay data; the page never parses them as markup).</summary>
internal static class ReportModel
{
    public static Dictionary<string, object> Build(StudyReport report)
    {
        List<SummaryRow> intra = report.Summaries.Where(s => !s.IsCross).ToList();
        var heat = new List<object>();
        var dendro = new List<object>();
        var flow = new List<object>();
        var panels = new List<object>();
        foreach (var group in intra.GroupBy(s => (s.Dataset, s.Method)).OrderBy(g => g.Key.Dataset, StringComparer.Ordinal).ThenBy(g => g.Key.Method, StringComparer.Ordinal))
        {
            string panel = group.Key.Dataset + " / " + group.Key.Method;
            string[] models = group.SelectMany(s => new[] { s.Source, s.Target }).Distinct().Order(StringComparer.Ordinal).ToArray();
            var index = models.Select((m, i) => (m, i)).ToDictionary(t => t.m, t => t.i, StringComparer.Ordinal);
            int n = models.Length;
            var r1 = new double[n, n];
            var has = new bool[n, n];
            foreach (SummaryRow s in group)
            {
                r1[index[s.Source], index[s.Target]] = s[MetricCatalogue.Rank1].Mean;
                has[index[s.Source], index[s.Target]] = true;
            }

            var dist = new double[n, n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double a = has[i, j] ? r1[i, j] : 0, b = has[j, i] ? r1[j, i] : 0;
                    dist[i, j] = i == j ? 0 : 100 - ((a + b) / 2);
                }
            }

            Dendrogram tree = Dendrogram.Of(AverageLinkage.Cluster(models, dist));
            string[] ordered = tree.LeafOrder.Select(i => models[i]).ToArray();
            bool linkability = group.All(s => s.Cells.All(c => c.Linkability is not null));
            double[] values = group.Where(s => !s.IsSelf).Select(s => s[MetricCatalogue.Rank1].Mean).ToArray();
            string? treeNote = tree.IsDegenerate
                ? $"Dendrogram {panel} not drawn: " + (tree.MergeHeights.Count < 2 ? "fewer than three models." : $"every merge is at the same distance ({tree.MergeHeights[0].ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}), so the tree orders nothing.")
                : null;
            string? heatNote = values.Length > 0 && values.Max() - values.Min() <= 1e-9
                ? $"Rank-1 heatmap {panel} not drawn: every pair of different models has the same value ({MetricCatalogue.Rank1.Format(values[0])} %)."
                : null;
            panels.Add(new { panel, order = ordered, linkability, tree_note = treeNote, heat_note = heatNote });
            foreach (SummaryRow s in group)
            {
                double? dsys = linkability ? Math.Round(s.Cells.Average(c => c.Linkability!.OtherCapture.Dsys), 4) : null;
                heat.Add(new { panel, source = s.Source, target = s.Target, rank1 = Math.Round(s[MetricCatalogue.Rank1].Mean, 2), dsys, n = s.Runs });
            }

            foreach (DendrogramSegment seg in tree.Segments)
            {
                dendro.Add(new { panel, x = seg.X1, y = Math.Round(seg.Y1, 3), x2 = seg.X2, y2 = Math.Round(seg.Y2, 3) });
            }

            for (int i = 0; i < ordered.Length; i++)
            {
                dendro.Add(new { panel, x = (double)i, y = 0.0, x2 = (double)i, y2 = 0.0, label = ordered[i] });
            }

            foreach (string m in models)
            {
                var incoming = group.Where(s => s.Target == m && !s.IsSelf).Select(s => s[MetricCatalogue.Rank1].Mean).ToList();
                var outgoing = group.Where(s => s.Source == m && !s.IsSelf).Select(s => s[MetricCatalogue.Rank1].Mean).ToList();
                if (incoming.Count > 0)
                {
                    flow.Add(new { panel, model = m, direction = "incoming", rank1 = Math.Round(incoming.Average(), 2), n = incoming.Count });
                }

                if (outgoing.Count > 0)
                {
                    flow.Add(new { panel, model = m, direction = "outgoing", rank1 = Math.Round(outgoing.Average(), 2), n = outgoing.Count });
                }
            }
        }

        var curves = report.Summaries.Select(s => new
        {
            pair = s.DatasetLabel + ": " + s.Source + " -> " + s.Target,
            method = s.Method,
            self = s.IsSelf,
            cmc = MeanCmc(s),
            roc = Thin(s.Cells[0].Metrics.Roc, 80),
        }).ToList();

        // Score densities and D(s) of the lowest seed's cell, for every pair and method measured with --linkability.
        var linkCurves = new List<object>();
        foreach (SummaryRow s in report.Summaries.Where(s => s.Cells[0].Linkability is not null))
        {
            LinkabilityResult c = s.Cells[0].Linkability!.OtherCapture;
            string pair = s.DatasetLabel + ": " + s.Source + " -> " + s.Target;
            for (int k = 0; k < c.Centres.Length; k++)
            {
                linkCurves.Add(new { pair, method = s.Method, score = Math.Round(c.Centres[k], 5), mated = Math.Round(c.MatedDensity[k], 4), non_mated = Math.Round(c.NonMatedDensity[k], 4), local = Math.Round(c.Local[k], 4) });
            }
        }

        var size = report.TrainingSize
            .Where(s => s.FitIdentities > 0)
            .GroupBy(s => (s.Dataset, s.Method, s.FitIdentities))
            .Select(g => new { dataset = g.Key.Dataset, method = g.Key.Method, fit_identities = g.Key.FitIdentities, rank1 = Math.Round(g.Average(s => s[MetricCatalogue.Rank1].Mean), 2), n = g.Sum(s => s.Runs) })
            .ToList();

        return new Dictionary<string, object>
        {
            ["panels"] = panels,
            ["heat"] = heat,
            ["dendro"] = dendro,
            ["flow"] = flow,
            ["curves"] = curves,
            ["size"] = size,
            ["link_curves"] = linkCurves,
        };
    }

    private static double[] MeanCmc(SummaryRow s)
    {
        int depth = s.Cells.Min(c => c.Metrics.Cmc.Length);
        var mean = new double[depth];
        for (int k = 0; k < depth; k++)
        {
            mean[k] = Math.Round(s.Cells.Average(c => c.Metrics.Cmc[k]), 3);
        }

        return mean;
    }

    private static double[][] Thin(RocPoint[] roc, int points)
    {
        if (roc.Length <= points)
        {
            return roc.Select(p => new[] { Math.Round(p.Fmr, 6), Math.Round(p.Fnmr, 6) }).ToArray();
        }

        return Enumerable.Range(0, points)
            .Select(i => roc[(int)((long)i * (roc.Length - 1) / (points - 1))])
            .Select(p => new[] { Math.Round(p.Fmr, 6), Math.Round(p.Fnmr, 6) })
            .ToArray();
    }
}
