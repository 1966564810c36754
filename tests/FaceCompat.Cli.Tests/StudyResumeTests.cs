using System.Diagnostics;

namespace FaceCompat.Tests;

[Collection("console")]
public sealed class StudyResumeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fc-study-").FullName;
    private readonly string _data = SharedData.Fixture("protocol", "A");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string[] StudyArgs(string output) =>
        ["study", "--data", _data, "--models", "narrow48,face128", "--seeds", "0,1,2", "--out", output];

    [Fact]
    public void A_killed_study_resumes_with_no_cell_lost_or_duplicated()
    {
        string reference = Path.Combine(_dir, "reference");
        CliRunner.Run(StudyArgs(reference)).Exit.Should().Be(0);

        // A child process, killed (SIGKILL) as soon as some cells are on disk.
        string killed = Path.Combine(_dir, "killed");
        string cli = Path.Combine(AppContext.BaseDirectory, "facecompat.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(cli);
        foreach (string a in StudyArgs(killed))
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["FACECOMPAT_KERNELS"] = "managed";
        using (Process child = Process.Start(start)!)
        {
            var clock = Stopwatch.StartNew();
            while (CellFiles(killed).Length < 5 && !child.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                Thread.Sleep(5);
            }

            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }

            child.WaitForExit();
        }

        int before = CellFiles(killed).Length;
        before.Should().BeLessThan(CellFiles(reference).Length, "the study was interrupted before it finished");

        // A torn cell (half a file) and a stray temporary file, as a crash can leave them.
        string torn = CellFiles(killed)[0];
        File.WriteAllText(torn, File.ReadAllText(torn)[..40]);
        File.WriteAllText(torn + ".tmp-999", "{");

        (int exit, _, string stderr) = CliRunner.Run(StudyArgs(killed));
        exit.Should().Be(0, stderr);
        CellFiles(killed).Select(f => Path.GetRelativePath(killed, f)).Should().Equal(CellFiles(reference).Select(f => Path.GetRelativePath(reference, f)));
        Directory.EnumerateFiles(killed, "*.tmp-*", SearchOption.AllDirectories).Should().BeEmpty();
        File.ReadAllText(Path.Combine(killed, "summary.csv")).Should().Be(File.ReadAllText(Path.Combine(reference, "summary.csv")));
    }

    [Fact]
    public void A_finished_study_skips_every_cell_on_a_rerun()
    {
        string study = Path.Combine(_dir, "s");
        CliRunner.Run(StudyArgs(study)).Exit.Should().Be(0);
        DateTime[] written = CellFiles(study).Select(File.GetLastWriteTimeUtc).ToArray();
        CliRunner.Run(StudyArgs(study)).Exit.Should().Be(0);
        CellFiles(study).Select(File.GetLastWriteTimeUtc).Should().Equal(written);
    }

    [Fact]
    public void A_different_definition_into_the_same_folder_is_refused()
    {
        string study = Path.Combine(_dir, "d");
        CliRunner.Run(StudyArgs(study)).Exit.Should().Be(0);
        (int exit, _, string stderr) = CliRunner.Run("study", "--data", _data, "--models", "narrow48,face128", "--seeds", "0", "--out", study);
        exit.Should().Be(3);
        stderr.Should().Contain("different definition");
    }

    [Fact]
    public void Aggregates_are_written_with_self_rows_and_clustering()
    {
        string study = Path.Combine(_dir, "a");
        CliRunner.Run("study", "--data", _data, "--seeds", "0,1", "--out", study).Exit.Should().Be(0);
        string csv = File.ReadAllText(Path.Combine(study, "summary.csv"));
        csv.Split('\n')[0].Should().StartWith("protocol,dataset,fit_dataset,source,target,method,fit_identities,runs,rank1_mean,rank1_std");
        csv.Should().Contain("intra,A,A,face128,face128,baseline,");
        File.ReadAllText(Path.Combine(study, "compatibility", "A.procrustes.csv")).Should().StartWith("source\\target,face128,narrow48,wide1024");
        File.ReadAllText(Path.Combine(study, "clustering", "A.procrustes.newick")).Trim().Should().MatchRegex(@"^\(.*\);$");
        File.ReadAllText(Path.Combine(study, "asymmetry", "A.procrustes.csv")).Should().StartWith("model,incoming,outgoing,self");
    }

    [Fact]
    public void The_training_size_experiment_records_its_fitting_identities()
    {
        string study = Path.Combine(_dir, "t");
        (int exit, _, string stderr) = CliRunner.Run("study", "--data", _data, "--models", "narrow48,face128", "--methods", "ridge", "--seeds", "0", "--fit-identities", "5,20", "--out", study);
        exit.Should().Be(0, stderr);
        string cell = Path.Combine(study, "cells", "A", "narrow48__face128", "ridge");
        File.ReadAllText(Path.Combine(cell, "seed-0.fit-5.json")).Should().Contain("\"fit_identities\":5,");
        File.ReadAllText(Path.Combine(cell, "seed-0.fit-20.json")).Should().Contain("\"fit_identities\":20,");
        File.ReadAllText(Path.Combine(cell, "seed-0.json")).Should().Contain("\"fit_identities\":63,", "90 identities minus 27 test identities fit the full map");
        string csv = File.ReadAllText(Path.Combine(study, "summary.csv"));
        csv.Should().Contain("intra,A,A,narrow48,face128,ridge,5,1,").And.Contain("intra,A,A,narrow48,face128,ridge,20,1,");
    }

    [Fact]
    public void The_null_control_sits_near_chance_below_the_fitted_maps()
    {
        string study = Path.Combine(_dir, "n");
        (int exit, _, string stderr) = CliRunner.Run("study", "--data", _data, "--models", "face128,wide1024", "--methods", "procrustes,null", "--seeds", "0", "--out", study);
        exit.Should().Be(0, stderr);
        string[] rows = File.ReadAllLines(Path.Combine(study, "summary.csv"));
        double Rank1(string method) => double.Parse(
            rows.Single(r => r.StartsWith($"intra,A,A,face128,wide1024,{method},", StringComparison.Ordinal)).Split(',')[8],
            System.Globalization.CultureInfo.InvariantCulture);
        Rank1("null").Should().BeLessThan(10, "an unrelated isometry should find the right image about 1 time in 108");
        Rank1("procrustes").Should().BeGreaterThan(90);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    public void A_folder_of_an_unknown_format_version_exits_3_naming_the_folder_the_versions_and_the_fix(int version)
    {
        string study = Path.Combine(_dir, "v" + version);
        string[] args = ["study", "--data", _data, "--models", "narrow48,face128", "--methods", "ridge", "--seeds", "0", "--out", study];
        CliRunner.Run(args).Exit.Should().Be(0);
        string json = Path.Combine(study, "study.json");
        File.WriteAllText(json, File.ReadAllText(json).Replace("\"format_version\": 2", $"\"format_version\": {version}", StringComparison.Ordinal));

        foreach (string[] command in new[] { args, ["report", "--study", study, "--out", Path.Combine(_dir, "r.html")] })
        {
            (int exit, string stdout, string stderr) = CliRunner.Run(command);
            exit.Should().Be(3, command[0]);
            stderr.Should().Contain(json).And.Contain($"study format version {version}; this build of facecompat reads versions 1 to 2")
                .And.Contain($"fix: read the folder {study} with the facecompat that wrote it").And.Contain("re-run the study with this build into a new --out folder")
                .And.NotContain("   at ");
            stdout.Should().NotContain("report written");
        }
    }

    [Fact]
    public void A_folder_of_format_1_is_reported_and_resumed_unchanged()
    {
        string study = Path.Combine(_dir, "v1");
        string[] args = ["study", "--data", _data, "--models", "narrow48,face128", "--methods", "ridge", "--seeds", "0,1", "--out", study];
        CliRunner.Run(args).Exit.Should().Be(0);
        string summary = File.ReadAllText(Path.Combine(study, "summary.csv"));

        // Format 1: study.json held the settings only, without format_version and fingerprint.
        string json = Path.Combine(study, "study.json");
        string[] lines = File.ReadAllLines(json);
        lines.Should().Contain(l => l.Contains("\"format_version\": 2", StringComparison.Ordinal));
        File.WriteAllLines(json, lines.Where(l => !l.Contains("\"format_version\"", StringComparison.Ordinal) && !l.Contains("\"fingerprint\"", StringComparison.Ordinal)));
        Directory.Delete(Path.Combine(study, "cells", "A", "narrow48__face128"), recursive: true);

        (int exit, _, string stderr) = CliRunner.Run(args);
        exit.Should().Be(0, stderr);
        File.ReadAllText(Path.Combine(study, "summary.csv")).Should().Be(summary);
        File.ReadAllText(json).Should().NotContain("format_version", "a resumed folder keeps its study.json as it is");
        CliRunner.Run("report", "--study", study, "--out", Path.Combine(_dir, "v1.html")).Exit.Should().Be(0);
    }

    private static string[] CellFiles(string study) =>
        Directory.Exists(Path.Combine(study, "cells"))
            ? Directory.EnumerateFiles(Path.Combine(study, "cells"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray()
            : [];
}
