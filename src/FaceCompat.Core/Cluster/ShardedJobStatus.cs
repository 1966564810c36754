namespace FaceCompat.Cluster;

/// <summary>Where a shard stands.</summary>
public enum ShardState
{
    /// <summary>Every output of the shard is complete.</summary>
    Done,

    /// <summary>Its task is in the queue (pending or running).</summary>
    Queued,

    /// <summary>Its task left the queue without finishing the shard (failed, cancelled, timed out, out of memory).</summary>
    Failed,

    /// <summary>No recorded submission ran it.</summary>
    NotSubmitted,
}

/// <summary>One shard: its state, its outputs done, the task that ran it last and that task's log.</summary>
public sealed record ShardStatus(int Shard, ShardState State, int CompleteOutputs, int Outputs, string? Task, string? Detail, string? Log);

/// <summary>
/// The state of a sharded job, from its files (outputs and logs) and, where they answer, squeue
/// (what is queued) and sacct (how tasks ended; absent without an accounting database).
/// </summary>
public sealed record ShardedJobStatus(ShardedJobFolder Folder, IReadOnlyList<ShardStatus> Shards, string? MergeJob, string? MergeState, bool QueueKnown)
{
    /// <summary>Shards that are not done (queued, running, failed or never submitted).</summary>
    public IEnumerable<int> Incomplete => Shards.Where(s => s.State != ShardState.Done).Select(s => s.Shard);

    /// <summary>Shards neither done nor queued: what a re-submission runs.</summary>
    public IEnumerable<int> ToResubmit => Shards.Where(s => s.State is ShardState.Failed or ShardState.NotSubmitted).Select(s => s.Shard);

    /// <summary>Reads the state of every shard from the folder's files and, where they answer, squeue and sacct.</summary>
    public static ShardedJobStatus Read(ShardedJobFolder folder, SlurmClient client)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(client);
        IReadOnlyList<SubmittedJob> jobs = folder.Jobs();
        IReadOnlyDictionary<string, string>? queue = jobs.Count > 0 ? client.Queue(jobs.Select(j => j.JobId)) : new Dictionary<string, string>();
        var lastRun = new Dictionary<int, string>();
        foreach (SubmittedJob job in jobs.Where(j => j.Role == "array"))
        {
            foreach (int s in job.Shards)
            {
                lastRun[s] = job.JobId;
            }
        }

        var accounting = lastRun.Count > 0 ? client.Accounting(lastRun.Values) : null;
        var shards = new List<ShardStatus>();
        for (int s = 0; s < folder.Shards; s++)
        {
            int complete = folder.CompleteOutputs(s), total = folder.Outputs[s].Count;
            string? task = lastRun.TryGetValue(s, out string? id) ? $"{id}_{s}" : null;
            string? log = folder.LatestLog(s);
            ShardState state;
            string? detail = null;
            if (complete == total)
            {
                state = ShardState.Done;
            }
            else if (task is not null && queue is not null && queue.TryGetValue(task, out string? queued))
            {
                state = ShardState.Queued;
                detail = queued;
            }
            else if (task is not null)
            {
                state = ShardState.Failed;
                detail = accounting is not null && accounting.TryGetValue(task, out var ended)
                    ? $"{ended.State}, exit {ended.ExitCode}"
                    : FromLog(log) ?? (queue is null ? "not in the queue as far as the logs tell (squeue unavailable)" : "left the queue unfinished");
            }
            else
            {
                state = ShardState.NotSubmitted;
            }

            shards.Add(new ShardStatus(s, state, complete, total, task, detail, log));
        }

        string? merge = jobs.LastOrDefault(j => j.Role == "merge")?.JobId;
        string? mergeState = merge is not null && queue is not null && queue.TryGetValue(merge, out string? m) ? m : null;
        return new ShardedJobStatus(folder, shards, merge, mergeState, queue is not null);
    }

    private static string? FromLog(string? log)
    {
        string? cancelled = ShardedJobFolder.Tail(log, 20).LastOrDefault(l => l.Contains("CANCELLED", StringComparison.Ordinal) || l.Contains("DUE TO TIME LIMIT", StringComparison.Ordinal) || l.Contains("oom", StringComparison.OrdinalIgnoreCase));
        return cancelled?.Trim();
    }
}
