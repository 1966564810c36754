using FaceCompat.Report;

namespace FaceCompat.Tests.Report;

public sealed class HtmlReportWriterTests
{
    internal const string Hostile = "<script>alert(1)</script>";

    [Fact]
    public void A_hostile_model_name_is_shown_as_text_never_as_markup()
    {
        string dir = Path.Combine(Path.GetTempPath(), "fc-report-html-" + Guid.NewGuid().ToString("N"));
        try
        {
            StudyFixtureWriter.Write(dir, ["alpha", Hostile, "gamma"], ["baseline", "procrustes"], 3);
            string html = HtmlReportWriter.Render(StudyReport.Load(dir));
            html.Should().NotContain(Hostile);
            html.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt;", "tables show the name HTML-encoded");
            html.Should().Contain("\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E", "the JSON island escapes '<' and '>'");
            html.Should().NotContain("id &\"'0", "identities only reach the page through numbers");
            // Every <script> tag the page opens is one of ours: 1 JSON island + 3 libraries + report.js.
            System.Text.RegularExpressions.Regex.Count(html, "<script", System.Text.RegularExpressions.RegexOptions.IgnoreCase).Should().Be(5);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Write_puts_the_tables_next_to_the_report()
    {
        string dir = Path.Combine(Path.GetTempPath(), "fc-report-out-" + Guid.NewGuid().ToString("N"));
        try
        {
            IReadOnlyList<string> written = HtmlReportWriter.Write(StudyReport.Load(SharedData.Fixture("report", "study")), Path.Combine(dir, "r.html"));
            written.Select(Path.GetFileName).Should().Equal("r.html", "r.csv", "r.md", "r.tex");
            written.Should().OnlyContain(p => File.Exists(p) && new FileInfo(p).Length > 0);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Geometry_csv_files_join_the_report_as_tables()
    {
        string dir = Path.Combine(Path.GetTempPath(), "fc-report-geo-" + Guid.NewGuid().ToString("N"));
        try
        {
            StudyFixtureWriter.Write(dir, ["alpha", "beta"], ["procrustes"], 2);
            Directory.CreateDirectory(Path.Combine(dir, "geometry"));
            File.WriteAllText(Path.Combine(dir, "geometry", "scales.csv"), "model,intra\n\"a<b>,c\",0.5\n");
            string html = HtmlReportWriter.Render(StudyReport.Load(dir));
            html.Should().Contain("<h3>geometry/scales.csv</h3>");
            html.Should().Contain("<td class=\"name\">a&lt;b&gt;,c</td><td class=\"name\">0.5</td>");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
