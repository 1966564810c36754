using System.Diagnostics;
using System.Text.RegularExpressions;
using FaceCompat.Report;
using Xunit.Abstractions;

namespace FaceCompat.Tests.Report;

/// <summary>A fact that is skipped, with a message, when /usr/bin/chromium is absent.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Path = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Path))
        {
            Skip = "/usr/bin/chromium is absent (scripts/setup-native.d/report.sh installs it: apt-get install chromium).";
        }
    }
}

public sealed class ChromiumRenderTests
{
    private readonly ITestOutputHelper _output;

    public ChromiumRenderTests(ITestOutputHelper output) => _output = output;

    [ChromiumFact]
    public void Every_chart_renders_from_disk_without_errors_and_a_screenshot_is_saved()
    {
        string outDir = Path.Combine(AppContext.BaseDirectory, "report-render");
        Directory.CreateDirectory(outDir);
        string study = Path.Combine(Path.GetTempPath(), "fc-report-chromium-" + Guid.NewGuid().ToString("N"));
        try
        {
            StudyFixtureWriter.Write(study, ["alpha", HtmlReportWriterTests.Hostile, "gamma", "delta"], ["baseline", "procrustes"], 3, [10, 20, 50], zeroBaseline: true);
            string html = Path.Combine(outDir, "report.html");
            HtmlReportWriter.Write(StudyReport.Load(study), html);

            string dom = RunChromium($"--virtual-time-budget=15000 --dump-dom \"file://{html}\"");
            string body = Regex.Match(dom, "<body[^>]*>").Value;
            _output.WriteLine(body);
            Attribute(body, "data-rendered").Should().Be("true");
            Attribute(body, "data-errors").Should().BeEmpty();
            int charts = int.Parse(Attribute(body, "data-charts"), System.Globalization.CultureInfo.InvariantCulture);
            charts.Should().BeGreaterThan(5);
            Regex.Count(dom, "data-status=\"ok\"").Should().Be(charts);
            Regex.Count(dom, "<svg[^>]*class=\"marks\"").Should().Be(charts, "one non-empty SVG per chart");
            dom.Contains(HtmlReportWriterTests.Hostile, StringComparison.Ordinal).Should().BeFalse();
            dom.Contains("render-status", StringComparison.Ordinal).Should().BeFalse("render status is no longer printed on the page");
            Attribute(body, "data-notes").Should().Be("2", "the baseline heatmap (constant 0) and its dendrogram (every merge at 100) are notes");
            dom.Contains("every merge is at the same distance (100), so the tree orders nothing.", StringComparison.Ordinal).Should().BeTrue();
            dom.Contains("every pair of different models has the same value (0.00 %)", StringComparison.Ordinal).Should().BeTrue();

            string png = Path.Combine(outDir, "report.png");
            File.Delete(png);
            RunChromium($"--virtual-time-budget=15000 --window-size=1400,1800 --screenshot=\"{png}\" \"file://{html}\"");
            File.Exists(png).Should().BeTrue();
            new FileInfo(png).Length.Should().BeGreaterThan(10_000);
            _output.WriteLine("screenshot: " + png);
        }
        finally
        {
            Directory.Delete(study, true);
        }
    }

    private static string Attribute(string tag, string name) =>
        System.Net.WebUtility.HtmlDecode(Regex.Match(tag, " " + name + "=\"([^\"]*)\"").Groups[1].Value);

    private static string RunChromium(string args)
    {
        string profile = Path.Combine(Path.GetTempPath(), "fc-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        try
        {
            var psi = new ProcessStartInfo(ChromiumFactAttribute.Path,
                "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking " +
                $"--disable-component-update --disable-sync --user-data-dir=\"{profile}\" " + args)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using Process p = Process.Start(psi)!;
            Task<string> stderr = p.StandardError.ReadToEndAsync();
            string stdout = p.StandardOutput.ReadToEnd();
            p.WaitForExit(120_000).Should().BeTrue("chromium should finish within two minutes");
            _ = stderr.Result;
            return stdout;
        }
        finally
        {
            try
            {
                Directory.Delete(profile, true);
            }
            catch (IOException)
            {
            }
        }
    }
}
