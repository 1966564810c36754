using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;
using FaceCompat.Report;
using FaceCompat.Report.Browser;
using FaceCompat.Report.Figures;
using FaceCompat.Study;
using FaceCompat.Synthetic;

namespace FaceCompat.Tests.Report;

/// <summary>
/// The report's open-set chart (FNIR against FPIR per pair) and table, on a small synthetic study run here with
/// <c>--open-set</c>. Oracle: the cells' JSON files, parsed here with JsonDocument (never through StudyFolder or the
/// report's code): every line of the chart is a cell's <c>fnir_curve</c>, every dot a cell's <c>fpir</c> point, every
/// table value the cell's FNIR; a cell without the curve (written before it existed) is named in a note; a study
/// without open-set cells has no chart and no error.
/// </summary>
public sealed class OpenSetReportTests : IDisposable
{
    private static readonly string[] s_models = ["alpha", "beta", "gamma"];

    /// <summary>The open_set keys of the table's columns, as docs/study-format.md names them.</summary>
    private static readonly string[] s_keys = ["FNIR@FPIR=0.3%", "FNIR@FPIR=1%", "FNIR@FPIR=10%", "fnir_rank1", "fnir_rankR"];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "fc-openset-report-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, true);
        }
    }

    private string RunStudy()
    {
        string data = Path.Combine(_root, "set1");
        SyntheticDataset.Write(new SyntheticStudySpec
        {
            Identities = 150,
            Models = [new(s_models[0], 32, 0, 0.15, 0.1, 0.9), new(s_models[1], 24, 0, 0.3, 0.1, 1.0), new(s_models[2], 20, 1, 0.2, 2.0, 0.9)],
        }, data);
        string study = Path.Combine(_root, "study");
        StudyRunner.Run(new StudyDefinition { Datasets = [data], Models = s_models, Methods = [MapMethod.Baseline, MapMethod.Procrustes], Seeds = [0], OpenSet = new OpenSetOptions() }, study, DenseKernels.Default);
        return study;
    }

    /// <summary>Each cell's open_set of one method, straight from its JSON file, keyed "source → target".</summary>
    private static Dictionary<string, JsonElement> CellsOf(string study, string method) =>
        Directory.GetFiles(Path.Combine(study, "cells", "set1"), "seed-0.json", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == method)
            .Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.Clone())
            .ToDictionary(e => e.GetProperty("source").GetString() + " \u2192 " + e.GetProperty("target").GetString(), e => e.GetProperty("open_set"));

    [ChromiumFact]
    public async Task The_chart_draws_every_pairs_stored_curve_and_operating_points_and_exports_as_a_figure()
    {
        string study = RunStudy();
        string html = Path.Combine(_root, "report", "report.html");
        HtmlReportWriter.Write(StudyReport.Load(study), html);

        await using (HeadlessChromium page = await HeadlessChromium.StartAsync())
        {
            await page.NavigateAsync("file://" + html, "document.body && document.body.getAttribute('data-rendered') === 'true'", TimeSpan.FromSeconds(90));
            (await Text(page, "document.body.getAttribute('data-errors')")).Should().BeEmpty();
            foreach (string method in new[] { "procrustes", "baseline" })
            {
                if (method == "baseline")
                {
                    await page.EvaluateAsync("(function () { var s = document.getElementById('select-os-method'); s.value = String(facecompat.data.methods.indexOf('baseline')); s.dispatchEvent(new Event('change')); })()");
                }

                await page.WaitForAsync($"document.getElementById('chart-openset').getAttribute('data-selection') === 'set1 / {method}' && document.getElementById('chart-openset').getAttribute('data-status') === 'ok'", TimeSpan.FromSeconds(30));
                Dictionary<string, JsonElement> cells = CellsOf(study, method);
                cells.Should().HaveCount(9, "every ordered pair, own space included");
                AssertChartData(await Values(page, 1), cells, "fnir_curve", p => (p[2].GetDouble(), p[3].GetDouble()));
                AssertChartData(await Values(page, 2), cells, "fpir", p => (p.GetProperty("achieved").GetDouble(), p.GetProperty("fnir").GetDouble()));
                (await Number(page, "document.querySelectorAll('#chart-openset g.mark-line path').length")).Should().Be(9, method + ": one line per pair");
                (await Number(page, "document.querySelectorAll('#chart-openset g.mark-rule.role-mark line').length")).Should().Be(3, "FPIR 0.3 %, 1 %, 10 %");
            }

            (await Text(page, "document.body.getAttribute('data-errors')")).Should().BeEmpty();
        }

        string figures = Path.Combine(_root, "figures");
        await FigureExporter.ExportAsync(StudyReport.Load(study), html, figures);
        foreach (string method in new[] { "baseline", "procrustes" })
        {
            XDocument svg = XDocument.Parse(File.ReadAllText(Path.Combine(figures, $"openset-set1-{method}.svg")));
            svg.Descendants().Count(e => e.Name.LocalName == "path" && e.Attribute("aria-roledescription")?.Value == "line mark").Should().Be(9, method);
            File.Exists(Path.Combine(figures, $"openset-set1-{method}.png")).Should().BeTrue();
        }

        string tex = File.ReadAllText(Path.Combine(figures, FigureExporter.TexFile));
        tex.Should().Contain("\\includegraphics[width=\\linewidth]{openset-set1-procrustes.png}").And.Contain("\\label{fig:openset-set1-baseline}");
        string tables = File.ReadAllText(Path.Combine(figures, FigureExporter.TablesFile));
        foreach ((string pair, JsonElement o) in CellsOf(study, "procrustes"))
        {
            string[] st = pair.Split(" \u2192 ");
            tables.Should().Contain($"set1 & {st[0]} & {st[1]} & procrustes & 1 & " + string.Join(" & ", s_keys.Select(k => Cell(o.GetProperty(k)))) + " \\\\\n", "tables.tex has the open-set table");
        }
    }

    [ChromiumFact]
    public async Task A_cell_written_before_the_curve_is_named_in_a_note_and_the_others_still_draw()
    {
        string study = RunStudy();
        string old = Directory.GetFiles(Path.Combine(study, "cells", "set1", "alpha__beta", "procrustes"), "seed-0.json").Single();
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(old))!;
        node["open_set"]!.AsObject().Remove("fnir_curve").Should().BeTrue();
        File.WriteAllText(old, node.ToJsonString());
        string html = Path.Combine(_root, "report.html");
        HtmlReportWriter.Write(StudyReport.Load(study), html);

        await using HeadlessChromium page = await HeadlessChromium.StartAsync();
        await page.NavigateAsync("file://" + html, "document.body && document.body.getAttribute('data-rendered') === 'true'", TimeSpan.FromSeconds(90));
        (await Text(page, "document.body.getAttribute('data-errors')")).Should().BeEmpty();
        (await Text(page, "document.getElementById('chart-openset').getAttribute('data-status')")).Should().Be("ok");
        (await Text(page, "document.getElementById('openset-note').textContent")).Should().Contain("No curve for alpha \u2192 beta (cells written before");
        (await Number(page, "document.querySelectorAll('#chart-openset g.mark-line path').length")).Should().Be(8);
        File.ReadAllText(html).Should().Contain("<td class=\"name\">alpha</td><td class=\"name\">beta</td><td>1</td>");
    }

    [Fact]
    public void The_table_carries_each_cells_fnir_and_a_study_without_open_set_has_a_note_and_no_chart()
    {
        string study = RunStudy();
        string page = HtmlReportWriter.Render(StudyReport.Load(study));
        foreach (string method in new[] { "baseline", "procrustes" })
        {
            foreach ((string pair, JsonElement o) in CellsOf(study, method))
            {
                string[] st = pair.Split(" \u2192 ");
                string row = $"<tr><td class=\"name\">set1</td><td class=\"name\">{method}</td><td class=\"name\">{st[0]}</td><td class=\"name\">{st[1]}</td><td>1</td>"
                    + string.Concat(s_keys.Select(k => "<td>" + Cell(o.GetProperty(k)) + "</td>"))
                    + "<td>yes</td></tr>";
                page.Should().Contain(row);
            }
        }

        page.Should().Contain("id=\"chart-openset\"").And.NotContain("id=\"openset-absent\"");

        string plain = Path.Combine(_root, "plain");
        StudyFixtureWriter.Write(plain, s_models, ["baseline", "procrustes"], 2);
        string without = HtmlReportWriter.Render(StudyReport.Load(plain));
        without.Should().Contain("id=\"openset-absent\"").And.NotContain("id=\"chart-openset\"");
        without.Should().Contain("\"open_set\":[]");
    }

    private static string Cell(JsonElement v) => v.ValueKind == JsonValueKind.Null ? "n/a" : v.GetDouble().ToString("F2", CultureInfo.InvariantCulture);

    /// <summary>Layer <paramref name="layer"/> of the drawn spec (1: the lines, 2: the dots) as (pair, fpir, fnir).</summary>
    private static async Task<List<(string Pair, double Fpir, double Fnir)>> Values(HeadlessChromium page, int layer)
    {
        JsonElement v = await page.EvaluateAsync($"JSON.stringify(facecompat.specs.openset.layer[{layer}].data.values.map(function (p) {{ return [p.pair, p.fpir, p.fnir]; }}))");
        return JsonDocument.Parse(v.GetString()!).RootElement.EnumerateArray().Select(p => (p[0].GetString()!, p[1].GetDouble(), p[2].GetDouble())).ToList();
    }

    /// <summary>The chart's points of each pair are the cell's points of <paramref name="key"/> with an FPIR above 0 (a log axis), in order.</summary>
    private static void AssertChartData(List<(string Pair, double Fpir, double Fnir)> chart, Dictionary<string, JsonElement> cells, string key, Func<JsonElement, (double Fpir, double Fnir)> point)
    {
        chart.Select(c => c.Pair).Distinct().Should().BeEquivalentTo(cells.Keys);
        foreach ((string pair, JsonElement o) in cells)
        {
            var expected = o.GetProperty(key).EnumerateArray()
                .Where(p => key != "fpir" || p.GetProperty("fnir").ValueKind == JsonValueKind.Number)
                .Select(point).Where(p => p.Fpir > 0).ToList();
            expected.Should().NotBeEmpty(pair);
            chart.Where(c => c.Pair == pair).Select(c => (c.Fpir, c.Fnir)).Should().Equal(expected, pair + " " + key);
        }
    }

    private static async Task<string> Text(HeadlessChromium page, string expression) => (await page.EvaluateAsync(expression)).GetString() ?? "";

    private static async Task<int> Number(HeadlessChromium page, string expression) => (await page.EvaluateAsync(expression)).GetInt32();
}
