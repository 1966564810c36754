using System.Text.Json;
using FaceCompat.Data;
using FaceCompat.Mapping;

namespace FaceCompat.Study;

/// <summary>The extra tables other commands write into a study folder, which the report shows.</summary>
public enum StudyTable
{
    /// <summary><c>geometry/</c>: <c>facecompat geometry ... --study</c>.</summary>
    Geometry,

    /// <summary><c>lfw10/</c>: <c>facecompat lfw10 --study</c>.</summary>
    Lfw10,
}

/// <summary>
/// A study folder (docs/study-format.md), the one owner of its layout: <c>study.json</c> (the
/// configuration, with its format version), <c>cells/</c> (one file per cell, read and written only
/// here), the summaries (<c>summary.*</c>, <c>compatibility/</c>, <c>clustering/</c>, <c>asymmetry/</c>,
/// <c>linkability/</c>) and the extra tables (<c>geometry/</c>, <c>lfw10/</c>). Every file is written
/// through <see cref="AtomicFile"/>. <see cref="Create"/> refuses a folder written with another
/// configuration, naming the settings that differ.
/// </summary>
public sealed partial class StudyFolder
{
    /// <summary>The study format this build writes. 1: study.json without <c>format_version</c> (read the same way); 2: with it.</summary>
    public const int FormatVersion = 2;

    /// <summary>The study's definition file.</summary>
    public const string ConfigurationFile = "study.json";

    /// <summary>One JSON file per finished cell.</summary>
    public const string CellsFolder = "cells";

    /// <summary>The summary table as CSV.</summary>
    public const string SummaryCsvFile = "summary.csv";

    /// <summary>The summary table as JSON.</summary>
    public const string SummaryJsonFile = "summary.json";

    /// <summary>The summary table as Markdown.</summary>
    public const string SummaryMarkdownFile = "summary.md";

    /// <summary>Compatibility matrices per dataset and method.</summary>
    public const string CompatibilityFolder = "compatibility";

    /// <summary>Dendrograms per dataset and method.</summary>
    public const string ClusteringFolder = "clustering";

    /// <summary>Incoming/outgoing asymmetry per dataset and method.</summary>
    public const string AsymmetryFolder = "asymmetry";

    /// <summary>Linkability tables and curves.</summary>
    public const string LinkabilityFolder = "linkability";

    /// <summary>Representation-similarity tables.</summary>
    public const string SimilarityFolder = "similarity";

    /// <summary>The open-set summary (<c>study --open-set</c>): open_set/summary.csv, one row per summary row, mean and std of each open-set metric.</summary>
    public const string OpenSetSummaryFile = "open_set/summary.csv";

    /// <summary>The hubness summary (<c>study --scoring csls</c> or <c>--hubness</c>): hubness/summary.csv, one row per summary row, mean and std of the k-occurrence skewness.</summary>
    public const string HubnessSummaryFile = "hubness/summary.csv";

    /// <summary>hubness/&lt;dataset&gt;.&lt;method&gt;.csv: the mean k-occurrence skewness of each ordered pair's gallery (intra-dataset, full fits).</summary>
    public const string HubnessFolder = "hubness";

    private StudyFolder(string directory, StudyDefinition? definition, int format)
    {
        Directory = directory;
        Definition = definition;
        Format = format;
    }

    /// <summary>The folder's path as given.</summary>
    public string Directory { get; }

    /// <summary>The configuration in study.json; null for a folder that holds cells but no study.json (opened for reading).</summary>
    public StudyDefinition? Definition { get; }

    /// <summary>The study format found on disk (<see cref="FormatVersion"/> for a folder this build created; 0 when there is no study.json).</summary>
    public int Format { get; }

    /// <summary>The configuration's fingerprint (<see cref="StudyDefinition.Fingerprint"/>); null without a configuration.</summary>
    public string? Fingerprint => Definition?.Fingerprint();

    /// <summary>
    /// Creates the folder for <paramref name="definition"/>, or opens it to resume when it already holds
    /// a study of the same configuration (same <see cref="StudyDefinition.Fingerprint"/>). Safe when
    /// several processes create the same folder at once: exactly one study.json is written.
    /// </summary>
    /// <exception cref="DataFormatException">The folder holds another configuration (the message names every differing setting and the fix), a newer format, or cells without study.json.</exception>
    public static StudyFolder Create(string directory, StudyDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(definition);
        System.IO.Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, ConfigurationFile);
        if (!File.Exists(path))
        {
            if (System.IO.Directory.Exists(Path.Combine(directory, CellsFolder)) && System.IO.Directory.EnumerateFiles(Path.Combine(directory, CellsFolder), "*.json", SearchOption.AllDirectories).Any())
            {
                throw DataFormatException.InFile(path, "missing, but the folder holds cells of some study, so they cannot be matched to this configuration. fix: use a new --out folder, or delete this one to start over.");
            }

            if (AtomicFile.TryCreate(path, s => s.Write(System.Text.Encoding.UTF8.GetBytes(ConfigurationJson(definition)))))
            {
                return new StudyFolder(directory, definition, FormatVersion);
            }
        }

        (StudyDefinition existing, int format) = ReadConfiguration(path);
        List<string> differences = Differences(existing, definition);
        if (differences.Count > 0)
        {
            throw DataFormatException.InFile(
                path,
                "this folder holds a study with a different definition, so its cells cannot be resumed or mixed with this run's. Differing settings (folder vs this run):"
                + Environment.NewLine + string.Join(Environment.NewLine, differences.Select(d => "  - " + d)) + Environment.NewLine
                + "fix: run again with the folder's settings to resume it, use a new --out folder, or delete this one to start over.");
        }

        return new StudyFolder(directory, existing, format);
    }

    /// <summary>Opens a written study to read it (the report): it must hold at least one cell; study.json is read when present.</summary>
    /// <exception cref="DataFormatException">No cells folder or no cells, an unreadable study.json or one of a newer format.</exception>
    public static StudyFolder Open(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string cells = Path.Combine(directory, CellsFolder);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DataFormatException($"{directory}: study folder not found. fix: give the folder that 'facecompat study --out' wrote.") { FilePath = directory };
        }

        if (!System.IO.Directory.Exists(cells))
        {
            throw new DataFormatException($"{directory}: not a study folder (it has no cells/ folder). fix: run 'facecompat study --out {directory}' (or demo) first.") { FilePath = cells };
        }

        if (!CellFiles(directory).Any())
        {
            throw new DataFormatException($"{cells}: no cell files yet. fix: run 'facecompat study --out {directory}' first.") { FilePath = cells };
        }

        string path = Path.Combine(directory, ConfigurationFile);
        if (!File.Exists(path))
        {
            return new StudyFolder(directory, null, 0);
        }

        (StudyDefinition definition, int format) = ReadConfiguration(path);
        return new StudyFolder(directory, definition, format);
    }

    /// <summary>The cell file of <paramref name="unit"/> and <paramref name="method"/>, relative to the study folder.</summary>
    public static string CellPath(StudyWorkUnit unit, MapMethod method)
    {
        ArgumentNullException.ThrowIfNull(unit);
        string datasetPart = unit.IsCross ? $"{unit.FitDataset}_to_{unit.EvalDataset}" : unit.EvalDataset;
        string file = unit.IsCross ? "cross" : $"seed-{unit.Seed}";
        if (unit.FitIdentityLimit is int k)
        {
            file += $"{FitLimitMarker}{k}";
        }

        return Path.Combine(CellsFolder, datasetPart, $"{unit.Source}__{unit.Target}", method.ToName(), file + ".json");
    }

    /// <summary>The full path of a file of the study given relative to it.</summary>
    public string PathOf(string relative) => Path.Combine(Directory, relative);

    /// <summary>Whether the cell exists and parses; a torn or unreadable one is deleted so that it is recomputed.</summary>
    public bool IsComplete(string relativeCellPath)
    {
        string path = PathOf(relativeCellPath);
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            ParseCell(File.ReadAllText(path), path);
            return true;
        }
        catch (DataFormatException)
        {
            File.Delete(path);
            return false;
        }
    }

    /// <summary>Writes one cell file (full form) atomically.</summary>
    public void WriteCell(string relativeCellPath, CellResult cell) => AtomicFile.WriteText(PathOf(relativeCellPath), FormatCell(cell, full: true) + "\n");

    /// <summary>Every cell under cells/, in ordinal path order.</summary>
    /// <exception cref="DataFormatException">A cell file that does not parse (the message names it).</exception>
    public IReadOnlyList<CellResult> ReadCells() => CellFiles(Directory).Select(f => ParseCell(File.ReadAllText(f), f)).ToList();

    /// <summary>Every cell that parses, in ordinal path order; unreadable ones are left out.</summary>
    internal IEnumerable<CellResult> ReadReadableCells()
    {
        foreach (string file in CellFiles(Directory))
        {
            CellResult? cell = null;
            try
            {
                cell = ParseCell(File.ReadAllText(file), file);
            }
            catch (DataFormatException)
            {
            }

            if (cell is not null)
            {
                yield return cell;
            }
        }
    }

    /// <summary>Deletes temporary files a killed run left anywhere in the folder (they never count as results); a whole-study run only, never a shard.</summary>
    public void RemoveTemporaryFiles() => AtomicFile.RemoveTemporaryFiles(Directory);

    /// <summary>
    /// Removes the temporary files of these cells only (relative paths), so that a shard starting
    /// beside others never deletes a file another shard is writing.
    /// </summary>
    public void RemoveTemporaryFiles(IEnumerable<string> relativeCellPaths)
    {
        ArgumentNullException.ThrowIfNull(relativeCellPaths);
        foreach (var group in relativeCellPaths.GroupBy(c => Path.GetDirectoryName(PathOf(c))!, StringComparer.Ordinal))
        {
            if (!System.IO.Directory.Exists(group.Key))
            {
                continue;
            }

            var names = group.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
            foreach (string file in System.IO.Directory.EnumerateFiles(group.Key, "*" + AtomicFile.TemporaryMarker + "*"))
            {
                string name = Path.GetFileName(file);
                if (names.Contains(name[..name.LastIndexOf(AtomicFile.TemporaryMarker, StringComparison.Ordinal)]))
                {
                    File.Delete(file);
                }
            }
        }
    }

    /// <summary>Writes a file of the study (a summary, a matrix) atomically.</summary>
    public void WriteText(string relative, string text) => AtomicFile.WriteText(PathOf(relative), text);

    /// <summary>Writes <paramref name="fileName"/> (a CSV) into the study's <paramref name="table"/> folder, atomically; the report shows it.</summary>
    public static string WriteTable(string studyDirectory, StudyTable table, string fileName, string csv)
    {
        ArgumentNullException.ThrowIfNull(studyDirectory);
        string path = Path.Combine(studyDirectory, TableFolder(table), fileName);
        AtomicFile.WriteText(path, csv);
        return path;
    }

    /// <summary>Every CSV of the extra tables (geometry/ first, then lfw10/), as (name relative to the study with '/', full path).</summary>
    public IReadOnlyList<(string Name, string Path)> Tables()
    {
        var result = new List<(string, string)>();
        foreach (StudyTable table in Enum.GetValues<StudyTable>())
        {
            string sub = TableFolder(table);
            string dir = PathOf(sub);
            if (System.IO.Directory.Exists(dir))
            {
                result.AddRange(System.IO.Directory.EnumerateFiles(dir, "*.csv", SearchOption.AllDirectories)
                    .Where(f => !AtomicFile.IsTemporary(f))
                    .Order(StringComparer.Ordinal)
                    .Select(f => (sub + "/" + Path.GetRelativePath(dir, f).Replace('\\', '/'), f)));
            }
        }

        return result;
    }

    /// <summary>Rebuilds every summary from the cell files (docs/study-format.md); needs the configuration.</summary>
    public StudySummary WriteSummaries() => StudyAggregator.Write(this);

    private const string FitLimitMarker = ".fit-";

    private static string TableFolder(StudyTable table) => table switch
    {
        StudyTable.Geometry => "geometry",
        StudyTable.Lfw10 => "lfw10",
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    };

    /// <summary>The fitting-identity limit a cell file's name carries (<c>seed-s.fit-k.json</c>), or null.</summary>
    private static int? FitIdentityLimitOf(string path)
    {
        string name = Path.GetFileNameWithoutExtension(path);
        int at = name.IndexOf(FitLimitMarker, StringComparison.Ordinal);
        return at >= 0 && int.TryParse(name.AsSpan(at + FitLimitMarker.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int k) ? k : null;
    }

    private static IEnumerable<string> CellFiles(string directory)
    {
        string cells = Path.Combine(directory, CellsFolder);
        return System.IO.Directory.Exists(cells)
            ? System.IO.Directory.EnumerateFiles(cells, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : [];
    }

    /// <summary>study.json: the format keys, then the configuration's settings (<see cref="StudyDefinition.ToJson"/>).</summary>
    private static string ConfigurationJson(StudyDefinition definition)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("format_version", FormatVersion);
            w.WriteString("fingerprint", definition.Fingerprint());
            using JsonDocument settings = JsonDocument.Parse(definition.ToJson());
            foreach (JsonProperty p in settings.RootElement.EnumerateObject())
            {
                p.WriteTo(w);
            }

            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static (StudyDefinition Definition, int Format) ReadConfiguration(string path)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
            JsonElement root = doc.RootElement;
            int format = root.TryGetProperty("format_version", out JsonElement v) ? v.GetInt32() : 1;
            if (format < 1 || format > FormatVersion)
            {
                throw DataFormatException.InFile(path, $"study format version {format}; this build of facecompat reads versions 1 to {FormatVersion}. fix: read the folder {Path.GetDirectoryName(Path.GetFullPath(path))} with the facecompat that wrote it (or a newer one), or re-run the study with this build into a new --out folder.");
            }

            return (StudyDefinition.FromJson(root), format);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw DataFormatException.InFile(path, $"not a readable study configuration ({e.Message}). fix: restore the study.json this study wrote, or use a new --out folder.");
        }
    }

    /// <summary>"setting: folder value vs this run's value" for every setting that differs.</summary>
    private static List<string> Differences(StudyDefinition folder, StudyDefinition run)
    {
        // The same folder named by a relative and an absolute path, or with a trailing separator, is the same dataset.
        Dictionary<string, string> a = StudyDefinition.Settings((folder with { Datasets = FullPaths(folder.Datasets) }).ToJson());
        Dictionary<string, string> b = StudyDefinition.Settings((run with { Datasets = FullPaths(run.Datasets) }).ToJson());
        return a.Keys.Union(b.Keys).Where(k => a.GetValueOrDefault(k) != b.GetValueOrDefault(k))
            .Select(k => $"{k}: {a.GetValueOrDefault(k) ?? "(absent)"} vs {b.GetValueOrDefault(k) ?? "(absent)"}")
            .ToList();
    }

    /// <summary>Each path made absolute (against the current folder) without a trailing separator.</summary>
    public static string[] FullPaths(IEnumerable<string> paths) =>
        paths.Select(p => Path.TrimEndingDirectorySeparator(Path.GetFullPath(p))).ToArray();
}
