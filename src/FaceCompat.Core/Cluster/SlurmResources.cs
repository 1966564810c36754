namespace FaceCompat.Cluster;

/// <summary>What each task of a job asks Slurm for; null = the cluster's default (the directive is left out).</summary>
public sealed record SlurmResources
{
    /// <summary>The partition to submit to.</summary>
    public string? Partition { get; init; }

    /// <summary>Wall-time limit per task, in any form sbatch accepts (e.g. 30, 2:00:00, 1-00:00:00).</summary>
    public string? Time { get; init; }

    /// <summary>Memory per node, e.g. 8G.</summary>
    public string? Memory { get; init; }

    /// <summary>CPUs per task.</summary>
    public int? Cpus { get; init; }

    /// <summary>GPUs per task (array tasks only; the merge needs none).</summary>
    public int? Gpus { get; init; }

    /// <summary>The account to charge.</summary>
    public string? Account { get; init; }
}
