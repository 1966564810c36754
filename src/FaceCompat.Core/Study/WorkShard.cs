using System.Globalization;

namespace FaceCompat.Study;

/// <summary>
/// One of <see cref="Count"/> parts of a piece of work (a study's work units, an extraction's image
/// list), numbered from 0 like Slurm's <c>--array=0-(n-1)</c>. Written <c>i/n</c>.
/// </summary>
public readonly record struct WorkShard
{
    /// <summary>Shard <paramref name="index"/> of <paramref name="count"/> (0 &lt;= index &lt; count).</summary>
    public WorkShard(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        Index = index;
        Count = count;
    }

    /// <summary>The shard's number, from 0.</summary>
    public int Index { get; }

    /// <summary>Number of shards.</summary>
    public int Count { get; }

    /// <summary>Parses <c>i/n</c> (0 &lt;= i &lt; n); on failure <paramref name="problem"/> says what is wrong and how to write it.</summary>
    public static bool TryParse(string? text, out WorkShard shard, out string problem)
    {
        shard = default;
        string[] parts = (text ?? string.Empty).Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            problem = $"'{text}' is not a shard; expected i/n with whole numbers, shards numbered from 0 (e.g. 0/4 ... 3/4).";
            return false;
        }

        if (count < 1)
        {
            problem = $"'{text}': the number of shards must be at least 1 (e.g. 0/4).";
            return false;
        }

        if (index >= count)
        {
            problem = $"'{text}': shard {index} does not exist; with {count} shards the index is 0 to {count - 1} (numbered from 0, like --array=0-{count - 1}).";
            return false;
        }

        shard = new WorkShard(index, count);
        problem = string.Empty;
        return true;
    }

    /// <summary>
    /// The shard of a Slurm array task: <c>SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN</c> of
    /// <c>SLURM_ARRAY_TASK_COUNT</c> (MIN defaults to 0, so arrays may start at 0 or 1). Null when
    /// the variables are absent; <paramref name="problem"/> is set when they are present but do not
    /// describe a contiguous array (e.g. a re-submitted <c>--array=1,3</c>), which needs an explicit shard.
    /// </summary>
    public static WorkShard? FromSlurmArray(Func<string, string?> environment, out string problem)
    {
        ArgumentNullException.ThrowIfNull(environment);
        problem = string.Empty;
        string? id = environment("SLURM_ARRAY_TASK_ID"), count = environment("SLURM_ARRAY_TASK_COUNT");
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(count))
        {
            return null;
        }

        string min = environment("SLURM_ARRAY_TASK_MIN") is { Length: > 0 } m ? m : "0";
        string? max = environment("SLURM_ARRAY_TASK_MAX");
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            || !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            || !int.TryParse(min, NumberStyles.None, CultureInfo.InvariantCulture, out int lo)
            || n < 1 || i < lo || i - lo >= n
            || (max is { Length: > 0 } && (!int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out int hi) || hi - lo + 1 != n)))
        {
            problem = $"SLURM_ARRAY_TASK_ID={id}, SLURM_ARRAY_TASK_MIN={min}, SLURM_ARRAY_TASK_MAX={max}, SLURM_ARRAY_TASK_COUNT={count} do not describe a contiguous array; pass --shard i/n explicitly.";
            return null;
        }

        return new WorkShard(i - lo, n);
    }

    /// <summary><c>i/n</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
