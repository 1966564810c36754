using FaceCompat.Study;

namespace FaceCompat.Cli;

/// <summary><c>--shard i/n</c>, or the shard of the Slurm array task this runs in, with errors that name the option.</summary>
internal static class ShardArgument
{
    /// <summary>The shard given, else the Slurm array task's (said on stderr), else null (the whole work).</summary>
    public static WorkShard? Resolve(string? text, string command)
    {
        if (text is not null)
        {
            return WorkShard.TryParse(text, out WorkShard shard, out string problem)
                ? shard
                : throw new UsageException($"--shard: {problem}");
        }

        WorkShard? fromSlurm = WorkShard.FromSlurmArray(Environment.GetEnvironmentVariable, out string slurmProblem);
        if (slurmProblem.Length > 0)
        {
            throw new UsageException($"{command}: {slurmProblem}");
        }

        if (fromSlurm is WorkShard s)
        {
            Console.Error.WriteLine($"{command}: shard {s} from the Slurm array (SLURM_ARRAY_TASK_ID={Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID")}, numbered from SLURM_ARRAY_TASK_MIN)");
        }

        return fromSlurm;
    }

    /// <summary>Refuses more shards than there are items to share out.</summary>
    public static void EnsureAtMost(int shards, int items, string option, string what)
    {
        if (shards > items)
        {
            throw new UsageException($"{option}: {shards} shards but only {items} {what}; every shard needs at least one, so use at most {items} (e.g. {option} {(option == "--array" ? items.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"0/{items}")}).");
        }
    }
}
