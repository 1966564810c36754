using System.Globalization;
using System.Text;
using System.Text.Json;
using FaceCompat.Data;
using FaceCompat.Mapping;

namespace FaceCompat.Study;

/// <summary>What a study's aggregates hold: the summary rows and a compatibility matrix per (dataset, method).</summary>
public sealed record StudySummary(IReadOnlyList<SummaryRow> Rows, IReadOnlyList<CompatibilityMatrix> Matrices);

/// <summary>
/// Turns a study's cell files into its aggregates (docs/study-format.md): summary.csv/.json/.md
/// (mean and sample std over seeds), compatibility/, clustering/ and asymmetry/ per intra-dataset
/// dataset and method (full fitting sets only; training-size cells are summarised, not clustered).
/// </summary>
public static class StudyAggregator
{
    public static StudySummary Write(string studyDirectory, StudyDefinition definition)
    {
        var groups = new SortedDictionary<string, List<CellResult>>(StringComparer.Ordinal);
        var limited = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach ((string path, CellResult cell) in CellStore.ReadAll(studyDirectory))
        {
            bool isLimited = Path.GetFileName(path).Contains(".fit-", StringComparison.Ordinal);
            string key = string.Join('\u001f', cell.Protocol, cell.FitDataset, cell.Dataset, Order(definition.Models, cell.Source), Order(definition.Models, cell.Target), cell.Method.ToString(), isLimited ? cell.FitIdentities.ToString("D9", CultureInfo.InvariantCulture) : "full");
            if (!groups.TryGetValue(key, out List<CellResult>? list))
            {
                groups[key] = list = [];
                limited[key] = isLimited;
            }

            list.Add(cell);
        }

        List<SummaryRow> rows = groups.Select(g => SummaryRow.From(g.Value, limited[g.Key])).ToList();
        List<CompatibilityMatrix> matrices = Matrices(rows, definition).ToList();
        Save(studyDirectory, "summary.csv", SummaryCsv(rows));
        Save(studyDirectory, "summary.md", SummaryMarkdown(rows));
        Save(studyDirectory, "summary.json", SummaryJson(rows));
        foreach (CompatibilityMatrix m in matrices)
        {
            string name = $"{m.Dataset}.{m.Method}";
            Save(studyDirectory, Path.Combine("compatibility", name + ".csv"), m.ToCsv());
            Save(studyDirectory, Path.Combine("asymmetry", name + ".csv"), m.AsymmetryCsv());
            if (m.Models.Count > 1 && !HasMissing(m))
            {
                AverageLinkage tree = m.Cluster();
                Save(studyDirectory, Path.Combine("clustering", name + ".newick"), tree.ToNewick() + "\n");
                Save(studyDirectory, Path.Combine("clustering", name + ".txt"), tree.ToText());
            }
        }

        foreach ((string name, double[,] dsys) in LinkabilityMatrices(groups.Where(g => !limited[g.Key]).Select(g => g.Value), definition))
        {
            Save(studyDirectory, Path.Combine("linkability", name + ".csv"), CompatibilityMatrix.Csv(definition.Models, dsys));
        }

        return new StudySummary(rows, matrices);
    }

    /// <summary>
    /// Mean D_sys (different captures) over seeds per ordered pair, for each intra-dataset
    /// (dataset, method) whose full-fit cells (<paramref name="groups"/>: one list per pair and method) carry linkability (<c>study --linkability</c>).
    /// </summary>
    private static IEnumerable<(string Name, double[,] Dsys)> LinkabilityMatrices(IEnumerable<List<CellResult>> groups, StudyDefinition definition)
    {
        IReadOnlyList<string> models = definition.Models;
        var byTable = groups
            .Where(g => g[0].Protocol == "intra" && g.All(c => c.Linkability is not null))
            .GroupBy(g => (g[0].Dataset, Method: g[0].Method.ToName()));
        foreach (var table in byTable.OrderBy(t => t.Key.Dataset, StringComparer.Ordinal).ThenBy(t => t.Key.Method, StringComparer.Ordinal))
        {
            var dsys = new double[models.Count, models.Count];
            for (int s = 0; s < models.Count; s++)
            {
                for (int t = 0; t < models.Count; t++)
                {
                    dsys[s, t] = double.NaN;
                }
            }

            foreach (List<CellResult> cells in table)
            {
                int s = IndexOf(models, cells[0].Source);
                int t = IndexOf(models, cells[0].Target);
                if (s >= 0 && t >= 0)
                {
                    dsys[s, t] = cells.Average(c => c.Linkability!.OtherCapture.Dsys);
                }
            }

            yield return ($"{table.Key.Dataset}.{table.Key.Method}", dsys);
        }
    }

    private static IEnumerable<CompatibilityMatrix> Matrices(List<SummaryRow> rows, StudyDefinition definition)
    {
        var models = definition.Models;
        foreach (var group in rows.Where(r => r.Protocol == "intra" && !r.LimitedFit).GroupBy(r => (r.Dataset, r.Method)).OrderBy(g => g.Key.Dataset, StringComparer.Ordinal))
        {
            var rank1 = new double[models.Count, models.Count];
            for (int s = 0; s < models.Count; s++)
            {
                for (int t = 0; t < models.Count; t++)
                {
                    rank1[s, t] = double.NaN;
                }
            }

            foreach (SummaryRow r in group)
            {
                int s = IndexOf(models, r.Source);
                int t = IndexOf(models, r.Target);
                if (s >= 0 && t >= 0)
                {
                    rank1[s, t] = r.Mean[0];
                }
            }

            yield return new CompatibilityMatrix(group.Key.Dataset, group.Key.Method, models, rank1);
        }
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
        var sb = new StringBuilder("protocol,dataset,fit_dataset,source,target,method,fit_identities,runs");
        foreach (string name in MetricColumns.Names)
        {
            sb.Append(',').Append(name).Append("_mean,").Append(name).Append("_std");
        }

        sb.Append('\n');
        foreach (SummaryRow r in rows)
        {
            sb.Append(CsvLine.Join([r.Protocol, r.Dataset, r.FitDataset, r.Source, r.Target, r.Method, r.FitIdentities.ToString(CultureInfo.InvariantCulture), r.Runs.ToString(CultureInfo.InvariantCulture)]));
            for (int c = 0; c < r.Mean.Length; c++)
            {
                sb.Append(',').Append(CompatibilityMatrix.Format(r.Mean[c])).Append(',').Append(CompatibilityMatrix.Format(r.Std[c]));
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    private static string SummaryMarkdown(List<SummaryRow> rows)
    {
        var sb = new StringBuilder();
        sb.Append("| dataset | source | target | method | fit ids | runs | Rank-1 | Rank-5 | Rank-10 | mAP | AUC | EER | TMR@FMR=1% | TMR@FMR=0.1% |\n");
        sb.Append("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (SummaryRow r in rows)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {Escape(r.DatasetLabel)} | {Escape(r.Source)} | {Escape(r.Target)} | {r.Method} | {r.FitIdentities} | {r.Runs} |");
            for (int c = 0; c < r.Mean.Length; c++)
            {
                string format = c is 3 or 4 ? "F4" : "F2";
                sb.Append(' ').Append(r.Mean[c].ToString(format, CultureInfo.InvariantCulture)).Append(" ± ").Append(r.Std[c].ToString(format, CultureInfo.InvariantCulture)).Append(" |");
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
                for (int c = 0; c < r.Mean.Length; c++)
                {
                    WriteNumber(w, MetricColumns.Names[c] + "_mean", r.Mean[c]);
                    WriteNumber(w, MetricColumns.Names[c] + "_std", r.Std[c]);
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

    private static void Save(string studyDirectory, string relative, string text) =>
        NpyFile.WriteAtomically(Path.Combine(studyDirectory, relative), s => s.Write(Encoding.UTF8.GetBytes(text)));
}
