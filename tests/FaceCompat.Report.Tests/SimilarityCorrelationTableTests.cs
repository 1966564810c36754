using FaceCompat.Evaluation;
using FaceCompat.Mapping;
using FaceCompat.Report;
using FaceCompat.Similarity;
using FaceCompat.Study;

namespace FaceCompat.Tests.Report;

/// <summary>The report's table of similarity against retrieval, on a study whose correlation is worked out by hand.</summary>
public sealed class SimilarityCorrelationTableTests : IDisposable
{
    private static readonly string[] s_models = ["A", "B", "C"];
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fc-simtable-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, true);
        }
    }

    /// <summary>
    /// Pairs p = 0..5 (A->B, A->C, B->A, B->C, C->A, C->B): CKA 0.1 (p + 1) ranks them 1..6; Rank-1 and TMR@1%
    /// 10, 20, 30, 40, 60, 50 rank them 1, 2, 3, 4, 6, 5: rho = 1 - 6 * 2 / (6 * 35) = 0.943, and with 4 degrees of
    /// freedom p = 1 - 1.5 rho + 0.5 rho^3 = 0.0048 (see the Core test for the derivation).
    /// </summary>
    [Fact]
    public void The_statistics_section_shows_rho_and_p_per_measure()
    {
        Write(withSimilarity: true);
        string html = HtmlReportWriter.Render(StudyReport.Load(_dir));
        int table = html.IndexOf("id=\"table-similarity-correlation\"", StringComparison.Ordinal);
        table.Should().BePositive();
        string rest = html[table..];
        string row = rest[rest.IndexOf("<td>" + MetricCatalogue.CkaUnbiased.Name, StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        row.Should().Be("<td>" + MetricCatalogue.CkaUnbiased.Name + "</td><td>6</td><td>0.943</td><td>0.0048</td><td>0.943</td><td>0.0048</td>");
    }

    [Fact]
    public void A_study_without_similarity_says_so_in_one_line()
    {
        Write(withSimilarity: false);
        string html = HtmlReportWriter.Render(StudyReport.Load(_dir));
        html.Should().Contain("id=\"table-similarity-correlation\"").And.Contain("The study measured no representation similarity");
    }

    private void Write(bool withSimilarity)
    {
        StudyFolder folder = StudyFolder.Create(_dir, new StudyDefinition { Datasets = ["ds"], Models = s_models, Methods = [MapMethod.Procrustes], Seeds = [0] });
        double[] rank1 = [10, 20, 30, 40, 60, 50];
        int p = 0;
        foreach (string source in s_models)
        {
            foreach (string target in s_models.Where(t => t != source))
            {
                double r1 = rank1[p];
                double cka = 0.1 * (p + 1);
                p++;
                folder.WriteCell(StudyFolder.CellPath(new StudyWorkUnit(null, "ds", source, target, 0, null), MapMethod.Procrustes), new CellResult
                {
                    Protocol = "intra",
                    Dataset = "ds",
                    FitDataset = "ds",
                    Seed = 0,
                    Source = source,
                    Target = target,
                    Method = MapMethod.Procrustes,
                    FitIdentities = 50,
                    Metrics = new CellMetrics
                    {
                        Rank1 = r1,
                        Rank5 = r1,
                        Rank10 = r1,
                        MeanAveragePrecision = r1 / 100,
                        Auc = r1 / 100,
                        Eer = 100 - r1,
                        TmrAtFmr1 = r1,
                        TmrAtFmr01 = r1 / 2,
                        Genuine = 10,
                        Impostor = 100,
                        TestImages = 20,
                        TestIdentities = 10,
                        Cmc = [r1],
                        Roc = [new RocPoint(1, 0.001, 1 - (r1 / 100))],
                    },
                    Similarity = withSimilarity
                        ? new SimilarityResult
                        {
                            Rows = 20,
                            Neighbours = 1,
                            Permutations = 0,
                            Seed = 0,
                            CkaUnbiased = new CalibratedValue(cka, 0, 0, 0, 1),
                            CkaBiased = new CalibratedValue(cka, 0, 0, 0, 1),
                            MutualKnn = new CalibratedValue(cka, 0, 0, 0, 1),
                            ProcrustesAngle = new CalibratedValue(1 - cka, 0, 0, 0, 1),
                        }
                        : null,
                });
            }
        }
    }
}
