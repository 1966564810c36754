namespace FaceCompat.Tests;

[Collection("console")]
public sealed class WorkShardTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fc-shard-").FullName;
    private readonly string _data = SharedData.Fixture("protocol", "A");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string[] StudyArgs(string output, params string[] more) =>
        ["study", "--data", _data, "--models", "narrow48,face128,wide1024", "--methods", "baseline,procrustes,ridge", "--seeds", "0,1", "--out", output, .. more];

    private static string[] Files(string root, string folder) =>
        Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Four_shards_and_a_merge_give_the_single_process_study_byte_for_byte()
    {
        string single = Path.Combine(_dir, "single");
        CliRunner.Run(StudyArgs(single)).Exit.Should().Be(0);

        string sharded = Path.Combine(_dir, "sharded");
        var cellsPerShard = new List<int>();
        for (int i = 0; i < 4; i++)
        {
            int before = Directory.Exists(Path.Combine(sharded, "cells")) ? Files(sharded, "cells").Length : 0;
            (int exit, _, string stderr) = CliRunner.Run(StudyArgs(sharded, "--shard", $"{i}/4"));
            exit.Should().Be(0, stderr);
            File.Exists(Path.Combine(sharded, "summary.csv")).Should().BeFalse("a shard writes no summaries");
            cellsPerShard.Add(Files(sharded, "cells").Length - before);
        }

        cellsPerShard.Should().OnlyContain(n => n > 0, "every shard owns some work units");
        cellsPerShard.Sum().Should().Be(2 * 9 * 3, "the shards together write every cell exactly once");
        (int mergeExit, string stdout, string mergeError) = CliRunner.Run(StudyArgs(sharded, "--merge"));
        mergeExit.Should().Be(0, mergeError);
        stdout.Should().Contain("Compatibility matrix");
        Files(sharded, "cells").Should().Equal(Files(single, "cells"));
        foreach (string file in new[] { "summary.csv", "summary.md", "study.json" }.Concat(Files(single, "compatibility")).Concat(Files(single, "clustering")).Concat(Files(single, "asymmetry")))
        {
            File.ReadAllText(Path.Combine(sharded, file)).Should().Be(File.ReadAllText(Path.Combine(single, file)), file);
        }
    }

    [Fact]
    public void A_merge_with_missing_cells_is_refused_and_lists_them()
    {
        string sharded = Path.Combine(_dir, "partial");
        CliRunner.Run(StudyArgs(sharded, "--shard", "0/3")).Exit.Should().Be(0);
        CliRunner.Run(StudyArgs(sharded, "--shard", "2/3")).Exit.Should().Be(0);
        (int exit, _, string stderr) = CliRunner.Run(StudyArgs(sharded, "--merge"));
        exit.Should().Be(3);
        stderr.Should().Contain("cells are missing").And.Contain("slurm resubmit").And.Contain(Path.Combine("cells", "A"));
        File.Exists(Path.Combine(sharded, "summary.csv")).Should().BeFalse();

        CliRunner.Run(StudyArgs(sharded, "--shard", "1/3")).Exit.Should().Be(0);
        CliRunner.Run(StudyArgs(sharded, "--merge")).Exit.Should().Be(0);
        File.Exists(Path.Combine(sharded, "summary.csv")).Should().BeTrue();
    }

    [Theory]
    [InlineData("3/2", "shard 3 does not exist")]
    [InlineData("2/2", "the index is 0 to 1")]
    [InlineData("a/4", "expected i/n")]
    [InlineData("0/0", "at least 1")]
    [InlineData("1", "expected i/n")]
    [InlineData("-1/4", "expected i/n")]
    [InlineData("0/19", "only 18 work units")]
    public void A_bad_shard_is_a_usage_error_that_says_how_to_write_it(string shard, string expected)
    {
        string study = Path.Combine(_dir, "bad");
        (int exit, _, string stderr) = CliRunner.Run(StudyArgs(study, "--shard", shard));
        exit.Should().Be(2, stderr);
        stderr.Should().Contain("--shard").And.Contain(expected);
        Directory.Exists(Path.Combine(study, "cells")).Should().BeFalse();
    }

    [Fact]
    public void A_shard_of_another_configuration_into_the_same_folder_is_refused()
    {
        string study = Path.Combine(_dir, "mixed");
        CliRunner.Run(StudyArgs(study, "--shard", "0/2")).Exit.Should().Be(0);
        (int exit, _, string stderr) = CliRunner.Run("study", "--data", _data, "--models", "narrow48,face128,wide1024", "--methods", "baseline,procrustes,ridge", "--seeds", "0,1", "--lambda", "1", "--out", study, "--shard", "1/2");
        exit.Should().Be(3);
        stderr.Should().Contain("different definition");
    }

    [Fact]
    public void Merge_and_shard_together_are_refused()
    {
        (int exit, _, string stderr) = CliRunner.Run(StudyArgs(Path.Combine(_dir, "x"), "--shard", "0/2", "--merge"));
        exit.Should().Be(2);
        stderr.Should().Contain("--merge and --shard");
    }
}
