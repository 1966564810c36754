using System.Globalization;
using System.Text.Json;
using FaceCompat.Data;
using FaceCompat.Study;

namespace FaceCompat.Cluster;

/// <summary>A shard's submission: the job (an array, or the merge), which shards it ran, when.</summary>
public sealed record SubmittedJob(string Role, string JobId, IReadOnlyList<int> Shards, DateTime SubmittedUtc);

/// <summary>
/// The <c>slurm/</c> folder of a sharded study or extraction (docs/cluster.md): <c>job.json</c>
/// (what kind of work, how many shards, the concurrency cap, the file whose existence means merged),
/// <c>plan.tsv</c> (each shard's output files, relative to the work folder), <c>array.sbatch</c>,
/// <c>merge.sbatch</c>, <c>jobs.tsv</c> (every submission) and <c>logs/</c> (one log per task).
/// </summary>
public sealed class ShardedJobFolder
{
    private ShardedJobFolder(string workDirectory, string kind, int maxParallel, string mergedMarker, IReadOnlyList<IReadOnlyList<string>> outputs)
    {
        WorkDirectory = Path.GetFullPath(workDirectory);
        Kind = kind;
        MaxParallel = maxParallel;
        MergedMarker = mergedMarker;
        Outputs = outputs;
    }

    /// <summary>The folder the job writes into (its outputs and <see cref="SlurmDirectory"/>).</summary>
    public string WorkDirectory { get; }

    /// <summary><c>study</c> or <c>extract</c>.</summary>
    public string Kind { get; }

    /// <summary>Number of shards (array tasks).</summary>
    public int Shards => Outputs.Count;

    /// <summary>Most array tasks Slurm may run at once (the <c>%n</c> of <c>--array</c>).</summary>
    public int MaxParallel { get; }

    /// <summary>The file (relative to the work folder) that exists once the merge has run.</summary>
    public string MergedMarker { get; }

    /// <summary>Per shard, the files it writes (relative to the work folder); the shard is done when all are complete.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Outputs { get; }

    /// <summary><c>slurm/</c>: the scripts, the job record and the logs.</summary>
    public string SlurmDirectory => Path.Combine(WorkDirectory, "slurm");

    /// <summary>The sbatch script of the array job (one task per shard).</summary>
    public string ArrayScript => Path.Combine(SlurmDirectory, "array.sbatch");

    /// <summary>The sbatch script of the merge job that runs after the array.</summary>
    public string MergeScript => Path.Combine(SlurmDirectory, "merge.sbatch");

    /// <summary>Where the tasks' logs go (<c>slurm/logs/</c>).</summary>
    public string LogDirectory => Path.Combine(SlurmDirectory, "logs");

    /// <summary>Whether the merge has finished (its marker file exists).</summary>
    public bool IsMerged => File.Exists(Path.Combine(WorkDirectory, MergedMarker));

    /// <summary>Writes the folder's plan and scripts (replacing those of an earlier submission; its jobs and logs are kept).</summary>
    public static ShardedJobFolder Create(string workDirectory, string kind, int maxParallel, string mergedMarker, IReadOnlyList<IReadOnlyList<string>> outputs, Func<ShardedJobFolder, (string Array, string Merge)> scripts)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(scripts);
        var folder = new ShardedJobFolder(workDirectory, kind, maxParallel, mergedMarker, outputs);
        Directory.CreateDirectory(folder.LogDirectory);
        var job = new System.Text.Json.Nodes.JsonObject { ["kind"] = kind, ["shards"] = outputs.Count, ["max_parallel"] = maxParallel, ["merged_marker"] = mergedMarker };
        AtomicFile.WriteText(Path.Combine(folder.SlurmDirectory, "job.json"), job.ToJsonString() + "\n");
        using (var plan = new StreamWriter(Path.Combine(folder.SlurmDirectory, "plan.tsv")))
        {
            plan.Write("shard\toutput\n");
            for (int s = 0; s < outputs.Count; s++)
            {
                foreach (string file in outputs[s])
                {
                    plan.Write(string.Create(CultureInfo.InvariantCulture, $"{s}\t{file.Replace('\\', '/')}\n"));
                }
            }
        }

        (string array, string merge) = scripts(folder);
        AtomicFile.WriteText(folder.ArrayScript, array);
        AtomicFile.WriteText(folder.MergeScript, merge);
        return folder;
    }

    /// <summary>Opens the <c>slurm/</c> folder of a study or extraction folder written by <c>facecompat slurm study|extract</c>.</summary>
    public static ShardedJobFolder Open(string workDirectory)
    {
        string slurm = Path.Combine(workDirectory, "slurm");
        string jobFile = Path.Combine(slurm, "job.json"), planFile = Path.Combine(slurm, "plan.tsv");
        if (!File.Exists(jobFile) || !File.Exists(planFile))
        {
            throw new DataFormatException($"{workDirectory}: no slurm/job.json and slurm/plan.tsv; this folder was not set up by 'facecompat slurm study' or 'facecompat slurm extract' (give the study folder or the extraction's --out).") { FilePath = workDirectory };
        }

        try
        {
            using JsonDocument job = JsonDocument.Parse(File.ReadAllText(jobFile));
            JsonElement root = job.RootElement;
            int shards = root.GetProperty("shards").GetInt32();
            var outputs = Enumerable.Range(0, shards).Select(_ => new List<string>()).ToArray();
            foreach (string line in File.ReadLines(planFile).Skip(1).Where(l => l.Length > 0))
            {
                string[] parts = line.Split('\t');
                outputs[int.Parse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture)].Add(parts[1]);
            }

            return new ShardedJobFolder(workDirectory, root.GetProperty("kind").GetString()!, root.GetProperty("max_parallel").GetInt32(), root.GetProperty("merged_marker").GetString()!, outputs);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or IndexOutOfRangeException or InvalidOperationException)
        {
            throw new DataFormatException($"{slurm}: job.json or plan.tsv is damaged ({e.Message}); run 'facecompat slurm study|extract' with the same options again to rewrite them.") { FilePath = slurm };
        }
    }

    /// <summary>How many of the shard's outputs are complete (a study cell must also parse).</summary>
    public int CompleteOutputs(int shard) => Outputs[shard].Count(o => IsComplete(Path.Combine(WorkDirectory, o)));

    private bool IsComplete(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        if (Kind != "study")
        {
            return true;
        }

        try
        {
            StudyFolder.ParseCell(File.ReadAllText(path), path);
            return true;
        }
        catch (DataFormatException)
        {
            return false; // unreadable: the shard that owns it recomputes it (status never deletes)
        }
        catch (IOException)
        {
            return false; // replaced or removed while being read: a shard is writing it
        }
    }

    /// <summary>Appends a submitted job to <c>slurm/jobs.tsv</c> (role, job id, shards, UTC time), the record <see cref="Jobs"/> reads.</summary>
    public void Record(SubmittedJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        File.AppendAllText(
            Path.Combine(SlurmDirectory, "jobs.tsv"),
            string.Create(CultureInfo.InvariantCulture, $"{job.Role}\t{job.JobId}\t{string.Join(',', job.Shards)}\t{job.SubmittedUtc:yyyy-MM-ddTHH:mm:ssZ}\n"));
    }

    /// <summary>Every recorded submission, oldest first.</summary>
    public IReadOnlyList<SubmittedJob> Jobs()
    {
        string file = Path.Combine(SlurmDirectory, "jobs.tsv");
        if (!File.Exists(file))
        {
            return [];
        }

        return File.ReadLines(file).Where(l => l.Length > 0).Select(l => l.Split('\t')).Where(p => p.Length == 4).Select(p => new SubmittedJob(
            p[0],
            p[1],
            p[2].Length == 0 ? [] : p[2].Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray(),
            DateTime.Parse(p[3], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal))).ToList();
    }

    /// <summary>The newest log of a shard's tasks (<c>logs/shard-&lt;i&gt;.job-&lt;id&gt;.out</c>), if any.</summary>
    public string? LatestLog(int shard) => Latest(string.Create(CultureInfo.InvariantCulture, $"shard-{shard}.job-*.out"));

    /// <summary>The newest log of the merge job, if any.</summary>
    public string? LatestMergeLog() => Latest("merge.job-*.out");

    /// <summary>The last <paramref name="lines"/> lines of a log.</summary>
    public static IReadOnlyList<string> Tail(string? file, int lines) =>
        file is null || !File.Exists(file) ? [] : File.ReadLines(file).TakeLast(lines).ToArray();

    private string? Latest(string pattern) =>
        Directory.Exists(LogDirectory)
            ? Directory.EnumerateFiles(LogDirectory, pattern).OrderByDescending(File.GetLastWriteTimeUtc).ThenByDescending(f => f, StringComparer.Ordinal).FirstOrDefault()
            : null;
}
