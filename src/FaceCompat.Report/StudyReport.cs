using FaceCompat.Data;

namespace FaceCompat.Report;

/// <summary>
/// Everything the report shows, read from one study folder (docs/study-format.md): the cells, their
/// summaries, and any extra CSV tables under <c>geometry/</c> and <c>lfw10/</c>.
/// </summary>
public sealed class StudyReport
{
    private StudyReport(string directory, IReadOnlyList<StudyCell> cells, IReadOnlyList<ExtraTable> extras)
    {
        Directory = directory;
        Cells = cells;
        Extras = extras;
        IReadOnlyList<MetricSummary> all = MetricSummary.Summarise(cells);
        Summaries = all
            .GroupBy(s => (s.Dataset, s.FitDataset, s.Source, s.Target, s.Method))
            .Select(g => g.MaxBy(s => s.FitIdentities)!)
            .ToList();
        TrainingSize = all.Where(s => !s.IsSelf && !s.IsCross).ToList();
    }

    public string Directory { get; }

    public IReadOnlyList<StudyCell> Cells { get; }

    /// <summary>The papers' table rows: per (dataset, fit dataset, pair, method), at the largest number of fitting identities.</summary>
    public IReadOnlyList<MetricSummary> Summaries { get; }

    /// <summary>Every intra-dataset, non-self summary at every number of fitting identities (the training-size curve).</summary>
    public IReadOnlyList<MetricSummary> TrainingSize { get; }

    public IReadOnlyList<ExtraTable> Extras { get; }

    public IEnumerable<string> Models => Cells.SelectMany(c => new[] { c.Source, c.Target }).Distinct().Order(StringComparer.Ordinal);

    /// <summary>Reads every <c>cells/**/*.json</c> and the CSVs of <c>geometry/</c> and <c>lfw10/</c>.</summary>
    public static StudyReport Load(string studyDirectory)
    {
        string cellsDir = Path.Combine(studyDirectory, "cells");
        if (!System.IO.Directory.Exists(cellsDir))
        {
            throw new DataFormatException($"{cellsDir}: row 0, column 0: the study has no cells folder. fix: run 'facecompat study' (or demo) first.");
        }

        List<StudyCell> cells = System.IO.Directory
            .EnumerateFiles(cellsDir, "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(StudyCell.Read)
            .ToList();
        if (cells.Count == 0)
        {
            throw new DataFormatException($"{cellsDir}: row 0, column 0: no cell files. fix: run 'facecompat study' first.");
        }

        var extras = new List<ExtraTable>();
        foreach (string sub in new[] { "geometry", "lfw10" })
        {
            string dir = Path.Combine(studyDirectory, sub);
            if (System.IO.Directory.Exists(dir))
            {
                extras.AddRange(System.IO.Directory.EnumerateFiles(dir, "*.csv", SearchOption.AllDirectories)
                    .Order(StringComparer.Ordinal)
                    .Select(f => ExtraTable.Read(f, sub + "/" + Path.GetRelativePath(dir, f).Replace('\\', '/'))));
            }
        }

        return new StudyReport(studyDirectory, cells, extras);
    }
}
