using System.Globalization;
using System.Text.Json;
using FaceCompat.Data;
using FaceCompat.Evaluation;
using FaceCompat.Report.Browser;
using FaceCompat.Study;

namespace FaceCompat.Report.Figures;

/// <summary>
/// <c>facecompat report --figures DIR</c>: every figure of a written report.html as SVG and PNG, drawn by the report's
/// own Vega views in headless Chromium (<c>view.toSVG()</c>, <c>view.toImageURL('png', scale)</c>), so each file is the
/// HTML chart itself: same spec, same data. Written (docs/report.md, "Figures for papers"):
/// <list type="bullet">
/// <item>the clustermap and the incoming/outgoing chart of every (dataset, method) for each metric of
/// <see cref="ReportFindings.Headline"/> (Rank-1, AUC, TMR@FMR 0.1 %); a selection the page replaces by a note is
/// not drawn and is listed as a comment in figures.tex;</item>
/// <item>per dataset, the CMC, ROC, DET (and, with linkability, score densities) of the pair the report opens with
/// (its first pair of different models);</item>
/// <item>the training-size curve when the study has one;</item>
/// <item>with open-set cells, FNIR against FPIR per (dataset, method), one line per pair;</item>
/// <item><c>figures.tex</c> (one figure environment each) and <c>tables.tex</c> (the per-method headline table, the
/// papers' table and, with open-set cells, the FNIR table per pair; booktabs).</item>
/// </list>
/// </summary>
public static class FigureExporter
{
    /// <summary>The LaTeX file of figure environments, in the figures folder.</summary>
    public const string TexFile = "figures.tex";

    /// <summary>The report's tables as LaTeX (booktabs), in the figures folder.</summary>
    public const string TablesFile = "tables.tex";

    /// <summary>PNG pixels per CSS pixel of the chart.</summary>
    public const double PngScale = 2;

    private const string Rendered = "document.body && document.body.getAttribute('data-rendered') === 'true'";

    /// <summary>Opens <paramref name="htmlPath"/> (written by <see cref="HtmlReportWriter.Write"/> for <paramref name="report"/>) and writes the figures into <paramref name="directory"/>; returns every path written.</summary>
    /// <exception cref="ModelException">Chromium is missing or does not start.</exception>
    public static async Task<IReadOnlyList<string>> ExportAsync(StudyReport report, string htmlPath, string directory, string chromium = HeadlessChromium.DefaultPath, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        await using HeadlessChromium page = await HeadlessChromium.StartAsync(path: chromium, cancel: cancel).ConfigureAwait(false);
        await page.NavigateAsync(new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri, Rendered, TimeSpan.FromMinutes(5), cancel).ConfigureAwait(false);
        await EnsureNoErrorsAsync(page, cancel).ConfigureAwait(false);
        JsonElement data = await page.EvaluateAsync("(function (d) { return { datasets: d.datasets, methods: d.methods, models: d.models, metrics: d.metrics.map(function (m) { return m.key; }), rows: d.rows.map(function (r) { return [r.d, r.s, r.t]; }) }; })(facecompat.data)", cancel).ConfigureAwait(false);
        string[] datasets = Strings(data, "datasets"), methods = Strings(data, "methods"), models = Strings(data, "models"), keys = Strings(data, "metrics");
        int[][] rows = data.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(x => x.GetInt32()).ToArray()).ToArray();
        List<SummaryRow> pairs = report.Summaries.Where(s => !s.IsCross && !s.IsSelf).ToList();

        var figures = new List<Figure>();
        var notDrawn = new List<string>();
        var written = new List<string>();
        var names = new FigureNames();
        async Task SaveAsync(string chart, Figure figure)
        {
            JsonElement r = await page.EvaluateAsync($"facecompat.figure('{chart}', {PngScale.ToString(CultureInfo.InvariantCulture)})", cancel).ConfigureAwait(false);
            if (r.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidOperationException($"the report's {chart} chart is not drawn, so figure {figure.Stem} cannot be written.");
            }

            string svg = Path.Combine(directory, figure.SvgFile), png = Path.Combine(directory, figure.PngFile);
            AtomicFile.WriteText(svg, r.GetProperty("svg").GetString()!);
            byte[] pixels = Convert.FromBase64String(r.GetProperty("png").GetString()!);
            AtomicFile.Write(png, s => s.Write(pixels));
            written.Add(svg);
            written.Add(png);
            figures.Add(figure);
        }

        for (int d = 0; d < datasets.Length; d++)
        {
            string ds = TableExporter.Tex(datasets[d]);
            for (int m = 0; m < methods.Length; m++)
            {
                string method = TableExporter.Tex(methods[m]);
                string seeds = Seeds(pairs.Where(s => s.Dataset == datasets[d] && s.Method == methods[m]));
                foreach (Metric metric in ReportFindings.Headline)
                {
                    int k = Array.IndexOf(keys, metric.CsvKey);
                    if (k < 0)
                    {
                        continue;
                    }

                    string status = (await page.EvaluateAsync($"facecompat.selectFigure({d}, {m}, {k})", cancel).ConfigureAwait(false)).GetString() ?? "";
                    string note = (await page.EvaluateAsync("document.getElementById('clustermap-note').textContent", cancel).ConfigureAwait(false)).GetString() ?? "";
                    if (status == "note")
                    {
                        notDrawn.Add(note);
                        continue;
                    }

                    await EnsureNoErrorsAsync(page, cancel).ConfigureAwait(false);
                    string name = TableExporter.Tex(metric.Name) + (metric.Unit.Length > 0 ? " (" + TableExporter.Tex(metric.Unit) + ")" : "");
                    string tree = note.Length > 0 ? " " + TableExporter.Tex(note) : " Rows and columns in the leaf order of the average-linkage dendrogram drawn on the sides.";
                    await SaveAsync("clustermap", new Figure(
                        names.Next("clustermap", datasets[d], methods[m], metric.CsvKey),
                        $"{name} from source model (rows) to target model (columns) on {ds} with the {method} map, mean over {seeds} per cell.{tree}")).ConfigureAwait(false);
                    await SaveAsync("asymmetry", new Figure(
                        names.Next("asymmetry", datasets[d], methods[m], metric.CsvKey),
                        $"Incoming (model as target) and outgoing (model as source) mean {name} of each model over its partners on {ds} with the {method} map (means over {seeds}).")).ConfigureAwait(false);
                }
            }

            int first = Array.FindIndex(rows, r => r[0] == d && r[1] != r[2]);
            if (first >= 0)
            {
                await page.EvaluateAsync($"facecompat.showPair({first}).then(function () {{ return true; }})", cancel).ConfigureAwait(false);
                await EnsureNoErrorsAsync(page, cancel).ConfigureAwait(false);
                string source = models[rows[first][1]], target = models[rows[first][2]];
                string pair = $"{TableExporter.Tex(source)} $\\rightarrow$ {TableExporter.Tex(target)} on {ds}, one line per method";
                foreach ((string chart, string what) in new[]
                {
                    ("cmc", $"CMC (Rank-$k$ \\%) of {pair} (mean over seeds)."),
                    ("roc", $"ROC of {pair} (lowest seed)."),
                    ("det", $"DET of {pair} (lowest seed)."),
                    ("density", $"Mated and non-mated score densities of records of different captures (template linkability) of {pair} (lowest seed)."),
                })
                {
                    if (await DrawnAsync(page, chart, cancel).ConfigureAwait(false))
                    {
                        await SaveAsync(chart, new Figure(names.Next(chart, datasets[d], source, target), what)).ConfigureAwait(false);
                    }
                }
            }
        }

        JsonElement openSet = await page.EvaluateAsync("(facecompat.data.open_set || []).map(function (r) { return r.d + '|' + r.m; }).filter(function (k, i, a) { return a.indexOf(k) === i; })", cancel).ConfigureAwait(false);
        foreach (int[] dm in openSet.EnumerateArray().Select(e => e.GetString()!.Split('|').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray()))
        {
            string status = (await page.EvaluateAsync($"facecompat.selectOpenSet({dm[0]}, {dm[1]})", cancel).ConfigureAwait(false)).GetString() ?? "";
            string note = (await page.EvaluateAsync("document.getElementById('openset-note').textContent", cancel).ConfigureAwait(false)).GetString() ?? "";
            if (status != "ok")
            {
                notDrawn.Add($"FNIR against FPIR on {datasets[dm[0]]} with {methods[dm[1]]}: {note}");
                continue;
            }

            await EnsureNoErrorsAsync(page, cancel).ConfigureAwait(false);
            string remark = note.Length > 0 ? " " + TableExporter.Tex(note) : "";
            await SaveAsync("openset", new Figure(
                names.Next("openset", datasets[dm[0]], methods[dm[1]]),
                $"Open-set identification (NIST FRTE 1:N) on {TableExporter.Tex(datasets[dm[0]])} with the {TableExporter.Tex(methods[dm[1]])} map: FNIR (candidate list $R$) against FPIR, one line per ordered pair (lowest seed); dashed rules at FPIR 0.3, 1 and 10~\\%, dots at each pair's FNIR there.{remark}")).ConfigureAwait(false);
        }

        if (await DrawnAsync(page, "size", cancel).ConfigureAwait(false))
        {
            await SaveAsync("size", new Figure(names.Next("training-size"), "Rank-1 (\\%) against the number of fitting identities, mean over pairs of different models and seeds, per method and dataset.")).ConfigureAwait(false);
        }

        string tex = Path.Combine(directory, TexFile), tables = Path.Combine(directory, TablesFile);
        AtomicFile.WriteText(tex, FiguresTex.Render(figures, notDrawn));
        List<SummaryRow> openSetRows = ReportModel.OpenSetRows(report).ToList();
        string openSetTable = openSetRows.Count == 0 ? "" : "\n" + TableExporter.ToLatex(openSetRows, MetricCatalogue.OpenSet,
            "Open-set identification (NIST FRTE 1:N): FNIR (\\%) at FPIR 0.3, 1 and 10~\\% (candidate list $R$), at rank 1 and at rank $R$ with no threshold; mean $\\pm$ sample standard deviation over $n$ seeds.");
        AtomicFile.WriteText(tables, TableExporter.MethodsToLatex(ReportFindings.Of(report.Summaries)) + "\n" + TableExporter.ToLatex(report.Summaries) + openSetTable);
        written.Add(tex);
        written.Add(tables);
        return written;
    }

    private static async Task<bool> DrawnAsync(HeadlessChromium page, string chart, CancellationToken cancel) =>
        (await page.EvaluateAsync($"facecompat.drawn('{chart}')", cancel).ConfigureAwait(false)).ValueKind == JsonValueKind.True;

    private static async Task EnsureNoErrorsAsync(HeadlessChromium page, CancellationToken cancel)
    {
        string errors = (await page.EvaluateAsync("document.body.getAttribute('data-errors') || ''", cancel).ConfigureAwait(false)).GetString() ?? "";
        if (errors.Length > 0)
        {
            throw new InvalidOperationException("the report's charts did not render in Chromium: " + errors);
        }
    }

    private static string[] Strings(JsonElement data, string name) => data.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();

    /// <summary>"5 seeds", or "2-5 seeds" when the rows rest on different numbers of seeds.</summary>
    private static string Seeds(IEnumerable<SummaryRow> rows)
    {
        int[] n = rows.Select(r => r.Runs).Distinct().Order().ToArray();
        string count = n.Length == 0 ? "0" : n.Length == 1 ? n[0].ToString(CultureInfo.InvariantCulture) : $"{n[0].ToString(CultureInfo.InvariantCulture)}--{n[^1].ToString(CultureInfo.InvariantCulture)}";
        return count + (n.Length == 1 && n[0] == 1 ? " seed" : " seeds");
    }
}
