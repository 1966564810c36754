using FaceCompat.Data;
using FaceCompat.Evaluation;
using FaceCompat.Mapping;
using FaceCompat.Study;

namespace FaceCompat.Tests.Study;

/// <summary>
/// Within/between-family means on a tiny study written through <see cref="StudyFolder"/> with chosen values:
/// models a, b (family "face") and c ("generic"), two seeds, method procrustes, self cells at 100 % (which must
/// not count). Per ordered pair, (Rank-1 seed 0, seed 1) -> mean; AUC and TMR@FMR=0.1 % are the same in both seeds:
/// <code>
///   a->b  90, 94 -> 92    AUC 0.98   TMR 80
///   b->a  88, 84 -> 86    AUC 0.96   TMR 70
///   a->c  40, 50 -> 45    AUC 0.70   TMR 10
///   b->c  30, 34 -> 32    AUC 0.66   TMR 20
///   c->a  60, 62 -> 61    AUC 0.80   TMR 30
///   c->b  20, 24 -> 22    AUC 0.60   TMR not defined (null)
/// face -> face     (a->b, b->a):  Rank-1 (92 + 86) / 2 = 89     AUC (0.98 + 0.96) / 2 = 0.97   TMR (80 + 70) / 2 = 75   2 pairs
/// face -> generic  (a->c, b->c):  Rank-1 (45 + 32) / 2 = 38.5   AUC (0.70 + 0.66) / 2 = 0.68   TMR (10 + 20) / 2 = 15   2 pairs
/// generic -> face  (c->a, c->b):  Rank-1 (61 + 22) / 2 = 41.5   AUC (0.80 + 0.60) / 2 = 0.70   TMR 30 (1 of 2 defined)  2 pairs
/// generic -> generic: no pair (one generic model), so no block.
/// within  = face -> face:          Rank-1 89, AUC 0.97, TMR 75, 2 pairs
/// between = the four cross pairs:  Rank-1 (45 + 32 + 61 + 22) / 4 = 40   AUC (0.70 + 0.66 + 0.80 + 0.60) / 4 = 0.69
///                                  TMR (10 + 20 + 30) / 3 = 20 (3 of 4 defined), 4 pairs
/// </code>
/// </summary>
public sealed class FamilyComparisonTests : IDisposable
{
    private static readonly (string S, string T, double R0, double R1, double Auc, double Tmr)[] s_pairs =
    [
        ("a", "b", 90, 94, 0.98, 80), ("b", "a", 88, 84, 0.96, 70), ("a", "c", 40, 50, 0.70, 10),
        ("b", "c", 30, 34, 0.66, 20), ("c", "a", 60, 62, 0.80, 30), ("c", "b", 20, 24, 0.60, double.NaN),
        ("a", "a", 100, 100, 1, 100), ("b", "b", 100, 100, 1, 100), ("c", "c", 100, 100, 1, 100),
    ];

    private readonly string _study = Path.Combine(Path.GetTempPath(), "fc-families-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_study))
        {
            Directory.Delete(_study, recursive: true);
        }
    }

    private StudyFolder WriteStudy(bool withFamilies)
    {
        var definition = new StudyDefinition { Datasets = ["data/ds"], Models = ["a", "b", "c"], Methods = [MapMethod.Procrustes], Seeds = [0, 1] };
        StudyFolder folder = StudyFolder.Create(_study, definition);
        foreach ((string s, string t, double r0, double r1, double auc, double tmr) in s_pairs)
        {
            foreach ((int seed, double rank1) in new[] { (0, r0), (1, r1) })
            {
                folder.WriteCell(StudyFolder.CellPath(new StudyWorkUnit(null, "ds", s, t, seed, null), MapMethod.Procrustes), Cell(s, t, seed, rank1, auc, tmr));
            }
        }

        if (withFamilies)
        {
            folder.WriteFamilies(definition.Models, new Dictionary<string, string> { ["a"] = "face", ["b"] = "face", ["c"] = "generic" });
        }

        return folder;
    }

    private static CellResult Cell(string source, string target, int seed, double rank1, double auc, double tmr) => new()
    {
        Protocol = "intra",
        Dataset = "ds",
        FitDataset = "ds",
        Seed = seed,
        Source = source,
        Target = target,
        Method = MapMethod.Procrustes,
        FitIdentities = 70,
        Metrics = new CellMetrics
        {
            Rank1 = rank1,
            Rank5 = 99,
            Rank10 = 99,
            MeanAveragePrecision = 0.5,
            Auc = auc,
            Eer = 0.1,
            TmrAtFmr1 = 50,
            TmrAtFmr01 = tmr,
            Genuine = 100,
            Impostor = 300,
            TestImages = 30,
            TestIdentities = 10,
            Cmc = [rank1, 99],
            Roc = [new RocPoint(0.5, 0.01, 0.2)],
        },
    };

    [Fact]
    public void Within_and_between_family_means_match_the_hand_computed_values()
    {
        StudySummary summary = WriteStudy(withFamilies: true).WriteSummaries();
        summary.Families.Should().Equal(new Dictionary<string, string> { ["a"] = "face", ["b"] = "face", ["c"] = "generic" });
        FamilyComparison f = FamilyComparison.Of(summary.Rows, summary.Families, perDataset: true).Should().ContainSingle().Subject;
        f.Dataset.Should().Be("ds");
        f.Method.Should().Be("procrustes");
        f.Families.Should().Equal("face", "generic");
        f.Blocks.Select(b => b.Label).Should().Equal("face -> face", "face -> generic", "generic -> face");

        Expect(f.Blocks[0], 2, 89, 0.97, 75, tmrDefined: 2);
        Expect(f.Blocks[1], 2, 38.5, 0.68, 15, tmrDefined: 2);
        Expect(f.Blocks[2], 2, 41.5, 0.70, 30, tmrDefined: 1);
        Expect(f.Within, 2, 89, 0.97, 75, tmrDefined: 2);
        Expect(f.Between, 4, 40, 0.69, 20, tmrDefined: 3);

        // Pooled over datasets: one dataset here, so the same numbers without a dataset name.
        FamilyComparison pooled = FamilyComparison.Of(summary.Rows, summary.Families, perDataset: false).Should().ContainSingle().Subject;
        pooled.Dataset.Should().BeNull();
        Expect(pooled.Between, 4, 40, 0.69, 20, tmrDefined: 3);
    }

    [Fact]
    public void One_known_family_or_none_gives_no_comparison()
    {
        StudySummary summary = WriteStudy(withFamilies: false).WriteSummaries();
        summary.Families.Should().BeEmpty("an older folder has no families.json: every family unknown");
        FamilyComparison.Of(summary.Rows, summary.Families, perDataset: true).Should().BeEmpty();
        FamilyComparison.Of(summary.Rows, new Dictionary<string, string> { ["a"] = "face", ["b"] = "face" }, perDataset: true)
            .Should().BeEmpty("c's family is unknown, so only one family is present");
    }

    [Fact]
    public void A_folder_without_families_json_reads_as_unknown_and_a_bad_one_names_the_file()
    {
        StudyFolder folder = WriteStudy(withFamilies: false);
        StudyFolder.Open(_study).ReadFamilies().Should().BeEmpty();
        File.WriteAllText(folder.PathOf(StudyFolder.FamiliesFile), "{\"a\": 3}");
        Action act = () => StudyFolder.Open(_study).ReadFamilies();
        act.Should().Throw<DataFormatException>().WithMessage($"*{StudyFolder.FamiliesFile}: model 'a': family 3 is not a non-empty string*fix:*");
    }

    private static void Expect(FamilyBlock block, int pairs, double rank1, double auc, double tmr, int tmrDefined)
    {
        block.Pairs.Should().Be(pairs, block.Label);
        block.Mean(MetricCatalogue.Rank1).Should().BeApproximately(rank1, 1e-9, block.Label);
        block.Mean(MetricCatalogue.Auc).Should().BeApproximately(auc, 1e-9, block.Label);
        block.Mean(MetricCatalogue.TmrAtFmr01).Should().BeApproximately(tmr, 1e-9, block.Label);
        block.Defined(MetricCatalogue.TmrAtFmr01).Should().Be(tmrDefined, block.Label);
    }
}
