using System.Diagnostics;

namespace FaceCompat.Tests;

/// <summary>
/// A fact that needs a real Slurm: skipped, with the reason, unless this runs as root with
/// slurmctld, slurmd, sbatch and munged installed (scripts/setup-native.sh installs them with apt).
/// </summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    public SlurmFactAttribute()
    {
        if (SlurmCluster.WhyNot() is string reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>
/// A private single-node Slurm (munged + slurmctld + slurmd, 2 CPUs) started by
/// scripts/slurm/start.sh in its own folder and on its own ports, and stopped (jobs cancelled,
/// daemons stopped, folder removed) when the tests are done. Sets SLURM_CONF for this process, so
/// the CLI's sbatch/squeue/scancel and the jobs they start talk to it.
/// </summary>
public sealed class SlurmCluster : IDisposable
{
    private readonly Dictionary<string, string> _environment;

    public SlurmCluster()
    {
        string dir = Path.Combine(Path.GetTempPath(), "fc-slurm-" + Guid.NewGuid().ToString("N")[..8]);
        int port = 20000 + (2 * Random.Shared.Next(0, 10000));
        _environment = new() { ["FACECOMPAT_SLURM_DIR"] = dir, ["FACECOMPAT_SLURM_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        (int exit, string output, string error) = Script("start.sh");
        string? conf = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("SLURM_CONF=", StringComparison.Ordinal))?["SLURM_CONF=".Length..];
        if (exit != 0 || conf is null)
        {
            throw new InvalidOperationException($"Slurm is installed but scripts/slurm/start.sh could not start it (exit {exit}): {error.Trim()}");
        }

        Environment.SetEnvironmentVariable("SLURM_CONF", conf);
    }

    /// <summary>Why the Slurm tests cannot run here, or null.</summary>
    public static string? WhyNot()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "the Slurm tests need Linux.";
        }

        string[] missing = new[] { "slurmctld", "slurmd", "sbatch", "squeue", "scancel", "munged" }.Where(t => !OnPath(t)).ToArray();
        if (missing.Length > 0)
        {
            return $"Slurm is not installed ({string.Join(", ", missing)} missing): run scripts/setup-native.sh as root (scripts/test.sh does), or apt-get install slurmctld slurmd slurm-client munge.";
        }

        return Environment.UserName == "root" ? null : "the Slurm tests start slurmd, which must run as root; run them as root.";
    }

    /// <summary>Runs a Slurm client command (squeue, scancel, ...) and returns its stdout.</summary>
    public static string Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process p = Process.Start(start)!;
        string output = p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return output;
    }

    /// <summary>Waits (polling twice a second) until <paramref name="done"/> holds; fails after <paramref name="seconds"/>.</summary>
    public static void WaitFor(Func<bool> done, string what, int seconds = 180)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed.TotalSeconds > seconds)
            {
                throw new TimeoutException($"waited {seconds} s for {what}; queue:\n{Run("squeue")}");
            }

            Thread.Sleep(500);
        }
    }

    public void Dispose()
    {
        Run("scancel", "--user", Environment.UserName);
        Script("stop.sh");
        Environment.SetEnvironmentVariable("SLURM_CONF", null);
    }

    private (int Exit, string Output, string Error) Script(string name)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(SharedData.RepositoryRoot, "scripts", "slurm", name));
        foreach ((string key, string value) in _environment)
        {
            start.Environment[key] = value;
        }

        using Process p = Process.Start(start)!;
        Task<string> error = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, error.GetAwaiter().GetResult());
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, tool)));
}
