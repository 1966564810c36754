using System.Text.Json;
using FaceCompat.Data;
using FaceCompat.Evaluation;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;
using FaceCompat.Report;
using FaceCompat.Study;

namespace FaceCompat.Tests.Report;

/// <summary>
/// Write with the study, read with the report: one small study with every cell kind (within-dataset,
/// cross-dataset, training-size, linkability) on the protocol fixtures, read back by <see cref="StudyReport"/>.
/// </summary>
public sealed class StudyRoundTripTests : IDisposable
{
    private static readonly string[] Models = ["narrow48", "face128"];
    private static readonly MapMethod[] Methods = [MapMethod.Baseline, MapMethod.Procrustes];
    private readonly string _dir = Directory.CreateTempSubdirectory("fc-roundtrip-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private StudyDefinition Definition => new()
    {
        Datasets = [SharedData.Fixture("protocol", "A"), SharedData.Fixture("protocol", "B")],
        Models = Models,
        Methods = Methods,
        Seeds = [0, 1],
        Cross = true,
        FitIdentities = [5],
        Linkability = true,
    };

    private ProtocolOptions Options => new()
    {
        KeepQueryOutcomes = true,
        LinkabilityOmega = 1.0,
        Kernels = DenseKernels.Default,
    };

    [Fact]
    public void Every_cell_kind_the_study_writes_reads_back_in_the_report_exactly()
    {
        string study = Path.Combine(_dir, "s");
        StudySummary written = StudyRunner.Run(Definition, study, DenseKernels.Default);
        StudyReport report = StudyReport.Load(study);

        // 2 datasets x 2 seeds x (4 full + 4 training-size pairs) x 2 methods, plus 2 dataset directions x 4 pairs x 2 methods.
        report.Cells.Should().HaveCount((2 * 2 * 8 * 2) + (2 * 4 * 2));
        report.Cells.Should().Contain(c => c.Protocol == "intra" && c.FitIdentityLimit == null);
        report.Cells.Should().Contain(c => c.Protocol == "cross" && c.Seed == null && c.FitDataset == "A" && c.Dataset == "B");
        report.Cells.Where(c => c.FitIdentityLimit == 5).Should().HaveCount(2 * 2 * 4 * 2).And.OnlyContain(c => c.FitIdentities == 5);
        report.Cells.Should().OnlyContain(c => c.Linkability != null && c.Metrics.Queries != null && c.Metrics.Cmc.Length == MetricCatalogue.CmcDepth);

        // Each kind against the same cell computed directly (the study shares cross products between a
        // pair and its reverse, so scores may differ in the last bits and flip ties: the headline metrics
        // agree to 0.1 % and 0.001). A map fitted on 5 identities is underdetermined (its free directions
        // follow rounding), so training-size cells are compared for the baseline only.
        DatasetFolder a = DatasetFolder.Open(SharedData.Fixture("protocol", "A"));
        DatasetFolder b = DatasetFolder.Open(SharedData.Fixture("protocol", "B"));
        List<CellResult> direct =
        [
            .. ProtocolRunner.RunIntra(a, "narrow48", "face128", 1, Methods, Options),
            .. ProtocolRunner.RunIntra(b, "face128", "face128", 0, Methods, Options),
            .. ProtocolRunner.RunIntra(a, "face128", "narrow48", 0, Methods, Options with { FitIdentityLimit = 5 }),
            .. ProtocolRunner.RunCross(b, a, "face128", "narrow48", Methods, Options),
        ];
        foreach (CellResult d in direct.Where(d => d.FitIdentityLimit is null || d.Method == MapMethod.Baseline))
        {
            CellResult read = Find(report, d);
            foreach (Metric m in MetricCatalogue.Table)
            {
                m.ValueOf(read.Metrics).Should().BeApproximately(m.ValueOf(d.Metrics), m.Scale == MetricScale.Percent ? 0.1 : 1e-3, m.Name);
            }

            read.Linkability!.OtherCapture.Dsys.Should().BeApproximately(d.Linkability!.OtherCapture.Dsys, 1e-3);
        }

        // The same cells written through the folder and read by the report are exactly what was computed.
        string own = Path.Combine(_dir, "own");
        StudyFolder folder = StudyFolder.Create(own, Definition);
        foreach (CellResult d in direct)
        {
            var unit = new StudyWorkUnit(d.Protocol == "cross" ? d.FitDataset : null, d.Dataset, d.Source, d.Target, d.Seed, d.FitIdentityLimit);
            folder.WriteCell(StudyFolder.CellPath(unit, d.Method), d);
        }

        StudyReport ownReport = StudyReport.Load(own);
        ownReport.Cells.Should().HaveCount(direct.Count);
        foreach (CellResult d in direct)
        {
            AssertSame(Find(ownReport, d), d);
        }

        // The study's summaries and the report's agree row by row, metric by metric.
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(study, StudyFolder.SummaryJsonFile)));
        List<JsonElement> rows = summary.RootElement.EnumerateArray().ToList();
        written.Rows.Should().HaveCount(rows.Count);
        List<SummaryRow> reportRows = report.Summaries.Concat(report.TrainingSize).Distinct().ToList();
        int selfTrainingSize = rows.Count(e => e.GetProperty("limited_fit").GetBoolean() && e.GetProperty("source").GetString() == e.GetProperty("target").GetString());
        selfTrainingSize.Should().Be(2 * 2 * 2);
        reportRows.Should().HaveCount(rows.Count - selfTrainingSize, "every row of summary.json is a row of the report but the self rows of the training-size curve");
        foreach (SummaryRow r in reportRows)
        {
            JsonElement row = rows.Single(e => e.GetProperty("protocol").GetString() == r.Protocol && e.GetProperty("dataset").GetString() == r.Dataset
                && e.GetProperty("fit_dataset").GetString() == r.FitDataset && e.GetProperty("source").GetString() == r.Source
                && e.GetProperty("target").GetString() == r.Target && e.GetProperty("method").GetString() == r.Method
                && e.GetProperty("limited_fit").GetBoolean() == r.LimitedFit);
            row.GetProperty("runs").GetInt32().Should().Be(r.Runs);
            foreach (Metric m in MetricCatalogue.Table)
            {
                JsonElement mean = row.GetProperty(m.JsonKey + "_mean"), std = row.GetProperty(m.JsonKey + "_std");
                (mean.ValueKind == JsonValueKind.Null ? double.NaN : mean.GetDouble()).Should().Be(r[m].Mean, $"{m.Name} mean of {r.DatasetLabel} {r.Source}->{r.Target} {r.Method}");
                (std.ValueKind == JsonValueKind.Null ? double.NaN : std.GetDouble()).Should().Be(r[m].Std, $"{m.Name} std");
            }
        }

        report.Summaries.Where(r => r.IsCross).Should().OnlyContain(r => r.Runs == 1 && double.IsNaN(r[MetricCatalogue.Rank1].Std), "one cross-dataset run: its std is not defined");
    }

    private static CellResult Find(StudyReport report, CellResult d) =>
        report.Cells.Single(c => c.Protocol == d.Protocol && c.Dataset == d.Dataset && c.FitDataset == d.FitDataset && c.Seed == d.Seed
            && c.Source == d.Source && c.Target == d.Target && c.Method == d.Method && c.FitIdentityLimit == d.FitIdentityLimit);

    private static void AssertSame(CellResult read, CellResult d)
    {
        read.Metrics.Rank1.Should().Be(d.Metrics.Rank1);
        read.Metrics.Cmc.Should().Equal(d.Metrics.Cmc);
        read.Metrics.Roc.Should().Equal(d.Metrics.Roc);
        read.Metrics.Queries!.Select(q => (q.Identity, q.FirstRelevantRank)).Should().Equal(d.Metrics.Queries!.Select(q => (q.Identity, q.FirstRelevantRank)));
        read.Linkability!.OtherCapture.Dsys.Should().Be(d.Linkability!.OtherCapture.Dsys);
        read.Linkability.OtherCapture.Local.Should().Equal(d.Linkability.OtherCapture.Local);

        // Every other field the cell file holds (times are rounded to 0.1 ms on writing, so left out).
        StudyFolder.FormatCell(read with { FitSeconds = 0, EvalSeconds = 0 }, full: true)
            .Should().Be(StudyFolder.FormatCell(d with { FitSeconds = 0, EvalSeconds = 0 }, full: true));
    }
}
