using System.Globalization;
using System.Text;

namespace FaceCompat.Cluster;

/// <summary>
/// The two sbatch scripts of a sharded job: a job array with one task per shard (task i runs shard
/// i of n, a per-task log under the folder's slurm/logs/), and the merge job that runs after it.
/// </summary>
public static class SlurmScript
{
    /// <param name="command">The facecompat command line of one shard, with <c>{shard}</c> where the shard (i/n) goes.</param>
    public static string Array(string jobName, int shards, int maxParallel, SlurmResources resources, string workingDirectory, string logDirectory, string command, string about)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(command);
        var s = Header(jobName, resources, workingDirectory, Path.Combine(logDirectory, "shard-%a.job-%A.out"), gpus: resources.Gpus);
        s.Insert(s.ToString().IndexOf("#SBATCH --chdir", StringComparison.Ordinal), string.Create(CultureInfo.InvariantCulture, $"#SBATCH --array=0-{shards - 1}%{maxParallel}\n"));
        s.Append(CultureInfo.InvariantCulture, $"# {about}\n");
        s.Append(CultureInfo.InvariantCulture, $"# Array task i runs shard i of {shards}; 'facecompat slurm resubmit' submits this script again for the missing shards only (--array=<list>).\n");
        s.Append("set -euo pipefail\n");
        s.Append(CultureInfo.InvariantCulture, $"echo \"facecompat: shard ${{SLURM_ARRAY_TASK_ID}}/{shards} of job ${{SLURM_ARRAY_JOB_ID}} on $(hostname) at $(date -u +%FT%TZ)\"\n");
        s.Append("exec ").Append(command.Replace("{shard}", string.Create(CultureInfo.InvariantCulture, $"\"${{SLURM_ARRAY_TASK_ID}}/{shards}\""), StringComparison.Ordinal)).Append('\n');
        return s.ToString();
    }

    /// <param name="commands">The merge command lines, run in order (the script stops at the first failure).</param>
    public static string Merge(string jobName, SlurmResources resources, string workingDirectory, string logDirectory, IEnumerable<string> commands, string about)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var s = Header(jobName, resources, workingDirectory, Path.Combine(logDirectory, "merge.job-%j.out"), gpus: null);
        s.Append(CultureInfo.InvariantCulture, $"# {about}\n");
        s.Append("set -euo pipefail\n");
        foreach (string c in commands)
        {
            s.Append(c).Append('\n');
        }

        return s.ToString();
    }

    /// <summary>One word for bash: single-quoted unless it is plainly safe.</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        bool plain = word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:,=+@%".Contains(c, StringComparison.Ordinal));
        return plain ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>The words as one shell command line, each quoted for POSIX sh where it needs it.</summary>
    public static string CommandLine(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    private static StringBuilder Header(string jobName, SlurmResources resources, string workingDirectory, string output, int? gpus)
    {
        var s = new StringBuilder("#!/bin/bash\n");
        s.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name={jobName}\n");
        s.Append(CultureInfo.InvariantCulture, $"#SBATCH --chdir={workingDirectory}\n");
        s.Append(CultureInfo.InvariantCulture, $"#SBATCH --output={output}\n");
        Directive(s, "partition", resources.Partition);
        Directive(s, "account", resources.Account);
        Directive(s, "time", resources.Time);
        Directive(s, "mem", resources.Memory);
        Directive(s, "cpus-per-task", resources.Cpus?.ToString(CultureInfo.InvariantCulture));
        Directive(s, "gres", gpus is int g ? string.Create(CultureInfo.InvariantCulture, $"gpu:{g}") : null);
        return s;
    }

    private static void Directive(StringBuilder s, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            s.Append(CultureInfo.InvariantCulture, $"#SBATCH --{name}={value}\n");
        }
    }
}
