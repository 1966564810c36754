namespace FaceCompat.Tests;

/// <summary>
/// The study as a Slurm job array on a real single-node cluster (slurmctld + slurmd + munge, started
/// by scripts/slurm/start.sh for these tests): 4 tasks and a merge job give the single-process
/// study's summary byte for byte, also after one task is cancelled mid-run and re-submitted.
/// </summary>
[Collection("console")]
[Trait("Category", "Slurm")]
public sealed class SlurmClusterTests : IClassFixture<SlurmClusterTests.Cluster>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fc-slurm-study-").FullName;
    private readonly string _data = SharedData.Fixture("protocol", "A");

    // Constructed only when a test of this class runs (never for a skipped one).
    public SlurmClusterTests(Cluster cluster) => _ = cluster;

    public void Dispose()
    {
        // Cancel what a failed test left queued (e.g. a merge job waiting on a cancelled task), so the next test starts clean.
        foreach (string study in Directory.EnumerateDirectories(_dir).Where(d => File.Exists(Path.Combine(d, "slurm", "jobs.tsv"))))
        {
            foreach (string id in JobIds(study))
            {
                SlurmCluster.Run("scancel", id);
            }
        }

        Directory.Delete(_dir, recursive: true);
    }

    private static string[] JobIds(string study) =>
        File.ReadAllLines(Path.Combine(study, "slurm", "jobs.tsv")).Select(l => l.Split('\t')[1]).ToArray();

    /// <summary>Whether a job this study submitted is still queued.</summary>
    private static bool Queued(string study) => JobIds(study).Any(id => SlurmCluster.Run("squeue", "-h", "-j", id).Trim().Length > 0);

    private string[] Definition(string output) =>
        ["--data", _data, "--models", "narrow48,face128,wide1024", "--methods", "baseline,procrustes,ridge", "--seeds", "0,1", "--out", output];

    [SlurmFact]
    public void An_array_of_four_tasks_and_the_merge_job_give_the_single_process_summary()
    {
        string single = Path.Combine(_dir, "single");
        CliRunner.Run(["study", .. Definition(single)]).Exit.Should().Be(0);

        string study = Path.Combine(_dir, "array");
        (int exit, string stdout, string stderr) = CliRunner.Run(["slurm", "study", .. Definition(study), "--array", "4", "--max-parallel", "2", "--submit"]);
        exit.Should().Be(0, stderr);
        string job = stdout.Trim();
        job.Should().MatchRegex("^[0-9]+$", "--submit prints the array's job id");
        File.ReadAllText(Path.Combine(study, "slurm", "array.sbatch")).Should().Contain("#SBATCH --array=0-3%2");

        SlurmCluster.WaitFor(() => File.Exists(Path.Combine(study, "summary.csv")) && !Queued(study), "the array and the merge job");
        File.ReadAllText(Path.Combine(study, "summary.csv")).Should().Be(File.ReadAllText(Path.Combine(single, "summary.csv")));
        Directory.EnumerateFiles(Path.Combine(study, "slurm", "logs"), $"shard-*.job-{job}.out").Should().HaveCount(4, "one log per task");
        (_, string status, _) = CliRunner.Run("slurm", "status", study);
        status.Should().Contain("54 of 54 cells finished; 4 of 4 shards done").And.Contain("merge: done");
    }

    [SlurmFact]
    public void A_task_cancelled_mid_run_is_reported_and_resubmitted_and_the_summary_is_still_identical()
    {
        string single = Path.Combine(_dir, "single");
        CliRunner.Run(["study", .. Definition(single)]).Exit.Should().Be(0);

        // Task 2 of the first submission stays busy (a wrapper sleeps before running facecompat) so it can be
        // cancelled while running; the marker makes only that first run slow.
        string marker = Path.Combine(_dir, "slow-once");
        File.WriteAllText(marker, "");
        string wrapper = Path.Combine(_dir, "facecompat.sh");
        File.WriteAllText(wrapper, $"#!/bin/bash\nif [ \"${{SLURM_ARRAY_TASK_ID:-}}\" = 2 ] && [ -f '{marker}' ]; then rm -f '{marker}'; echo started; sleep 300; fi\nexec '{Environment.ProcessPath}' '{Path.Combine(AppContext.BaseDirectory, "facecompat.dll")}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        string study = Path.Combine(_dir, "killed");
        (int exit, string stdout, string stderr) = CliRunner.Run(["slurm", "study", .. Definition(study), "--array", "4", "--facecompat", wrapper, "--submit"]);
        exit.Should().Be(0, stderr);
        string job = stdout.Trim();
        SlurmCluster.WaitFor(() => SlurmCluster.Run("squeue", "-h", "-r", "-o", "%i %T", "-j", job).Contains($"{job}_2 RUNNING", StringComparison.Ordinal) && !File.Exists(marker), "task 2 to run");
        SlurmCluster.Run("scancel", $"{job}_2");
        SlurmCluster.WaitFor(() => !SlurmCluster.Run("squeue", "-h", "-r", "-o", "%i", "-j", job).Contains('_'), "the other tasks to finish");

        (int statusExit, string status, string statusError) = CliRunner.Run("slurm", "status", study);
        statusExit.Should().Be(0, statusError);
        status.Should().Contain($"shard 2: FAILED (task {job}_2").And.Contain("CANCELLED").And.Contain("incomplete shards: 2");
        status.Should().Contain("| started", "the failed task's log tail is shown");
        status.Should().Contain("shard 0: done").And.Contain("shard 1: done").And.Contain("shard 3: done");
        File.Exists(Path.Combine(study, "summary.csv")).Should().BeFalse("the merge waits for every task to succeed");

        (int again, string resubmitted, string resubmitError) = CliRunner.Run("slurm", "resubmit", study);
        again.Should().Be(0, resubmitError);
        resubmitError.Should().Contain("re-submitted shards 2 as array job");
        SlurmCluster.WaitFor(() => File.Exists(Path.Combine(study, "summary.csv")) && !Queued(study), "the re-submitted shard and the merge job");
        File.ReadAllText(Path.Combine(study, "summary.csv")).Should().Be(File.ReadAllText(Path.Combine(single, "summary.csv")));
        File.ReadAllText(Path.Combine(study, "slurm", "jobs.tsv")).Should().Contain($"array\t{resubmitted.Trim()}\t2\t");
        (_, string final, _) = CliRunner.Run("slurm", "status", study);
        final.Should().Contain("4 of 4 shards done").And.Contain("merge: done");
    }

    /// <summary>The cluster, started once for this class.</summary>
    public sealed class Cluster : IDisposable
    {
        private readonly SlurmCluster? _cluster = SlurmCluster.WhyNot() is null ? new SlurmCluster() : null;

        public void Dispose() => _cluster?.Dispose();
    }
}
