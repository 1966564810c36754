using System.Globalization;
using FaceCompat.Report;
using FaceCompat.Report.Browser;
using Xunit.Abstractions;

namespace FaceCompat.Tests.Report;

/// <summary>
/// The size case: a synthetic 20-model study (4 methods, 5 seeds, 7700 cells) gives one report that
/// opens in Chromium with every chart rendered; prints the report's size and the page's render time
/// (performance.now() when the last chart is drawn; a figure for docs/report.md, never a pass/fail bound).
/// </summary>
public sealed class TwentyModelStudyTests
{
    private readonly ITestOutputHelper _output;

    public TwentyModelStudyTests(ITestOutputHelper output) => _output = output;

    [ChromiumFact]
    public async Task A_twenty_model_study_gives_one_report_whose_every_chart_renders()
    {
        string study = Path.Combine(AppContext.BaseDirectory, "study-20");
        if (Directory.Exists(study))
        {
            Directory.Delete(study, true);
        }

        string[] models = Enumerable.Range(0, 20).Select(i => "model-" + i.ToString("00", CultureInfo.InvariantCulture)).ToArray();
        StudyFixtureWriter.Write(study, models, ["baseline", "procrustes", "linear", "ridge"], 5, withQueries: false);
        StudyReport report = StudyReport.Load(study);
        report.Summaries.Should().HaveCount((20 * 20) + (20 * 19 * 3));
        string html = Path.Combine(AppContext.BaseDirectory, "report-20", "report.html");
        HtmlReportWriter.Write(report, html);
        _output.WriteLine($"report: {html} ({new FileInfo(html).Length} bytes)");

        await using HeadlessChromium page = await HeadlessChromium.StartAsync();
        await page.NavigateAsync("file://" + html, "document.body && document.body.getAttribute('data-rendered') === 'true'", TimeSpan.FromSeconds(120));
        (await page.EvaluateAsync("document.body.getAttribute('data-errors')")).GetString().Should().BeEmpty();
        (await page.EvaluateAsync("document.querySelectorAll('[data-status=\"ok\"]').length")).GetInt32().Should().Be(5, "clustermap, asymmetry, CMC, ROC, DET");
        (await page.EvaluateAsync("document.querySelectorAll('#chart-clustermap g.mark-text.role-mark text').length")).GetInt32().Should().Be(20 * 19);
        _output.WriteLine("render ms (performance.now() at the last chart): " + (await page.EvaluateAsync("document.body.getAttribute('data-render-ms')")).GetString());
    }
}
