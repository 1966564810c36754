using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;
using FaceCompat.Report;
using FaceCompat.Report.Figures;
using FaceCompat.Study;
using FaceCompat.Synthetic;
using Xunit.Abstractions;

namespace FaceCompat.Tests.Report.Figures;

/// <summary>
/// <c>report --figures</c> end to end: a small synthetic study run here (3 models, LaTeX-hostile names, procrustes and
/// ridge, 2 seeds), its report, the figures through Chromium. Oracle: the study's own summary.csv (written by the
/// study aggregator, read here with a plain CSV split), never the report's code: every clustermap cell and every
/// incoming/outgoing bar carries the value the study wrote; every PNG is a PNG over 100 px; figures.tex includes
/// exactly the PNGs written and its environments and braces balance.
/// </summary>
public sealed partial class FigureExporterTests : IDisposable
{
    // '-' sorts before '_' (ordinal), so the report opens with the pair face-b -> face_a&1.
    private static readonly string[] s_models = ["face_a&1", "face-b", "found%c"];
    private static readonly string[] s_methods = ["procrustes", "ridge"];
    private static readonly string[] s_metrics = ["rank1", "auc", "tmr_fmr01"];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "fc-figures-" + Guid.NewGuid().ToString("N"));
    private readonly ITestOutputHelper _output;

    public FigureExporterTests(ITestOutputHelper output) => _output = output;

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, true);
        }
    }

    [ChromiumFact]
    public async Task Every_figure_is_written_as_svg_and_png_with_the_studys_values_and_a_figures_tex()
    {
        string data = Path.Combine(_root, "set_#1");
        SyntheticDataset.Write(new SyntheticStudySpec
        {
            Identities = 80,
            Models = [new(s_models[0], 64, 0, 0.15, 0.1, 0.9), new(s_models[1], 48, 0, 0.3, 0.1, 1.0), new(s_models[2], 40, 1, 0.2, 2.0, 0.9)],
        }, data);
        string study = Path.Combine(_root, "study");
        StudyRunner.Run(new StudyDefinition { Datasets = [data], Models = s_models, Methods = [MapMethod.Procrustes, MapMethod.Ridge], Seeds = [0, 1] }, study, DenseKernels.Default);
        List<Dictionary<string, string>> summary = ReadCsv(Path.Combine(study, StudyFolder.SummaryCsvFile));
        summary.Select(r => r["dataset"]).Distinct().Should().Equal("set_#1");

        StudyReport report = StudyReport.Load(study);
        string html = Path.Combine(_root, "report", "report.html");
        HtmlReportWriter.Write(report, html);
        string dir = Path.Combine(_root, "figures");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        IReadOnlyList<string> written = await FigureExporter.ExportAsync(report, html, dir);
        _output.WriteLine($"figures: {written.Count} files in {clock.Elapsed.TotalSeconds:F1} s");

        var stems = new List<string>();
        foreach (string method in s_methods)
        {
            foreach (string metric in s_metrics)
            {
                string key = metric.Replace('_', '-');
                stems.Add($"clustermap-set-1-{method}-{key}");
                stems.Add($"asymmetry-set-1-{method}-{key}");
            }
        }

        stems.AddRange(["cmc-set-1-face-b-face-a-1", "roc-set-1-face-b-face-a-1", "det-set-1-face-b-face-a-1"]);
        string[] expected = [.. stems.SelectMany(s => new[] { s + ".svg", s + ".png" }), "figures.tex", "tables.tex"];
        Directory.GetFiles(dir).Select(Path.GetFileName).Should().BeEquivalentTo(expected, "nothing else, no temporary file left");
        written.Select(Path.GetFileName).Should().BeEquivalentTo(expected);

        foreach (string stem in stems)
        {
            XDocument svg = XDocument.Parse(File.ReadAllText(Path.Combine(dir, stem + ".svg")));
            svg.Root!.Name.LocalName.Should().Be("svg");
            (int width, int height) = PngSize(Path.Combine(dir, stem + ".png"));
            width.Should().BeGreaterThan(100, stem);
            height.Should().BeGreaterThan(100, stem);
        }

        foreach (string method in s_methods)
        {
            foreach (string metric in s_metrics)
            {
                List<Dictionary<string, string>> rows = summary.Where(r => r["method"] == method).ToList();
                rows.Should().HaveCount(9, "every ordered pair, self pairs included");
                double cellTolerance = metric == "auc" ? 0.005 : 0.05, barTolerance = metric == "auc" ? 0.00005 : 0.005;
                string key = metric.Replace('_', '-');
                AssertCells(Svg(dir, $"clustermap-set-1-{method}-{key}"), rows, metric, cellTolerance + 1e-9);
                AssertBars(Svg(dir, $"asymmetry-set-1-{method}-{key}"), rows.Where(r => r["source"] != r["target"]).ToList(), metric, barTolerance + 1e-6);
            }
        }

        // The pair's curves: one line per method of the pair, the legend naming them.
        foreach (string chart in new[] { "cmc", "roc", "det" })
        {
            XDocument svg = Svg(dir, chart + "-set-1-face-b-face-a-1");
            Texts(svg).Should().Contain(s_methods, chart + "'s legend names the study's methods");
            svg.Descendants().Count(e => e.Name.LocalName == "path" && (e.Attribute("aria-roledescription")?.Value == "line mark")).Should().Be(2, chart);
        }

        string tex = File.ReadAllText(Path.Combine(dir, FigureExporter.TexFile));
        IncludedGraphics().Matches(tex).Select(m => m.Groups[1].Value).Should().BeEquivalentTo(stems.Select(s => s + ".png"), "figures.tex includes exactly the PNGs written");
        Regex.Matches(tex, @"\\begin\{figure\}").Should().HaveCount(stems.Count);
        AssertBalanced(tex);
        tex.Should().Contain("face-b $\\rightarrow$ face\\_a\\&1 on set\\_\\#1", "names are escaped in captions");
        foreach (Match caption in Regex.Matches(tex, @"\\caption\{(.*)\}\n"))
        {
            Regex.IsMatch(caption.Groups[1].Value, @"(?<!\\)[&%#_^~]").Should().BeFalse("no unescaped LaTeX special in " + caption.Groups[1].Value);
        }

        string tables = File.ReadAllText(Path.Combine(dir, FigureExporter.TablesFile));
        AssertBalanced(tables);
        tables.Should().Contain("\\toprule").And.Contain("face\\_a\\&1").And.Contain("found\\%c");
        Regex.Matches(tables, @"\\begin\{table\}").Should().HaveCount(2, "the per-method headline table and the papers' table");
    }

    /// <summary>Each clustermap cell (a text mark: source and target in its aria-label, the value as its text) shows the study's mean to the chart's decimals.</summary>
    private static void AssertCells(XDocument svg, List<Dictionary<string, string>> rows, string metric, double tolerance)
    {
        var cells = svg.Descendants().Where(e => e.Name.LocalName == "text" && (e.Attribute("aria-label")?.Value.Contains("; label: ", StringComparison.Ordinal) ?? false))
            .Select(e => (Fields: Fields(e.Attribute("aria-label")!.Value), Text: e.Value))
            .ToList();
        cells.Select(c => (c.Fields["source"], c.Fields["target"])).Should().BeEquivalentTo(rows.Select(r => (r["source"], r["target"])));
        foreach (var c in cells)
        {
            Dictionary<string, string> row = rows.Single(r => r["source"] == c.Fields["source"] && r["target"] == c.Fields["target"]);
            double.Parse(c.Text, CultureInfo.InvariantCulture).Should().BeApproximately(Value(row, metric), tolerance, $"{metric} {c.Fields["source"]} -> {c.Fields["target"]}");
        }
    }

    /// <summary>Each bar: a model's mean over its partners as target (incoming) or source (outgoing), from summary.csv.</summary>
    private static void AssertBars(XDocument svg, List<Dictionary<string, string>> rows, string metric, double tolerance)
    {
        var bars = svg.Descendants().Where(e => e.Attribute("aria-label")?.Value.Contains("; direction: ", StringComparison.Ordinal) ?? false)
            .Select(e => Fields(e.Attribute("aria-label")!.Value))
            .ToList();
        bars.Should().HaveCount(2 * s_models.Length);
        foreach (Dictionary<string, string> bar in bars)
        {
            string column = bar["direction"] == "incoming" ? "target" : "source";
            double expected = rows.Where(r => r[column] == bar["model"]).Average(r => Value(r, metric));
            double.Parse(bar["value"], CultureInfo.InvariantCulture).Should().BeApproximately(expected, tolerance, $"{metric} {bar["model"]} {bar["direction"]}");
        }
    }

    private static void AssertBalanced(string tex)
    {
        var open = new Stack<string>();
        foreach (Match m in Regex.Matches(tex, @"\\(begin|end)\{([^}]*)\}"))
        {
            if (m.Groups[1].Value == "begin")
            {
                open.Push(m.Groups[2].Value);
            }
            else
            {
                open.Should().NotBeEmpty("\\end{" + m.Groups[2].Value + "} has no \\begin");
                open.Pop().Should().Be(m.Groups[2].Value);
            }
        }

        open.Should().BeEmpty();
        string unescaped = Regex.Replace(string.Join('\n', tex.Split('\n').Where(l => !l.StartsWith('%'))), @"\\[{}]", "");
        unescaped.Count(c => c == '{').Should().Be(unescaped.Count(c => c == '}'), "braces balance");
    }

    private static double Value(Dictionary<string, string> row, string metric) => double.Parse(row[metric + "_mean"], CultureInfo.InvariantCulture);

    /// <summary>"a: 1; b: x" as a dictionary (the first ": " of each part splits name and value).</summary>
    private static Dictionary<string, string> Fields(string label) =>
        label.Split("; ").Select(p => p.Split(": ", 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    private static XDocument Svg(string dir, string stem) => XDocument.Parse(File.ReadAllText(Path.Combine(dir, stem + ".svg")));

    private static List<string> Texts(XDocument svg) => svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();

    /// <summary>Width and height from the IHDR chunk, after checking the 8-byte signature.</summary>
    private static (int Width, int Height) PngSize(string path)
    {
        byte[] head = File.ReadAllBytes(path).Take(24).ToArray();
        head.Take(8).Should().Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, path + " has the PNG signature");
        System.Text.Encoding.ASCII.GetString(head, 12, 4).Should().Be("IHDR");
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(20)));
    }

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        string[] lines = File.ReadAllLines(path);
        string[] header = lines[0].Split(',');
        return lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal))
            .Where(r => r["protocol"] == "intra")
            .ToList();
    }

    [GeneratedRegex(@"\\includegraphics(?:\[[^\]]*\])?\{([^}]*)\}")]
    private static partial Regex IncludedGraphics();
}
