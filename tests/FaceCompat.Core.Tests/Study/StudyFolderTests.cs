using FaceCompat.Data;
using FaceCompat.Evaluation;
using FaceCompat.Mapping;
using FaceCompat.Study;

namespace FaceCompat.Tests.Study;

public sealed class StudyFolderTests : IDisposable
{
    private readonly string _study = Path.Combine(Path.GetTempPath(), "fc-studyfolder-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_study))
        {
            Directory.Delete(_study, recursive: true);
        }
    }

    private static StudyDefinition Definition => new() { Datasets = ["data/ds"], Models = ["a", "b"], Seeds = [0, 1, 2] };

    private static CellResult Cell(int seed, double rank1) => new()
    {
        Protocol = "intra",
        Dataset = "ds",
        FitDataset = "ds",
        Seed = seed,
        Source = "a",
        Target = "b",
        Method = MapMethod.Ridge,
        Lambda = 0.1,
        FitIdentities = 70,
        Metrics = new CellMetrics
        {
            Rank1 = rank1,
            Rank5 = 90,
            Rank10 = 95,
            MeanAveragePrecision = 0.5,
            Auc = 0.9,
            Eer = double.NaN,
            TmrAtFmr1 = 60,
            TmrAtFmr01 = 40,
            Genuine = 0,
            Impostor = 300,
            TestImages = 30,
            TestIdentities = 10,
            Cmc = [rank1, 90, 95],
            Roc = [new RocPoint(0.5, 0.01, 0.2)],
            Queries = [new QueryOutcome("17", 1, 1), new QueryOutcome("-3", 2, 0.5), new QueryOutcome("007", 3, 0.25), new QueryOutcome("Ann \"B\"", 1, 1)],
        },
    };

    private static string CellPath(int seed, int? limit = null) => StudyFolder.CellPath(new StudyWorkUnit(null, "ds", "a", "b", seed, limit), MapMethod.Ridge);

    [Fact]
    public void A_written_cell_reads_back_and_counts_as_complete()
    {
        StudyFolder folder = StudyFolder.Create(_study, Definition);
        folder.WriteCell(CellPath(3), Cell(3, 81.25));
        folder.IsComplete(CellPath(3)).Should().BeTrue();
        CellResult read = folder.ReadCells().Single();
        read.Seed.Should().Be(3);
        read.Metrics.Rank1.Should().Be(81.25);
        read.Method.Should().Be(MapMethod.Ridge);
        read.FitIdentityLimit.Should().BeNull();
        Directory.EnumerateFiles(_study, "*.tmp-*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public void Numeric_and_string_identities_and_undefined_metrics_round_trip()
    {
        StudyFolder folder = StudyFolder.Create(_study, Definition);
        folder.WriteCell(CellPath(0, limit: 20), Cell(0, 50));
        string json = File.ReadAllText(folder.PathOf(CellPath(0, limit: 20)));
        json.Should().Contain("\"EER\":null").And.Contain("\"identity\":[17,-3,\"007\",\"Ann \\u0022B\\u0022\"]");
        CellResult read = folder.ReadCells().Single();
        read.Metrics.Eer.Should().Be(double.NaN);
        read.Metrics.Queries!.Select(q => q.Identity).Should().Equal("17", "-3", "007", "Ann \"B\"");
        read.FitIdentityLimit.Should().Be(20, "the training-size limit is the .fit-20 of the file name");
    }

    [Fact]
    public void A_torn_cell_is_not_counted_and_is_deleted_so_it_is_recomputed()
    {
        StudyFolder folder = StudyFolder.Create(_study, Definition);
        folder.WriteCell(CellPath(0), Cell(0, 50));
        string path = folder.PathOf(CellPath(0));
        string json = File.ReadAllText(path);
        File.WriteAllText(path, json[..(json.Length / 2)]);

        FluentActions.Invoking(() => folder.ReadCells()).Should().Throw<DataFormatException>().WithMessage($"{path}: row 1, column 1: not valid JSON*");
        folder.IsComplete(CellPath(0)).Should().BeFalse();
        File.Exists(path).Should().BeFalse();
    }

    [Fact]
    public void A_cell_without_a_reference_key_names_the_key_and_the_fix()
    {
        StudyFolder folder = StudyFolder.Create(_study, Definition);
        folder.WriteCell(CellPath(0), Cell(0, 50));
        string path = folder.PathOf(CellPath(0));
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"rank5\":90,", "", StringComparison.Ordinal));
        FluentActions.Invoking(() => folder.ReadCells()).Should().Throw<DataFormatException>()
            .WithMessage("*key 'rank5' (a number or null) is missing. fix: follow docs/study-format.md.");
    }

    [Theory]
    [InlineData("\"rank5\":90,", "\"rank5\":250,", "'rank5' is 250, outside its range [0, 100]")]
    [InlineData("\"rank5\":90,", "\"rank5\":-0.5,", "'rank5' is -0.5, outside its range [0, 100]")]
    [InlineData("\"AUC\":", "\"AUC\":1.5,\"x\":", "'AUC' is 1.5, outside its range [0, 1]")]
    [InlineData("\"fnir\":12.5", "\"fnir\":112.5", "'open_set.fpir.fnir' is 112.5, outside its range [0, 100]")]
    [InlineData("[0.01,0.625,0.5,12.5]", "[0.01,0.625,0.5,-12.5]", "'fnir_curve' is -12.5, outside its range [0, 100]")]
    [InlineData("[0.01,0.625,0.5,12.5]", "[10,0.625,0.5,12.5]", "'fnir_curve' is 10, outside its range [0, 1]")]
    public void A_share_outside_its_range_names_the_key_the_value_and_the_fix(string find, string replace, string expected)
    {
        StudyFolder folder = StudyFolder.Create(_study, Definition);
        FnirAtFpir[] curve = [new(0.01, 0.625, 0.5, 12.5, null)];
        var openSet = new OpenSetMetrics(5, 8, 4, 20, [new(0.003, double.NaN, double.NaN, double.NaN, "below"), new(0.01, 0.625, 0.5, 12.5, null), new(0.1, 0.5, 10, 7.5, null)], 5, 2.5, []) { FnirCurve = curve };
        folder.WriteCell(CellPath(0), Cell(0, 50) with { OpenSet = openSet });
        string path = folder.PathOf(CellPath(0));
        string json = File.ReadAllText(path);
        json.Should().Contain(find, "the edit below must change the cell");
        File.WriteAllText(path, json.Replace(find, replace, StringComparison.Ordinal));
        FluentActions.Invoking(() => folder.ReadCells()).Should().Throw<DataFormatException>()
            .WithMessage($"{path}: *{expected}. fix: rewrite the cell (run the study again).");
    }

    [Fact]
    public void The_open_set_curve_round_trips_and_a_cell_written_before_it_reads_without_one()
    {
        StudyFolder folder = StudyFolder.Create(_study, Definition);
        FnirAtFpir[] curve = [new(0.01, 0.625, 0.5, 12.5, null), new(1.0, double.NegativeInfinity, 100, 2.5, null)];
        var openSet = new OpenSetMetrics(5, 8, 4, 20, [new(0.003, double.NaN, double.NaN, double.NaN, "below"), new(0.01, 0.625, 0.5, 12.5, null), new(0.1, 0.5, 10, 7.5, null)], 5, 2.5, [])
        {
            FnirCurve = curve,
        };
        folder.WriteCell(CellPath(0), Cell(0, 50) with { OpenSet = openSet, OpenSetSeconds = 0.25 });
        string path = folder.PathOf(CellPath(0));
        string json = File.ReadAllText(path);
        json.Should().Contain("\"fnir_curve\":[[0.01,0.625,0.5,12.5],[1,null,100,2.5]]");

        OpenSetMetrics read = folder.ReadCells().Single().OpenSet!;
        read.FnirCurve!.Select(p => (p.TargetFpir, p.AchievedFpir, p.Fnir)).Should().Equal((0.01, 0.5, 12.5), (1.0, 100, 2.5));
        read.FnirCurve![0].Threshold.Should().Be(0.625);
        read.FnirCurve![1].Threshold.Should().Be(double.NaN, "-infinity is written as null, as in dir");

        File.WriteAllText(path, json.Replace(",\"fnir_curve\":[[0.01,0.625,0.5,12.5],[1,null,100,2.5]]", "", StringComparison.Ordinal));
        OpenSetMetrics old = folder.ReadCells().Single().OpenSet!;
        old.FnirCurve.Should().BeNull("a cell written before the curve existed has none");
        old.AtFpir[1].Fnir.Should().Be(12.5);
        old.FnirRankR.Should().Be(2.5);
    }

    [Fact]
    public void Stray_temporary_files_are_removed_and_never_read()
    {
        StudyFolder folder = StudyFolder.Create(_study, Definition);
        folder.WriteCell(CellPath(1), Cell(1, 70));
        string stray = folder.PathOf(CellPath(2)) + ".tmp-4242-1";
        File.WriteAllText(stray, "{\"protocol\":");
        folder.ReadCells().Should().ContainSingle();
        folder.RemoveTemporaryFiles();
        File.Exists(stray).Should().BeFalse();
        File.Exists(folder.PathOf(CellPath(1))).Should().BeTrue();
    }

    [Fact]
    public void The_same_configuration_reopens_the_folder_and_another_is_refused_naming_each_difference()
    {
        StudyFolder first = StudyFolder.Create(_study, Definition);
        first.Format.Should().Be(StudyFolder.FormatVersion);
        StudyFolder.Create(_study, Definition).Fingerprint.Should().Be(first.Fingerprint);

        StudyDefinition other = Definition with { Seeds = [0], Methods = [MapMethod.Ridge] };
        other.Fingerprint().Should().NotBe(first.Fingerprint);
        FluentActions.Invoking(() => StudyFolder.Create(_study, other)).Should().Throw<DataFormatException>()
            .Where(e => e.Message.Contains("different definition", StringComparison.Ordinal)
                && e.Message.Contains("  - seeds: [0,1,2] vs [0]", StringComparison.Ordinal)
                && e.Message.Contains("  - methods: [\"baseline\",\"procrustes\",\"linear\",\"ridge\"] vs [\"ridge\"]", StringComparison.Ordinal)
                && !e.Message.Contains("models", StringComparison.Ordinal)
                && e.Message.Contains("fix: run again with the folder's settings", StringComparison.Ordinal));
    }

    [Fact]
    public void A_dataset_named_by_a_relative_or_an_absolute_path_or_with_a_trailing_slash_is_the_same_dataset()
    {
        StudyFolder.Create(_study, Definition with { Datasets = ["data/ds"] });
        string absolute = Path.Combine(Directory.GetCurrentDirectory(), "data", "ds");
        FluentActions.Invoking(() => StudyFolder.Create(_study, Definition with { Datasets = [absolute] })).Should().NotThrow();
        FluentActions.Invoking(() => StudyFolder.Create(_study, Definition with { Datasets = [absolute + Path.DirectorySeparatorChar] })).Should().NotThrow();
        FluentActions.Invoking(() => StudyFolder.Create(_study, Definition with { Datasets = ["data/other"] })).Should().Throw<DataFormatException>()
            .Where(e => e.Message.Contains("  - datasets: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Opening_a_missing_folder_or_one_without_cells_names_it_and_the_fix()
    {
        string missing = Path.Combine(_study, "nope");
        FluentActions.Invoking(() => StudyFolder.Open(missing)).Should().Throw<DataFormatException>()
            .WithMessage($"{missing}: study folder not found. fix: *");
        Directory.CreateDirectory(missing);
        FluentActions.Invoking(() => StudyFolder.Open(missing)).Should().Throw<DataFormatException>()
            .WithMessage($"{missing}: not a study folder (it has no cells/ folder). fix: run 'facecompat study --out {missing}'*");
        Directory.CreateDirectory(Path.Combine(missing, StudyFolder.CellsFolder));
        FluentActions.Invoking(() => StudyFolder.Open(missing)).Should().Throw<DataFormatException>()
            .Where(e => e.Message.Contains("no cell files yet", StringComparison.Ordinal) && !e.Message.Contains("row 0", StringComparison.Ordinal));
    }

    [Fact]
    public void A_folder_of_format_1_resumes_with_the_same_configuration()
    {
        // Format 1 (before study.json had a format version) held exactly StudyDefinition.ToJson().
        Directory.CreateDirectory(_study);
        File.WriteAllText(Path.Combine(_study, StudyFolder.ConfigurationFile), Definition.ToJson());
        StudyFolder folder = StudyFolder.Create(_study, Definition);
        folder.Format.Should().Be(1);
        folder.Fingerprint.Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(_study, StudyFolder.ConfigurationFile)))));
        FluentActions.Invoking(() => StudyFolder.Create(_study, Definition with { Models = ["a"] })).Should().Throw<DataFormatException>()
            .WithMessage("*models: [\"a\",\"b\"] vs [\"a\"]*");
    }

    [Fact]
    public void A_folder_of_a_newer_format_is_refused_with_the_version_and_the_fix()
    {
        Directory.CreateDirectory(_study);
        File.WriteAllText(Path.Combine(_study, StudyFolder.ConfigurationFile), "{\"format_version\": 9}");
        FluentActions.Invoking(() => StudyFolder.Create(_study, Definition)).Should().Throw<DataFormatException>()
            .WithMessage("*study format version 9; this build of facecompat reads versions 1 to 2. fix:*");
    }

    [Fact]
    public void Cells_without_a_configuration_are_not_adopted_by_a_new_study()
    {
        StudyFolder.Create(_study, Definition).WriteCell(CellPath(0), Cell(0, 50));
        File.Delete(Path.Combine(_study, StudyFolder.ConfigurationFile));
        FluentActions.Invoking(() => StudyFolder.Create(_study, Definition)).Should().Throw<DataFormatException>().WithMessage("*missing, but the folder holds cells*");
        StudyFolder.Open(_study).Definition.Should().BeNull("the report still reads such a folder");
    }

    [Fact]
    public void Extra_tables_are_written_atomically_where_the_report_finds_them()
    {
        StudyFolder.Create(_study, Definition).WriteCell(CellPath(0), Cell(0, 50));
        StudyFolder.WriteTable(_study, StudyTable.Lfw10, "table.csv", "a,b\n");
        StudyFolder.WriteTable(_study, StudyTable.Geometry, "scales.csv", "c\n");
        StudyFolder.Open(_study).Tables().Select(t => t.Name).Should().Equal("geometry/scales.csv", "lfw10/table.csv");
    }
}
