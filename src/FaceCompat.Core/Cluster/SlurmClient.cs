using System.Diagnostics;

namespace FaceCompat.Cluster;

/// <summary>
/// Slurm's client commands (sbatch, squeue, sacct, scancel) as child processes, with the caller's
/// environment (SLURM_CONF and PATH included). A missing or failing sbatch/scancel is a
/// <see cref="ModelException"/> that says what to do; squeue and sacct are optional (null when absent).
/// </summary>
public sealed class SlurmClient
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    /// <summary>Whether <paramref name="tool"/> is an executable on PATH.</summary>
    public static bool IsAvailable(string tool) => Locate(tool) is not null;

    /// <summary>Submits a script (<c>sbatch --parsable</c>) and returns the job id.</summary>
    public string Submit(string script, IEnumerable<string> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!IsAvailable("sbatch"))
        {
            throw new ModelException(
                $"sbatch not found on PATH: submitting needs Slurm's client commands. Run this on a login node of the cluster (or install them: apt-get install slurm-client), or leave out --submit and submit {script} yourself with sbatch.");
        }

        (int exit, string output, string error) = Run("sbatch", ["--parsable", .. options, script]);
        string id = output.Trim().Split(';')[0];
        if (exit != 0 || id.Length == 0 || !id.All(char.IsAsciiDigit))
        {
            throw new ModelException($"sbatch refused {script} (exit {exit}): {error.Trim()} {output.Trim()}".TrimEnd() + " Check --partition, --time, --mem, --cpus and --gpus against the cluster's limits (sinfo).");
        }

        return id;
    }

    /// <summary>
    /// State of each queued job or array task of these jobs ("12_3" or "13" -> "RUNNING", "PENDING", ...);
    /// finished ones are absent. Null when squeue is not available.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Queue(IEnumerable<string> jobIds)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        if (!IsAvailable("squeue"))
        {
            return null;
        }

        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string id in jobIds.Distinct(StringComparer.Ordinal))
        {
            // One job per call: squeue fails for the whole list when one id has left the queue.
            (int exit, string output, _) = Run("squeue", ["-h", "-r", "-o", "%i|%T", "-j", id]);
            if (exit != 0)
            {
                continue;
            }

            foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                string[] parts = line.Split('|');
                if (parts.Length == 2)
                {
                    states[parts[0]] = parts[1];
                }
            }
        }

        return states;
    }

    /// <summary>
    /// Final state and exit code of each array task or job ("12_3" -> ("CANCELLED by 0", "0:15")) from
    /// the accounting database; null when sacct is absent or accounting is disabled.
    /// </summary>
    public IReadOnlyDictionary<string, (string State, string ExitCode)>? Accounting(IEnumerable<string> jobIds)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        string ids = string.Join(',', jobIds.Distinct(StringComparer.Ordinal));
        if (ids.Length == 0 || !IsAvailable("sacct"))
        {
            return null;
        }

        (int exit, string output, _) = Run("sacct", ["-n", "-P", "-X", "-o", "JobID,State,ExitCode", "-j", ids]);
        if (exit != 0)
        {
            return null;
        }

        var result = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] parts = line.Split('|');
            if (parts.Length == 3)
            {
                result[parts[0]] = (parts[1], parts[2]);
            }
        }

        return result;
    }

    /// <summary>Cancels a job with scancel; a <see cref="ModelException"/> when scancel is missing or fails.</summary>
    public void Cancel(string jobId)
    {
        if (!IsAvailable("scancel"))
        {
            throw new ModelException($"scancel not found on PATH: cancel job {jobId} by hand, or run this on a login node of the cluster.");
        }

        (int exit, _, string error) = Run("scancel", [jobId]);
        if (exit != 0)
        {
            throw new ModelException($"scancel {jobId} failed (exit {exit}): {error.Trim()}");
        }
    }

    private static (int Exit, string Output, string Error) Run(string tool, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Locate(tool)!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(s_timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new ModelException($"{tool} did not answer within {s_timeout.TotalSeconds:F0} s; is slurmctld reachable (scontrol ping)?");
        }

        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    private static string? Locate(string tool)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
