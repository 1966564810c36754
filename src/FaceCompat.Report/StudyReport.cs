using FaceCompat.Study;

namespace FaceCompat.Report;

/// <summary>
/// Everything the report shows, read from one study folder through <see cref="StudyFolder"/>
/// (docs/study-format.md): the cells, their summaries, the models' families, and the extra tables under <c>geometry/</c>
/// and <c>lfw10/</c>.
/// </summary>
public sealed class StudyReport
{
    private StudyReport(string directory, IReadOnlyList<CellResult> cells, IReadOnlyList<ExtraTable> extras, IReadOnlyDictionary<string, string> families)
    {
        Directory = directory;
        Cells = cells;
        Extras = extras;
        Families = families;

        // Rows in ordinal order of (dataset, fit dataset, source, target, method, fitting identities); runs by seed.
        IReadOnlyList<SummaryRow> all = SummaryRow.Group(cells.OrderBy(c => c.Seed ?? -1))
            .OrderBy(s => s.Dataset, StringComparer.Ordinal)
            .ThenBy(s => s.FitDataset, StringComparer.Ordinal)
            .ThenBy(s => s.Source, StringComparer.Ordinal)
            .ThenBy(s => s.Target, StringComparer.Ordinal)
            .ThenBy(s => s.Method, StringComparer.Ordinal)
            .ThenBy(s => s.FitIdentities)
            .ToList();
        Summaries = all
            .GroupBy(s => (s.Dataset, s.FitDataset, s.Source, s.Target, s.Method))
            .Select(g => g.MaxBy(s => s.FitIdentities)!)
            .ToList();
        TrainingSize = all.Where(s => !s.IsSelf && !s.IsCross).ToList();
    }

    public string Directory { get; }

    public IReadOnlyList<CellResult> Cells { get; }

    /// <summary>The papers' table rows: per (dataset, fit dataset, pair, method), at the largest number of fitting identities.</summary>
    public IReadOnlyList<SummaryRow> Summaries { get; }

    /// <summary>Every intra-dataset, non-self summary at every number of fitting identities (the training-size curve).</summary>
    public IReadOnlyList<SummaryRow> TrainingSize { get; }

    public IReadOnlyList<ExtraTable> Extras { get; }

    /// <summary>The family of each model whose family is known (the study's families.json); empty for an older study or datasets without families.</summary>
    public IReadOnlyDictionary<string, string> Families { get; }

    public IEnumerable<string> Models => Cells.SelectMany(c => new[] { c.Source, c.Target }).Distinct().Order(StringComparer.Ordinal);

    /// <summary>Reads every cell of the study, its families (families.json) and the CSVs of <c>geometry/</c> and <c>lfw10/</c>.</summary>
    /// <exception cref="FaceCompat.Data.DataFormatException">No cells, or a cell that does not parse (the message names it).</exception>
    public static StudyReport Load(string studyDirectory)
    {
        StudyFolder folder = StudyFolder.Open(studyDirectory);
        List<ExtraTable> extras = folder.Tables().Select(t => ExtraTable.Read(t.Path, t.Name)).ToList();
        return new StudyReport(studyDirectory, folder.ReadCells(), extras, folder.ReadFamilies());
    }
}
