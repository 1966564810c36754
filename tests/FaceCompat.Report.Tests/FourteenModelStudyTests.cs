using FaceCompat.Report;
using Xunit.Abstractions;

namespace FaceCompat.Tests.Report;

public sealed class FourteenModelStudyTests
{
    private readonly ITestOutputHelper _output;

    public FourteenModelStudyTests(ITestOutputHelper output) => _output = output;

    /// <summary>The full 14-model grid (4 methods, 5 seeds) loads and renders; prints the report's size (open time is measured by hand, docs/report.md).</summary>
    [Fact]
    public void A_fourteen_model_study_gives_one_report_with_every_pair()
    {
        string study = Path.Combine(AppContext.BaseDirectory, "study-14");
        if (Directory.Exists(study))
        {
            Directory.Delete(study, true);
        }

        string[] models = Enumerable.Range(0, 14).Select(i => "model-" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        StudyFixtureWriter.Write(study, models, ["baseline", "procrustes", "linear", "ridge"], 5, withQueries: false);
        StudyReport report = StudyReport.Load(study);
        report.Summaries.Should().HaveCount((14 * 14) + (14 * 13 * 3));
        string html = Path.Combine(AppContext.BaseDirectory, "report-14", "report.html");
        HtmlReportWriter.Write(report, html);
        _output.WriteLine($"report: {html} ({new FileInfo(html).Length} bytes)");
    }
}
