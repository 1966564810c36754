using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using FaceCompat.Data;
using FaceCompat.Study;

namespace FaceCompat.Report;

/// <summary>
/// Writes the one-file, offline HTML report: Vega/Vega-Lite/Vega-Embed inlined, chart data as a JSON
/// island (every '&lt;', '&gt;', '&amp;' escaped), every name in tables HTML-encoded.
/// </summary>
public static partial class HtmlReportWriter
{
    /// <summary>Writes the report to <paramref name="htmlPath"/> and the tables next to it (.csv, .md, .tex); returns every path written.</summary>
    public static IReadOnlyList<string> Write(StudyReport report, string htmlPath)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(htmlPath));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        AtomicFile.WriteText(htmlPath, Render(report));
        string stem = Path.Combine(dir ?? ".", Path.GetFileNameWithoutExtension(htmlPath));
        var written = new List<string> { htmlPath };
        foreach ((string ext, string text) in new[]
        {
            (".csv", TableExporter.ToCsv(report.Summaries)),
            (".md", TableExporter.ToMarkdown(report.Summaries)),
            (".tex", TableExporter.ToLatex(report.Summaries)),
        })
        {
            AtomicFile.WriteText(stem + ext, text);
            written.Add(stem + ext);
        }

        return written;
    }

    /// <summary>The report's sections in page order: (id, title); the table of contents lists them.</summary>
    internal static readonly (string Id, string Title)[] Sections =
    [
        ("summary", "Summary"),
        ("compatibility", "Compatibility"),
        ("pairs", "Pairs"),
        ("open-set", "Open-set identification"),
        ("training-size", "Training size"),
        ("cross-dataset", "Cross-dataset"),
        ("statistics", "Statistics"),
        ("audit", "Audit"),
        ("geometry", "Geometry and extra tables"),
    ];

    public static string Render(StudyReport report)
    {
        var sb = new StringBuilder(2_000_000);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>FaceCompat report</title>\n<style>")
          .Append(Css).Append("</style>\n</head><body>\n<h1>FaceCompat report</h1>\n<nav id=\"toc\"><strong>Contents</strong><ol>");
        foreach ((string id, string title) in Sections)
        {
            sb.Append("<li><a href=\"#").Append(id).Append("\">").Append(title).Append("</a></li>");
        }

        sb.Append("</ol></nav>\n");
        List<SummaryRow> intra = report.Summaries.Where(s => !s.IsCross && !s.IsSelf).ToList();
        Open(sb, "summary");
        AppendFindings(sb, report);
        sb.Append("<p>").Append(Count(report.Cells.Count)).Append(" cells, ").Append(Count(report.Models.Count())).Append(" models. ")
          .Append("Numbers are mean &plusmn; sample std over the <em>n</em> seeds each row rests on (PROTOCOL.md).</p>\n");
        Close(sb);
        Open(sb, "compatibility");
        sb.Append(CompatibilitySkeleton);
        Close(sb);
        Open(sb, "pairs");
        AppendPairTables(sb, report, intra);
        Close(sb);
        Open(sb, "open-set");
        AppendOpenSet(sb, report);
        Close(sb);
        Open(sb, "training-size");
        sb.Append("<div class=\"charts\"><section><h3>Rank-1 against fitting identities (mean over pairs and seeds)</h3><div id=\"chart-size\"></div></section></div>\n");
        if (report.TrainingSize.All(s => !s.LimitedFit))
        {
            sb.Append("<p class=\"note\">The study has no training-size experiment (<code>facecompat study --fit-identities</code>).</p>\n");
        }

        Close(sb);
        Open(sb, "cross-dataset");
        AppendCrossSection(sb, report);
        Close(sb);
        Open(sb, "statistics");
        AppendStatistics(sb, report, intra);
        Close(sb);
        Open(sb, "audit");
        AppendAudit(sb, report);
        Close(sb);
        Open(sb, "geometry");
        AppendExtras(sb, report);
        Close(sb);
        sb.Append("<script type=\"application/json\" id=\"report-data\">")
          .Append(JsonSerializer.Serialize(ReportModel.Build(report)))
          .Append("</script>\n");
        foreach (string name in new[] { "vega.min.js", "vega-lite.min.js", "vega-embed.min.js", "report.js" })
        {
            sb.Append("<script>").Append(Asset(name)).Append("</script>\n");
        }

        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    /// <summary>Opens a collapsible section (open by default) with its heading.</summary>
    private static void Open(StringBuilder sb, string id)
    {
        string title = Sections.First(s => s.Id == id).Title;
        sb.Append("<details open id=\"").Append(id).Append("\"><summary><h2>").Append(title).Append("</h2></summary>\n");
    }

    private static void Close(StringBuilder sb) => sb.Append("</details>\n");

    internal static string Encode(string s) => WebUtility.HtmlEncode(s);

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Asset(string name)
    {
        string resource = name.EndsWith(".min.js", StringComparison.Ordinal) ? "FaceCompat.Report.Assets.vendor." + name : "FaceCompat.Report.Assets." + name;
        using Stream stream = typeof(HtmlReportWriter).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded resource {resource} is missing from FaceCompat.Report.");
        using var reader = new StreamReader(stream);
        string text = reader.ReadToEnd();
        int map = text.LastIndexOf("//# sourceMappingURL=", StringComparison.Ordinal);
        if (map >= 0)
        {
            text = text[..map];
        }

        return text.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Where report.js draws the clustermap (selectors, the chart, its asymmetry) and the clicked pair's curves.</summary>
    private const string CompatibilitySkeleton =
        "<p>One heatmap per choice of dataset, method and metric: cell = mean over seeds for source (row) &rarr; target (column); " +
        "rows and columns in the order of the average-linkage dendrogram drawn on the sides (distance: 100 or 1 minus the symmetrised value " +
        "where higher is closer, the value itself where lower is closer). Hover a cell for the pair's numbers with their spread over seeds; click it for its curves.</p>\n" +
        "<div id=\"clustermap-controls\" class=\"controls\"></div>\n<p class=\"note\" id=\"clustermap-note\" hidden></p>\n" +
        "<div class=\"charts\"><section><h3>Clustermap</h3><div id=\"chart-clustermap\"></div></section>" +
        "<section><h3>Incoming vs outgoing (asymmetry)</h3><div id=\"chart-asymmetry\"></div></section></div>\n" +
        "<div id=\"pair-detail\"><h3>Pair <span id=\"pair-title\"></span></h3><div class=\"controls\"><label>pair <select id=\"select-pair\"></select></label></div>\n" +
        "<div class=\"charts\"><section><div id=\"chart-cmc\"></div></section><section><div id=\"chart-roc\"></div></section>" +
        "<section><div id=\"chart-det\"></div></section><section><div id=\"chart-density\"></div></section></div></div>\n";

    private const string Css =
        "body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;font-size:12px;margin:0.5em 0 1.5em}" +
        "th,td{border-bottom:1px solid #ddd;padding:2px 6px;text-align:right}th{background:#f3f3f3}td.name{text-align:left}" +
        ".charts{display:flex;flex-wrap:wrap;gap:1em}.charts section{border:1px solid #eee;padding:0.5em}h3{font-size:13px;margin:0}" +
        "details>summary{cursor:pointer}details>summary h2{display:inline}details{margin:0.5em 0 1em}" +
        "#toc{position:sticky;top:0;background:#fff;padding:0.3em 0;border-bottom:1px solid #ddd;z-index:2}#toc ol{display:inline;padding:0;margin:0 0 0 0.5em}" +
        "#toc li{display:inline;margin-right:1em}p.note{color:#666;font-style:italic}.controls label{margin-right:1.5em}.controls{margin:0.5em 0}" +
        "[hidden]{display:none!important}a.num{color:inherit;text-decoration:underline dotted}";
}
