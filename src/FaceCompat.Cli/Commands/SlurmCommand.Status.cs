using System.CommandLine;
using FaceCompat.Cluster;

namespace FaceCompat.Cli.Commands;

internal static partial class SlurmCommand
{
    private const int TailLines = 12;

    private static Command StatusSubcommand()
    {
        var dir = new Argument<string>("folder") { Description = "The study folder, or the extraction's --out, given to 'facecompat slurm study|extract'." };
        var command = new Command("status", "Finished and missing cells (or images shards) of a sharded job, which shards are incomplete and why, with the failed tasks' log tails.") { dir };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            ShardedJobStatus status = ShardedJobStatus.Read(ShardedJobFolder.Open(parse.GetValue(dir)!), new SlurmClient());
            Print(status, Console.Out);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command ResubmitSubcommand()
    {
        var dir = new Argument<string>("folder") { Description = "The study folder, or the extraction's --out, given to 'facecompat slurm study|extract'." };
        var command = new Command("resubmit", "Submit again only the shards that are neither done nor queued (failed, cancelled, never submitted), and a new merge job after them.") { dir };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            ShardedJobFolder folder = ShardedJobFolder.Open(parse.GetValue(dir)!);
            var client = new SlurmClient();
            ShardedJobStatus status = ShardedJobStatus.Read(folder, client);
            if (!status.QueueKnown)
            {
                throw new ModelException("squeue not found on PATH: without it running shards cannot be told from failed ones. Run this on a login node of the cluster.");
            }

            int[] shards = status.ToResubmit.ToArray();
            bool mergeQueued = status.MergeState is not null;
            if (shards.Length == 0 && (folder.IsMerged || (mergeQueued && status.Incomplete.Any())))
            {
                Console.Error.WriteLine(folder.IsMerged ? "slurm: every shard is done and merged; nothing to submit." : "slurm: every unfinished shard is queued and the merge waits for them; nothing to submit.");
                return ExitCodes.Success;
            }

            if (status.MergeJob is string stale && mergeQueued)
            {
                client.Cancel(stale);
                Console.Error.WriteLine($"slurm: cancelled merge job {stale} (it waited on the shards being re-submitted).");
            }

            string[] waitFor = status.Shards.Where(s => s.State == ShardState.Queued).Select(s => s.Task!).ToArray();
            if (shards.Length == 0)
            {
                string merge = ShardedJobSubmission.SubmitMerge(folder, client, waitFor);
                Console.Error.WriteLine($"slurm: every shard is done or queued; submitted merge job {merge}.");
                return ExitCodes.Success;
            }

            (string array, string mergeJob) = ShardedJobSubmission.Submit(folder, client, shards, waitFor);
            Console.Out.WriteLine(array);
            Console.Error.WriteLine($"slurm: re-submitted shards {ShardedJobSubmission.ArrayList(shards)} as array job {array}, and merge job {mergeJob} after it{(waitFor.Length > 0 ? " and " + string.Join(", ", waitFor) : "")}.");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void Print(ShardedJobStatus status, TextWriter output)
    {
        ShardedJobFolder folder = status.Folder;
        string unit = folder.Kind == "study" ? "cells" : "shard outputs";
        int done = status.Shards.Sum(s => s.CompleteOutputs), total = status.Shards.Sum(s => s.Outputs);
        output.WriteLine($"{folder.Kind} {folder.WorkDirectory}: {done} of {total} {unit} finished; {status.Shards.Count(s => s.State == ShardState.Done)} of {folder.Shards} shards done");
        if (!status.QueueKnown)
        {
            output.WriteLine("  (squeue not available: states from the files and logs only)");
        }

        foreach (ShardStatus s in status.Shards)
        {
            string state = s.State switch
            {
                ShardState.Done => "done",
                ShardState.Queued => $"queued ({s.Detail}, task {s.Task})",
                ShardState.Failed => $"FAILED (task {s.Task}: {s.Detail})",
                _ => "not submitted",
            };
            output.WriteLine($"  shard {s.Shard}: {state}, {s.CompleteOutputs} of {s.Outputs} {unit}");
            if (s.State == ShardState.Failed)
            {
                output.WriteLine($"    log {s.Log ?? "(none)"}:");
                foreach (string line in ShardedJobFolder.Tail(s.Log, TailLines))
                {
                    output.WriteLine("    | " + line);
                }
            }
        }

        string merge = folder.IsMerged
            ? $"done ({folder.MergedMarker} written)"
            : status.MergeState is string m ? $"{m} (job {status.MergeJob})" : status.MergeJob is null ? "not submitted" : $"not run or failed (job {status.MergeJob}; log {folder.LatestMergeLog() ?? "none"})";
        output.WriteLine($"  merge: {merge}");
        int[] incomplete = status.Incomplete.ToArray();
        if (incomplete.Length > 0)
        {
            output.WriteLine($"incomplete shards: {ShardedJobSubmission.ArrayList(incomplete)}");
        }

        if (status.ToResubmit.Any())
        {
            output.WriteLine($"to run the missing shards again: facecompat slurm resubmit {folder.WorkDirectory}");
        }
    }
}
