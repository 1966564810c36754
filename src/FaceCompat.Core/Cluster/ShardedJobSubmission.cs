using System.Globalization;

namespace FaceCompat.Cluster;

/// <summary>Submits a sharded job's array (for some shards) and its merge job after it, and records both.</summary>
public static class ShardedJobSubmission
{
    /// <param name="waitFor">Other queued tasks (e.g. "12_3") the merge must also wait for.</param>
    public static (string ArrayJob, string MergeJob) Submit(ShardedJobFolder folder, SlurmClient client, IReadOnlyList<int> shards, IReadOnlyList<string> waitFor)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(waitFor);
        string array = client.Submit(folder.ArrayScript, [string.Create(CultureInfo.InvariantCulture, $"--array={ArrayList(shards)}%{folder.MaxParallel}")]);
        folder.Record(new SubmittedJob("array", array, shards, DateTime.UtcNow));
        return (array, SubmitMerge(folder, client, [array, .. waitFor]));
    }

    /// <summary>Submits the merge job to run once the jobs <paramref name="after"/> have succeeded (afterok) and returns its job id.</summary>
    public static string SubmitMerge(ShardedJobFolder folder, SlurmClient client, IReadOnlyList<string> after)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(after);
        string merge = client.Submit(folder.MergeScript, after.Count > 0 ? ["--dependency=afterok:" + string.Join(':', after)] : []);
        folder.Record(new SubmittedJob("merge", merge, [], DateTime.UtcNow));
        return merge;
    }

    /// <summary>Shard numbers as an sbatch --array list: runs joined, e.g. 0-3,5,7-8.</summary>
    public static string ArrayList(IReadOnlyList<int> shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        var parts = new List<string>();
        int[] sorted = shards.Distinct().Order().ToArray();
        for (int i = 0; i < sorted.Length;)
        {
            int j = i;
            while (j + 1 < sorted.Length && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            parts.Add(i == j ? sorted[i].ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{sorted[i]}-{sorted[j]}"));
            i = j + 1;
        }

        return string.Join(',', parts);
    }
}
