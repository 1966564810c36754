using System.Globalization;
using System.Text.Json;
using FaceCompat.Mapping;
using FaceCompat.Report;
using FaceCompat.Report.Browser;
using Xunit.Abstractions;

namespace FaceCompat.Tests.Report;

/// <summary>A fact that is skipped, with a message, when /usr/bin/chromium is absent.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(HeadlessChromium.DefaultPath))
        {
            Skip = "/usr/bin/chromium is absent (scripts/setup-native.d/report.sh installs it: apt-get install chromium).";
        }
    }
}

/// <summary>
/// The report in a real browser (the system Chromium over the DevTools protocol): every chart renders, the
/// method selector changes the clustermap's values to the other method's (checked against the cells' own means),
/// a click on a cell draws that pair's curves, a degenerate selection becomes a note, hostile names stay text.
/// The screenshot after the click is kept as an artifact (bin/.../report-render/report.png).
/// </summary>
public sealed class ChromiumRenderTests
{
    private const string CellTexts =
        "JSON.stringify(Array.from(document.querySelectorAll('#chart-clustermap g.mark-text.role-mark text'))" +
        ".map(function (t) { var d = t.__data__.datum; return [d.source, d.target, t.textContent]; }))";

    private readonly ITestOutputHelper _output;

    public ChromiumRenderTests(ITestOutputHelper output) => _output = output;

    [ChromiumFact]
    public async Task The_page_renders_and_its_selectors_and_cells_drive_the_charts()
    {
        string outDir = Path.Combine(AppContext.BaseDirectory, "report-render");
        Directory.CreateDirectory(outDir);
        string study = Path.Combine(Path.GetTempPath(), "fc-report-chromium-" + Guid.NewGuid().ToString("N"));
        string[] models = ["alpha", HtmlReportWriterTests.Hostile, "gamma", "delta"];
        try
        {
            var families = new Dictionary<string, string> { ["alpha"] = "face", [HtmlReportWriterTests.Hostile] = "face", ["gamma"] = "generic", ["delta"] = "generic" };
            StudyFixtureWriter.Write(study, models, ["baseline", "procrustes", "ridge"], 3, [10, 20, 50], zeroBaseline: true, families: families);
            StudyReport report = StudyReport.Load(study);
            string html = Path.Combine(outDir, "report.html");
            HtmlReportWriter.Write(report, html);

            await using HeadlessChromium page = await HeadlessChromium.StartAsync();
            await page.NavigateAsync("file://" + html, "document.body && document.body.getAttribute('data-rendered') === 'true'", TimeSpan.FromSeconds(90));
            (await Text(page, "document.body.getAttribute('data-errors')")).Should().BeEmpty();
            int charts = int.Parse(await Text(page, "document.body.getAttribute('data-charts')"), CultureInfo.InvariantCulture);
            charts.Should().Be(6, "clustermap, asymmetry, CMC, ROC, DET, training size (no score densities: the fixture has no linkability)");
            _output.WriteLine("render ms: " + await Text(page, "document.body.getAttribute('data-render-ms')"));
            (await Number(page, "document.querySelectorAll('[data-status=\"ok\"]').length")).Should().Be(charts);
            (await Number(page, "document.querySelectorAll('svg.marks').length")).Should().Be(charts, "one non-empty SVG per chart");
            (await Number(page, "document.scripts.length")).Should().Be(5, "the hostile name added no script");
            (await Text(page, "String(document.getElementById('chart-openset') === null && document.getElementById('openset-absent') !== null)")).Should().Be("true", "a study without open-set cells has a note, no open-set chart");
            (await Text(page, "document.getElementById('chart-clustermap').getAttribute('data-selection')")).Should().Be("ds|procrustes|rank1");

            // The clustermap shows procrustes' mean Rank-1 over seeds in every cell, to its one decimal.
            Dictionary<(string, string), double> procrustes = Means(report, "procrustes"), ridge = Means(report, "ridge");
            List<string[]> before = await Cells(page);
            before.Should().HaveCount(models.Length * (models.Length - 1), "procrustes has every pair of different models");
            AssertCells(before, procrustes);
            before.Select(c => c[0]).Should().Contain(HtmlReportWriterTests.Hostile, "the hostile name is a row label's datum, drawn as text");
            (await Number(page, $"Array.from(document.querySelectorAll('#chart-clustermap text')).filter(function (t) {{ return t.textContent === {JsonSerializer.Serialize(HtmlReportWriterTests.Hostile)}; }}).length"))
                .Should().BeGreaterThan(0, "the hostile name is an axis label's text");

            // Family colour bars: one mark per model beside the rows and above the columns, in the heatmap's own (dendrogram)
            // order, filled by family (two families, two colours), with a legend; the hover text names both families.
            (await Text(page, "document.getElementById('chart-clustermap').getAttribute('data-families')")).Should().Be("face|generic");
            List<string[]> rowBars = await Bars(page, "family_rows", "top"), columnBars = await Bars(page, "family_columns", "left");
            rowBars.Select(b => b[0]).Should().BeEquivalentTo(models);
            columnBars.Select(b => b[0]).Should().BeEquivalentTo(models);
            rowBars.Concat(columnBars).Should().AllSatisfy(b => b[1].Should().Be(families[b[0]], "each bar carries its model's family"));
            rowBars.Concat(columnBars).GroupBy(b => b[1]).Select(g => g.Select(b => b[2]).Distinct().Should().ContainSingle().Subject).Distinct()
                .Should().HaveCount(2, "one fill per family, and the two differ");
            rowBars.Select(b => b[0]).Should().Equal(await HeatOrder(page, "source", "top"), "the row bars follow the heatmap's rows");
            columnBars.Select(b => b[0]).Should().Equal(await HeatOrder(page, "target", "left"), "the column bars follow the heatmap's columns");
            (await Number(page, "Array.from(document.querySelectorAll('#chart-clustermap g.role-legend text')).filter(function (t) { return ['family', 'face', 'generic'].indexOf(t.textContent) >= 0; }).length"))
                .Should().Be(3, "a family legend with both families");
            (await Text(page, "String(JSON.stringify(window.facecompat.specs.clustermap).indexOf('source family') >= 0)")).Should().Be("true");

            // Choose ridge: the cells now carry ridge's means, and differ from procrustes'.
            await Choose(page, "select-method", report.Summaries.Select(s => s.Method).Distinct().Order(StringComparer.Ordinal).ToList().IndexOf("ridge"));
            await page.WaitForAsync("document.getElementById('chart-clustermap').getAttribute('data-selection') === 'ds|ridge|rank1' && document.getElementById('chart-clustermap').getAttribute('data-status') === 'ok'", TimeSpan.FromSeconds(30));
            List<string[]> after = await Cells(page);
            AssertCells(after, ridge);
            after.Select(c => c[2]).Should().NotEqual(before.Select(c => c[2]), "ridge's values are not procrustes'");

            // Baseline (Rank-1 0 for every pair of different models): a one-line note instead of the clustermap.
            await Choose(page, "select-method", 0);
            await page.WaitForAsync("document.getElementById('chart-clustermap').getAttribute('data-status') === 'note'", TimeSpan.FromSeconds(30));
            (await Text(page, "document.getElementById('clustermap-note').textContent")).Should().Contain("every pair of different models has the same value (0.00 %)");
            (await Text(page, "String(document.getElementById('clustermap-note').hidden)")).Should().Be("false");
            await Choose(page, "select-method", 1);
            await page.WaitForAsync("document.getElementById('chart-clustermap').getAttribute('data-status') === 'ok' && document.getElementById('clustermap-note').hidden", TimeSpan.FromSeconds(30));

            // Click the cell gamma -> alpha: that pair's CMC, ROC and DET appear, one line per method of the pair.
            JsonElement box = await page.EvaluateAsync(
                "(function () { var t = Array.from(document.querySelectorAll('#chart-clustermap g.mark-rect.role-mark path')).find(function (p) { var d = p.__data__.datum; return d.source === 'gamma' && d.target === 'alpha'; });" +
                " t.scrollIntoView({ block: 'center' }); var r = t.getBoundingClientRect(); return [r.left + (r.width / 2), r.top + (r.height / 2)]; })()");
            await page.ClickAsync(box[0].GetDouble(), box[1].GetDouble());
            await page.WaitForAsync("document.getElementById('pair-detail').getAttribute('data-pair') === 'gamma|alpha'", TimeSpan.FromSeconds(30));
            (await Text(page, "document.getElementById('pair-title').textContent")).Should().Be("ds: gamma \u2192 alpha");
            foreach (string chart in new[] { "cmc", "roc", "det" })
            {
                (await Text(page, $"document.getElementById('chart-{chart}').getAttribute('data-status')")).Should().Be("ok");
                (await Number(page, $"document.querySelectorAll('#chart-{chart} g.mark-line path').length")).Should().Be(3, chart + ": baseline, procrustes and ridge");
            }

            (await Text(page, "document.body.getAttribute('data-errors')")).Should().BeEmpty();
            string png = Path.Combine(outDir, "report.png");
            await File.WriteAllBytesAsync(png, await page.ScreenshotAsync());
            new FileInfo(png).Length.Should().BeGreaterThan(10_000);
            _output.WriteLine("screenshot: " + png);
        }
        finally
        {
            Directory.Delete(study, true);
        }
    }

    /// <summary>Mean Rank-1 over seeds per ordered pair of different models, straight from the cells.</summary>
    private static Dictionary<(string, string), double> Means(StudyReport report, string method) =>
        report.Cells.Where(c => c.Method.ToName() == method && c.Source != c.Target && c.FitIdentities == 50)
            .GroupBy(c => (c.Source, c.Target))
            .ToDictionary(g => g.Key, g => g.Average(c => c.Metrics.Rank1));

    private static void AssertCells(List<string[]> cells, Dictionary<(string, string), double> expected)
    {
        cells.Select(c => (c[0], c[1])).Should().BeEquivalentTo(expected.Keys);
        foreach (string[] c in cells)
        {
            double.Parse(c[2], CultureInfo.InvariantCulture).Should().BeApproximately(expected[(c[0], c[1])], 0.05 + 1e-9, $"{c[0]} -> {c[1]} shows one decimal");
        }
    }

    private static async Task<List<string[]>> Cells(HeadlessChromium page) =>
        JsonSerializer.Deserialize<List<string[]>>((await page.EvaluateAsync(CellTexts)).GetString()!)!;

    /// <summary>The family bars of view <paramref name="name"/> as [model, family, fill], in screen order along <paramref name="edge"/> ("top" or "left").</summary>
    private static async Task<List<string[]>> Bars(HeadlessChromium page, string name, string edge) =>
        JsonSerializer.Deserialize<List<string[]>>((await page.EvaluateAsync(
            $"JSON.stringify(Array.from(document.querySelectorAll('#chart-clustermap g.{name}_marks path')).map(function (p) {{ var d = p.__data__.datum; return [d.model, d.family, p.getAttribute('fill'), p.getBoundingClientRect().{edge}]; }})" +
            ".sort(function (a, b) { return a[3] - b[3]; }).map(function (b) { return [b[0], b[1], b[2]]; }))")).GetString()!)!;

    /// <summary>The heatmap's models along one side: each distinct <paramref name="field"/> (source: rows, target: columns) in screen order along <paramref name="edge"/>.</summary>
    private static async Task<List<string>> HeatOrder(HeadlessChromium page, string field, string edge) =>
        JsonSerializer.Deserialize<List<string>>((await page.EvaluateAsync(
            "(function () { var at = {}; Array.from(document.querySelectorAll('#chart-clustermap g.mark-rect.role-mark path')).forEach(function (p) {" +
            $" var d = p.__data__ && p.__data__.datum; if (d && d.{field} !== undefined && d.value !== undefined) {{ at[d.{field}] = p.getBoundingClientRect().{edge}; }} }});" +
            " return JSON.stringify(Object.keys(at).sort(function (a, b) { return at[a] - at[b]; })); })()")).GetString()!)!;

    private static async Task Choose(HeadlessChromium page, string select, int index) =>
        await page.EvaluateAsync($"(function () {{ var s = document.getElementById('{select}'); s.value = '{index}'; s.dispatchEvent(new Event('change')); }})()");

    private static async Task<string> Text(HeadlessChromium page, string expression) => (await page.EvaluateAsync(expression)).GetString() ?? "";

    private static async Task<int> Number(HeadlessChromium page, string expression) => (await page.EvaluateAsync(expression)).GetInt32();
}
