using System.Globalization;
using System.Text;
using System.Text.Json;
using FaceCompat.Data;
using FaceCompat.Evaluation;

namespace FaceCompat.Study;

/// <summary>What a study's aggregates hold: the summary rows and a compatibility matrix per (dataset, method); the models' known families beside.</summary>
public sealed record StudySummary(IReadOnlyList<SummaryRow> Rows, IReadOnlyList<CompatibilityMatrix> Matrices)
{
    /// <summary>The family of each model whose family is known (<see cref="StudyFolder.ReadFamilies"/>); empty when none is.</summary>
    public IReadOnlyDictionary<string, string> Families { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>
/// Turns a study's cell files into its aggregates (docs/study-format.md): summary.csv/.json/.md
/// (mean and sample std over seeds), compatibility/, clustering/ and asymmetry/ per intra-dataset
/// dataset and method (full fitting sets only; training-size cells are summarised, not clustered).
/// </summary>
internal static class StudyAggregator
{
    public static StudySummary Write(StudyFolder folder)
    {
        StudyDefinition definition = folder.Definition ?? throw new InvalidOperationException("Summaries need the study's configuration (study.json).");

        // Cells that do not parse are left out (the runner has just recomputed every torn one).
        List<SummaryRow> rows = SummaryRow.Group(folder.ReadReadableCells()).OrderBy(r => SortKey(r, definition.Models), StringComparer.Ordinal).ToList();
        List<CompatibilityMatrix> matrices = Matrices(rows, definition).ToList();
        folder.WriteText(StudyFolder.SummaryCsvFile, SummaryCsv(rows));
        folder.WriteText(StudyFolder.SummaryMarkdownFile, SummaryMarkdown(rows));
        folder.WriteText(StudyFolder.SummaryJsonFile, SummaryJson(rows));
        foreach (CompatibilityMatrix m in matrices)
        {
            string name = $"{m.Dataset}.{m.Method}";
            folder.WriteText(Path.Combine(StudyFolder.CompatibilityFolder, name + ".csv"), m.ToCsv());
            folder.WriteText(Path.Combine(StudyFolder.AsymmetryFolder, name + ".csv"), m.AsymmetryCsv());
            if (m.Models.Count > 1 && !HasMissing(m))
            {
                AverageLinkage tree = m.Cluster();
                folder.WriteText(Path.Combine(StudyFolder.ClusteringFolder, name + ".newick"), tree.ToNewick() + "\n");
                folder.WriteText(Path.Combine(StudyFolder.ClusteringFolder, name + ".txt"), tree.ToText());
            }
        }

        foreach ((string name, double[,] dsys) in LinkabilityMatrices(rows.Where(r => !r.LimitedFit), definition))
        {
            folder.WriteText(Path.Combine(StudyFolder.LinkabilityFolder, name + ".csv"), CompatibilityMatrix.Csv(definition.Models, dsys));
        }

        foreach ((string name, string text) in SimilarityTables.Of(rows, definition.Models, PairMatrix))
        {
            folder.WriteText(Path.Combine(StudyFolder.SimilarityFolder, name), text);
        }

        if (rows.Any(r => r.Cells.Any(c => c.OpenSet is not null)))
        {
            folder.WriteText(StudyFolder.OpenSetSummaryFile, PartCsv(rows, MetricCatalogue.OpenSet));
        }

        if (rows.Any(r => r.Cells.Any(c => c.Scoring.CollectsNeighbourhoods)))
        {
            folder.WriteText(StudyFolder.HubnessSummaryFile, PartCsv(rows, MetricCatalogue.Hubness));
            foreach (var table in rows.Where(r => r.Protocol == "intra" && !r.LimitedFit).GroupBy(r => (r.Dataset, r.Method)).OrderBy(t => t.Key.Dataset, StringComparer.Ordinal).ThenBy(t => t.Key.Method, StringComparer.Ordinal))
            {
                double[,] skew = PairMatrix(definition.Models, table, row => row[MetricCatalogue.HubnessSkew].Mean);
                folder.WriteText(Path.Combine(StudyFolder.HubnessFolder, $"{table.Key.Dataset}.{table.Key.Method}.csv"), CompatibilityMatrix.Csv(definition.Models, skew));
            }
        }

        return new StudySummary(rows, matrices) { Families = folder.ReadFamilies() };
    }

    /// <summary>
    /// open_set/summary.csv and hubness/summary.csv: the summary's key columns, then mean and std of
    /// each of <paramref name="metrics"/> (<see cref="MetricCatalogue.OpenSet"/>, <see cref="MetricCatalogue.Hubness"/>).
    /// </summary>
    private static string PartCsv(List<SummaryRow> rows, IReadOnlyList<Metric> metrics)
    {
        var sb = new StringBuilder("protocol,dataset,fit_dataset,source,target,method,fit_identities,runs");
        sb.Append(string.Concat(metrics.Select(m => $",{m.CsvKey}_mean,{m.CsvKey}_std"))).Append('\n');
        foreach (SummaryRow r in rows)
        {
            sb.Append(CsvLine.Join([r.Protocol, r.Dataset, r.FitDataset, r.Source, r.Target, r.Method, r.FitIdentities.ToString(CultureInfo.InvariantCulture), r.Runs.ToString(CultureInfo.InvariantCulture)]));
            sb.Append(string.Concat(metrics.Select(m => "," + CompatibilityMatrix.Format(r[m].Mean) + "," + CompatibilityMatrix.Format(r[m].Std))));
            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The summaries' row order: protocol, fit dataset, dataset, source and target in the definition's model order, method, training-size rows before the full fit.</summary>
    private static string SortKey(SummaryRow r, IReadOnlyList<string> models) =>
        string.Join('\u001f', r.Protocol, r.FitDataset, r.Dataset, Order(models, r.Source), Order(models, r.Target), r.Cells[0].Method.ToString(), r.LimitedFit ? r.FitIdentities.ToString("D9", CultureInfo.InvariantCulture) : "full");

    /// <summary>
    /// Mean D_sys (different captures) over seeds per ordered pair, for each intra-dataset
    /// (dataset, method) whose full-fit rows (<paramref name="rows"/>: one per pair and method) carry linkability (<c>study --linkability</c>).
    /// </summary>
    private static IEnumerable<(string Name, double[,] Dsys)> LinkabilityMatrices(IEnumerable<SummaryRow> rows, StudyDefinition definition)
    {
        IReadOnlyList<string> models = definition.Models;
        var byTable = rows
            .Where(r => r.Protocol == "intra" && r.Cells.All(c => c.Linkability is not null))
            .GroupBy(r => (r.Dataset, r.Method));
        foreach (var table in byTable.OrderBy(t => t.Key.Dataset, StringComparer.Ordinal).ThenBy(t => t.Key.Method, StringComparer.Ordinal))
        {
            double[,] dsys = PairMatrix(models, table, row => row.Cells.Average(c => c.Linkability!.OtherCapture.Dsys));
            yield return ($"{table.Key.Dataset}.{table.Key.Method}", dsys);
        }
    }

    private static IEnumerable<CompatibilityMatrix> Matrices(List<SummaryRow> rows, StudyDefinition definition)
    {
        var models = definition.Models;
        foreach (var group in rows.Where(r => r.Protocol == "intra" && !r.LimitedFit).GroupBy(r => (r.Dataset, r.Method)).OrderBy(g => g.Key.Dataset, StringComparer.Ordinal))
        {
            double[,] rank1 = PairMatrix(models, group, r => r[MetricCatalogue.Rank1].Mean);
            yield return new CompatibilityMatrix(group.Key.Dataset, group.Key.Method, models, rank1);
        }
    }

    /// <summary>A source x target matrix over <paramref name="models"/> of one value per row; NaN where no row is.</summary>
    private static double[,] PairMatrix(IReadOnlyList<string> models, IEnumerable<SummaryRow> rows, Func<SummaryRow, double> value)
    {
        var matrix = new double[models.Count, models.Count];
        for (int s = 0; s < models.Count; s++)
        {
            for (int t = 0; t < models.Count; t++)
            {
                matrix[s, t] = double.NaN;
            }
        }

        foreach (SummaryRow r in rows)
        {
            int s = IndexOf(models, r.Source);
            int t = IndexOf(models, r.Target);
            if (s >= 0 && t >= 0)
            {
                matrix[s, t] = value(r);
            }
        }

        return matrix;
    }

    private static bool HasMissing(CompatibilityMatrix m)
    {
        foreach (double v in m.Rank1)
        {
            if (double.IsNaN(v))
            {
                return true;
            }
        }

        return false;
    }

    private static string SummaryCsv(List<SummaryRow> rows)
    {
        var sb = new StringBuilder("protocol,dataset,fit_dataset,source,target,method,fit_identities,runs").Append(SummaryRow.CsvMetricHeader).Append('\n');
        foreach (SummaryRow r in rows)
        {
            sb.Append(CsvLine.Join([r.Protocol, r.Dataset, r.FitDataset, r.Source, r.Target, r.Method, r.FitIdentities.ToString(CultureInfo.InvariantCulture), r.Runs.ToString(CultureInfo.InvariantCulture)]));
            sb.Append(r.CsvMetricValues(CompatibilityMatrix.Format));

            sb.Append('\n');
        }

        return sb.ToString();
    }

    private static string SummaryMarkdown(List<SummaryRow> rows)
    {
        var sb = new StringBuilder();
        sb.Append("| dataset | source | target | method | fit ids | runs |");
        foreach (Metric metric in MetricCatalogue.Table)
        {
            sb.Append(' ').Append(metric.Name).Append(" |");
        }

        sb.Append("\n|---|---|---|---|---:|---:|").Append(string.Concat(Enumerable.Repeat("---:|", MetricCatalogue.Table.Count))).Append('\n');
        foreach (SummaryRow r in rows)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {Escape(r.DatasetLabel)} | {Escape(r.Source)} | {Escape(r.Target)} | {r.Method} | {r.FitIdentities} | {r.Runs} |");
            foreach (Metric metric in MetricCatalogue.Table)
            {
                sb.Append(' ').Append(metric.Format(r[metric])).Append(" |");
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    private static string SummaryJson(List<SummaryRow> rows)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (SummaryRow r in rows)
            {
                w.WriteStartObject();
                w.WriteString("protocol", r.Protocol);
                w.WriteString("dataset", r.Dataset);
                w.WriteString("fit_dataset", r.FitDataset);
                w.WriteString("source", r.Source);
                w.WriteString("target", r.Target);
                w.WriteString("method", r.Method);
                w.WriteNumber("fit_identities", r.FitIdentities);
                w.WriteBoolean("limited_fit", r.LimitedFit);
                w.WriteNumber("runs", r.Runs);
                foreach (Metric metric in MetricCatalogue.Table)
                {
                    WriteNumber(w, metric.JsonKey + "_mean", r[metric].Mean);
                    WriteNumber(w, metric.JsonKey + "_std", r[metric].Std);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Order(IReadOnlyList<string> models, string model) => IndexOf(models, model).ToString("D6", CultureInfo.InvariantCulture) + model;

    private static int IndexOf(IReadOnlyList<string> models, string model)
    {
        for (int i = 0; i < models.Count; i++)
        {
            if (models[i] == model)
            {
                return i;
            }
        }

        return -1;
    }
}
