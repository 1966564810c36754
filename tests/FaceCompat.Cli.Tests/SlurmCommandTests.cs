namespace FaceCompat.Tests;

/// <summary>The sbatch scripts and the errors of <c>facecompat slurm</c>, without a cluster.</summary>
[Collection("console")]
public sealed class SlurmCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fc-slurm-cmd-").FullName;
    private readonly string _data = SharedData.Fixture("protocol", "A");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string[] Study(string output, params string[] more) =>
        ["slurm", "study", "--data", _data, "--models", "narrow48,face128", "--methods", "procrustes,ridge", "--seeds", "0,1", "--out", output, .. more];

    [Fact]
    public void The_array_script_runs_one_shard_per_task_with_the_study_options_and_logs_per_task()
    {
        string study = Path.Combine(_dir, "s");
        (int exit, _, string stderr) = CliRunner.Run(Study(study, "--array", "3", "--max-parallel", "2", "--partition", "gpu", "--time", "1:00:00", "--mem", "8G", "--cpus", "4", "--gpus", "1", "--report", "--facecompat", "/opt/fc/facecompat"));
        exit.Should().Be(0, stderr);
        stderr.Should().Contain("not submitted");
        string array = File.ReadAllText(Path.Combine(study, "slurm", "array.sbatch"));
        array.Should().StartWith("#!/bin/bash\n")
            .And.Contain("#SBATCH --array=0-2%2\n")
            .And.Contain($"#SBATCH --output={Path.Combine(study, "slurm", "logs")}/shard-%a.job-%A.out\n")
            .And.Contain("#SBATCH --partition=gpu\n").And.Contain("#SBATCH --time=1:00:00\n").And.Contain("#SBATCH --mem=8G\n")
            .And.Contain("#SBATCH --cpus-per-task=4\n").And.Contain("#SBATCH --gres=gpu:1\n")
            .And.Contain($"exec /opt/fc/facecompat study --data {_data} --models narrow48,face128 --methods procrustes,ridge --seeds 0,1 --test-percent 30 --lambda 0.1 --impostors all --out {study} --shard \"${{SLURM_ARRAY_TASK_ID}}/3\"\n");
        string merge = File.ReadAllText(Path.Combine(study, "slurm", "merge.sbatch"));
        merge.Should().Contain("--merge\n").And.Contain($"/opt/fc/facecompat report --study {study} --out {Path.Combine(study, "report.html")}\n").And.NotContain("--gres");
        File.ReadAllLines(Path.Combine(study, "slurm", "plan.tsv")).Skip(1).Should().HaveCount(16, "2 seeds x 4 ordered pairs x 2 methods, each cell in one shard")
            .And.OnlyHaveUniqueItems();

        (int statusExit, string status, _) = CliRunner.Run("slurm", "status", study);
        statusExit.Should().Be(0);
        status.Should().Contain("0 of 16 cells finished; 0 of 3 shards done").And.Contain("shard 0: not submitted").And.Contain("incomplete shards: 0-2");
    }

    [Fact]
    public void The_array_script_carries_the_scoring_so_every_shard_is_the_same_study()
    {
        string study = Path.Combine(_dir, "csls");
        (int exit, _, string stderr) = CliRunner.Run(Study(study, "--array", "2", "--scoring", "csls", "--csls-k", "7"));
        exit.Should().Be(0, stderr);
        File.ReadAllText(Path.Combine(study, "slurm", "array.sbatch")).Should().Contain("--impostors all --scoring csls --csls-k 7 --out ");
        CliRunner.Run("study", "--data", _data, "--models", "narrow48,face128", "--methods", "procrustes,ridge", "--seeds", "0,1", "--scoring", "csls", "--csls-k", "7", "--out", study, "--shard", "0/2").Exit.Should().Be(0, "the shard's configuration equals the submitted one");
        string hubness = Path.Combine(_dir, "hubness");
        CliRunner.Run(Study(hubness, "--array", "2", "--hubness")).Exit.Should().Be(0);
        File.ReadAllText(Path.Combine(hubness, "slurm", "array.sbatch")).Should().Contain("--impostors all --hubness --csls-k 10 --out ");
    }

    [Fact]
    public void A_shard_run_by_hand_shows_as_done_in_the_status()
    {
        string study = Path.Combine(_dir, "h");
        CliRunner.Run(Study(study, "--array", "2")).Exit.Should().Be(0);
        CliRunner.Run("study", "--data", _data, "--models", "narrow48,face128", "--methods", "procrustes,ridge", "--seeds", "0,1", "--out", study, "--shard", "1/2").Exit.Should().Be(0);
        (_, string status, _) = CliRunner.Run("slurm", "status", study);
        status.Should().Contain("shard 1: done").And.Contain("shard 0: not submitted").And.Contain("incomplete shards: 0\n");
    }

    [Theory]
    [InlineData("7", "--array: 7 shards but only 6 work units")]
    [InlineData("0", "--array: 0 shards; give at least 1")]
    public void A_bad_array_is_a_usage_error(string array, string expected)
    {
        (int exit, _, string stderr) = CliRunner.Run(Study(Path.Combine(_dir, "a"), "--array", array));
        exit.Should().Be(2, stderr);
        stderr.Should().Contain(expected);
    }

    [Fact]
    public void A_folder_of_another_study_configuration_is_refused()
    {
        string study = Path.Combine(_dir, "c");
        CliRunner.Run(Study(study, "--array", "2")).Exit.Should().Be(0);
        (int exit, _, string stderr) = CliRunner.Run(Study(study, "--array", "2", "--lambda", "5"));
        exit.Should().Be(3);
        stderr.Should().Contain("different definition").And.Contain("new --out folder");
    }

    [Fact]
    public void Submitting_without_sbatch_says_what_to_do()
    {
        string study = Path.Combine(_dir, "n");
        string? path = Environment.GetEnvironmentVariable("PATH");
        try
        {
            Environment.SetEnvironmentVariable("PATH", _dir);
            (int exit, _, string stderr) = CliRunner.Run(Study(study, "--array", "2", "--submit"));
            exit.Should().Be(4, stderr);
            stderr.Should().Contain("sbatch not found on PATH").And.Contain("leave out --submit");
            (int resubmit, _, string resubmitError) = CliRunner.Run("slurm", "resubmit", study);
            resubmit.Should().Be(4);
            resubmitError.Should().Contain("sbatch not found on PATH", "nothing was submitted yet, so resubmit submits every shard");
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }

        File.Exists(Path.Combine(study, "slurm", "array.sbatch")).Should().BeTrue("the scripts are written before submitting, to submit by hand");
    }

    [Fact]
    public void Status_of_a_folder_not_set_up_for_slurm_is_a_data_error()
    {
        (int exit, _, string stderr) = CliRunner.Run("slurm", "status", _dir);
        exit.Should().Be(3);
        stderr.Should().Contain("not set up by 'facecompat slurm study'");
    }

    [Fact]
    public void The_extract_array_passes_the_extract_options_through_and_counts_images()
    {
        string images = Path.Combine(_dir, "images", "person");
        Directory.CreateDirectory(images);
        for (int i = 0; i < 3; i++)
        {
            File.WriteAllText(Path.Combine(images, $"{i}.jpg"), "");
        }

        string output = Path.Combine(_dir, "dataset");
        string[] extract = ["--", "--images", Path.Combine(_dir, "images"), "--landmarks", "l.tsv", "--models", "mfn128", "--out", output];
        (int exit, _, string stderr) = CliRunner.Run(["slurm", "extract", "--array", "3", "--gpus", "1", "--facecompat", "fc", .. extract]);
        exit.Should().Be(0, stderr);
        File.ReadAllText(Path.Combine(output, "slurm", "array.sbatch")).Should()
            .Contain($"exec fc extract --images {Path.Combine(_dir, "images")} --landmarks l.tsv --models mfn128 --out {output} --shard \"${{SLURM_ARRAY_TASK_ID}}/3\"").And.Contain("--gres=gpu:1");
        File.ReadAllText(Path.Combine(output, "slurm", "merge.sbatch")).Should().Contain($"fc extract --merge --out {output}\n");
        File.ReadAllLines(Path.Combine(output, "slurm", "plan.tsv")).Should().Equal("shard\toutput", "0\tshards/0-of-3/manifest.json", "1\tshards/1-of-3/manifest.json", "2\tshards/2-of-3/manifest.json");

        (int tooMany, _, string tooManyError) = CliRunner.Run(["slurm", "extract", "--array", "4", .. extract]);
        tooMany.Should().Be(2);
        tooManyError.Should().Contain("only 3 images");
        (int shardGiven, _, string shardError) = CliRunner.Run(["slurm", "extract", "--array", "2", .. extract, "--shard", "0/2"]);
        shardGiven.Should().Be(2);
        shardError.Should().Contain("leave out --shard and --merge");
    }
}
