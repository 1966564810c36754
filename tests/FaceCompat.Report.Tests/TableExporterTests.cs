using System.Globalization;
using FaceCompat.Report;

namespace FaceCompat.Tests.Report;

public sealed class TableExporterTests
{
    private static StudyReport Fixture() => StudyReport.Load(SharedData.Fixture("report", "study"));

    private static string Golden(string ext) => File.ReadAllText(SharedData.Fixture("report", "table.golden." + ext)).ReplaceLineEndings("\n");

    [Fact]
    public void Csv_matches_the_hand_written_golden_file() => TableExporter.ToCsv(Fixture().Summaries).Should().Be(Golden("csv"));

    [Fact]
    public void Markdown_matches_the_hand_written_golden_file() => TableExporter.ToMarkdown(Fixture().Summaries).Should().Be(Golden("md"));

    [Fact]
    public void Latex_matches_the_hand_written_golden_file() => TableExporter.ToLatex(Fixture().Summaries).Should().Be(Golden("tex"));

    [Fact]
    public void Tables_are_culture_invariant_under_a_comma_decimal_culture()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            TableExporter.ToCsv(Fixture().Summaries).Should().Be(Golden("csv"));
            TableExporter.ToLatex(Fixture().Summaries).Should().Be(Golden("tex"));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Latex_of_a_hostile_study_has_balanced_environments_and_braces()
    {
        string dir = Path.Combine(Path.GetTempPath(), "fc-report-tex-" + Guid.NewGuid().ToString("N"));
        try
        {
            StudyFixtureWriter.Write(dir, ["a_b", "<script>alert(1)</script>", "x&y%z$#{}~^\\"], ["procrustes", "ridge"], 3);
            string tex = TableExporter.ToLatex(StudyReport.Load(dir).Summaries);
            var stack = new Stack<string>();
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(tex, @"\\(begin|end)\{([^}]*)\}"))
            {
                if (m.Groups[1].Value == "begin")
                {
                    stack.Push(m.Groups[2].Value);
                }
                else
                {
                    stack.Should().NotBeEmpty();
                    stack.Pop().Should().Be(m.Groups[2].Value);
                }
            }

            stack.Should().BeEmpty();
            string unescaped = System.Text.RegularExpressions.Regex.Replace(tex, @"\\[{}]", "");
            unescaped.Count(c => c == '{').Should().Be(unescaped.Count(c => c == '}'));
            tex.Should().Contain("\\textless{}script\\textgreater{}");
            tex.Should().Contain("x\\&y\\%z\\$\\#\\{\\}\\textasciitilde{}\\textasciicircum{}\\textbackslash{}");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
