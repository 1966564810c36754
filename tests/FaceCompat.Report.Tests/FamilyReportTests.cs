using System.Text.RegularExpressions;
using FaceCompat.Evaluation;
using FaceCompat.Mapping;
using FaceCompat.Report;

namespace FaceCompat.Tests.Report;

/// <summary>Families in the report: the within/between-family findings and each model's family in the page's data.</summary>
public sealed class FamilyReportTests
{
    internal static readonly Dictionary<string, string> Families = new() { ["alpha"] = "face", ["beta"] = "face", ["gamma"] = "generic", ["delta"] = "generic" };

    [Fact]
    public void The_findings_give_within_and_between_family_means_with_their_pairs()
    {
        string dir = Path.Combine(Path.GetTempPath(), "fc-report-families-" + Guid.NewGuid().ToString("N"));
        try
        {
            StudyFixtureWriter.Write(dir, ["alpha", "beta", "gamma", "delta"], ["baseline", "procrustes"], 2, families: Families);
            StudyReport report = StudyReport.Load(dir);
            string html = HtmlReportWriter.Render(report);

            // Expected straight from the cells: per ordered pair of different models, the mean Rank-1 over seeds; then the plain mean per block.
            Dictionary<(string S, string T), double> pairs = report.Cells.Where(c => c.Method == MapMethod.Procrustes && c.Source != c.Target)
                .GroupBy(c => (c.Source, c.Target)).ToDictionary(g => g.Key, g => g.Average(c => c.Metrics.Rank1));
            pairs.Should().HaveCount(12);
            double Block(Func<string, string, bool> member) => pairs.Where(p => member(Families[p.Key.S], Families[p.Key.T])).Average(p => p.Value);
            string F(double v) => MetricCatalogue.Rank1.Format(v);
            html.Should().Contain($"<tr data-block=\"procrustes|within\"><td class=\"name\">procrustes</td><td class=\"name\">within</td><td>4</td><td>{F(Block((a, b) => a == b))}</td>");
            html.Should().Contain($"<tr data-block=\"procrustes|between\"><td class=\"name\">procrustes</td><td class=\"name\">between</td><td>8</td><td>{F(Block((a, b) => a != b))}</td>");
            html.Should().Contain($"<td class=\"name\">face &rarr; generic</td><td>4</td><td>{F(Block((a, b) => a == "face" && b == "generic"))}</td>");
            html.Should().Contain($"<td class=\"name\">generic &rarr; generic</td><td>2</td><td>{F(Block((a, b) => a == "generic" && b == "generic"))}</td>");
            string sentence = Regex.Match(html, "<p class=\"findings\" id=\"family-finding\">(.*?)</p>").Groups[1].Value;
            sentence.Should().Contain("With procrustes, models of the same family map onto each other with a mean Rank-1 of")
                .And.Contain(F(Block((a, b) => a == b)) + " %").And.Contain(F(Block((a, b) => a != b)) + " %")
                .And.Contain("the own-space diagonal is excluded");
            html.Should().Contain("\"families\":[\"face\",\"face\",\"generic\",\"generic\"]", "the page's data: models in name order (alpha, beta, delta, gamma)");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void An_older_study_without_families_reads_and_has_no_family_comparison()
    {
        StudyReport report = StudyReport.Load(SharedData.Fixture("report", "study"));
        report.Families.Should().BeEmpty();
        string html = HtmlReportWriter.Render(report);
        html.Should().NotContain("table-families").And.NotContain("family-finding");
        html.Should().Contain("\"families\":[" + string.Join(",", report.Models.Select(_ => "null")) + "]");
    }
}
