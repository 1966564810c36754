namespace FaceCompat.Evaluation;

/// <summary>Rows grouped by identity: the relevant gallery rows of each query, in ascending row order.</summary>
internal sealed class IdentityGroups
{
    private readonly int[] _members;
    private readonly int[] _groupStart;
    private readonly int[] _groupOfRow;

    private IdentityGroups(int[] members, int[] groupStart, int[] groupOfRow)
    {
        _members = members;
        _groupStart = groupStart;
        _groupOfRow = groupOfRow;
    }

    public int GroupCount => _groupStart.Length - 1;

    public int LargestGroup { get; private init; }

    public static IdentityGroups Build(ReadOnlySpan<int> identities)
    {
        var codes = new Dictionary<int, int>();
        int[] groupOfRow = new int[identities.Length];
        for (int i = 0; i < identities.Length; i++)
        {
            if (!codes.TryGetValue(identities[i], out int g))
            {
                g = codes.Count;
                codes[identities[i]] = g;
            }

            groupOfRow[i] = g;
        }

        int[] groupStart = new int[codes.Count + 1];
        foreach (int g in groupOfRow)
        {
            groupStart[g + 1]++;
        }

        int largest = 0;
        for (int g = 0; g < codes.Count; g++)
        {
            largest = Math.Max(largest, groupStart[g + 1]);
            groupStart[g + 1] += groupStart[g];
        }

        int[] fill = groupStart[..^1].ToArray();
        int[] members = new int[identities.Length];
        for (int i = 0; i < identities.Length; i++)
        {
            members[fill[groupOfRow[i]]++] = i;
        }

        return new IdentityGroups(members, groupStart, groupOfRow) { LargestGroup = largest };
    }

    /// <summary>The group (0 .. <see cref="GroupCount"/> - 1, in order of first appearance) of a row.</summary>
    public int GroupOf(int row) => _groupOfRow[row];

    /// <summary>Rows sharing row <paramref name="row"/>'s identity (itself included), ascending.</summary>
    public ReadOnlySpan<int> RelevantTo(int row)
    {
        int g = _groupOfRow[row];
        return _members.AsSpan(_groupStart[g], _groupStart[g + 1] - _groupStart[g]);
    }

    /// <summary>Number of genuine pairs i &lt; j: the sum over identities of n(n-1)/2.</summary>
    public long GenuinePairCount()
    {
        long total = 0;
        for (int g = 0; g < GroupCount; g++)
        {
            long n = _groupStart[g + 1] - _groupStart[g];
            total += n * (n - 1) / 2;
        }

        return total;
    }
}
