using FaceCompat.Data;
using FaceCompat.Randomness;

namespace FaceCompat.Mapping;

/// <summary>
/// The identity-disjoint split of PROTOCOL.md: unique identities in ordinal order, keyed by
/// splitmix64((seed &lt;&lt; 32) | i), ordered by (key, i); the first max(1, n * testPercent / 100)
/// are test identities, the rest fit the map. Rows keep their dataset order.
/// </summary>
public sealed class IdentitySplit
{
    private IdentitySplit(int seed, int testPercent, int[] fitRows, int[] testRows, int fitIdentities, int testIdentities)
    {
        Seed = seed;
        TestPercent = testPercent;
        FitRows = fitRows;
        TestRows = testRows;
        FitIdentityCount = fitIdentities;
        TestIdentityCount = testIdentities;
    }

    /// <summary>The seed of the split's identity order.</summary>
    public int Seed { get; }

    /// <summary>Percentage of identities held out for testing.</summary>
    public int TestPercent { get; }

    /// <summary>Dataset rows whose identity fits the map, ascending.</summary>
    public int[] FitRows { get; }

    /// <summary>Dataset rows whose identity is held out for testing, ascending.</summary>
    public int[] TestRows { get; }

    /// <summary>Identities in the fit part.</summary>
    public int FitIdentityCount { get; }

    /// <summary>Identities in the test part.</summary>
    public int TestIdentityCount { get; }

    /// <summary>Splits the index's identities (not images) into fit and test parts by the seeded order the class describes.</summary>
    public static IdentitySplit Create(DatasetIndex index, int seed, int testPercent = 30)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (testPercent is < 1 or > 99)
        {
            throw new ArgumentOutOfRangeException(nameof(testPercent), testPercent, "The test share must be between 1 and 99 percent.");
        }

        bool[] isTest = TestIdentities(index.UniqueIdentities.Count, seed, testPercent);
        int[] codes = index.IdentityCodes;
        var fit = new List<int>(codes.Length);
        var test = new List<int>(codes.Length);
        for (int r = 0; r < codes.Length; r++)
        {
            (isTest[codes[r]] ? test : fit).Add(r);
        }

        int nTest = isTest.Count(t => t);
        return new IdentitySplit(seed, testPercent, fit.ToArray(), test.ToArray(), isTest.Length - nTest, nTest);
    }

    /// <summary>For identity codes 0..n-1 (ordinal order), whether each is a test identity.</summary>
    public static bool[] TestIdentities(int identityCount, int seed, int testPercent)
    {
        ulong high = (ulong)(uint)seed << 32;
        var keyed = new (ulong Key, int Index)[identityCount];
        for (int i = 0; i < identityCount; i++)
        {
            keyed[i] = (SplitMix64.Mix(high | (uint)i), i);
        }

        Array.Sort(keyed, static (a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Index.CompareTo(b.Index));
        int nTest = Math.Max(1, identityCount * testPercent / 100);
        bool[] isTest = new bool[identityCount];
        for (int i = 0; i < nTest && i < identityCount; i++)
        {
            isTest[keyed[i].Index] = true;
        }

        return isTest;
    }

    /// <summary>
    /// The identity-disjoint halves of fitting rows (the unpaired methods' harder variant, docs/unpaired.md): the
    /// distinct codes of <paramref name="identityCodes"/> in ascending order are split by <see cref="TestIdentities"/>
    /// at 50 % with the seed splitmix64(0x48414C46 ^ seed) (so the halves' order differs from the test split's);
    /// the held-out floor(n / 2) identities' rows are the second half, the other identities' rows the first. Each
    /// half lists row positions (indices into <paramref name="identityCodes"/>) ascending; together they cover
    /// every row once and share no identity.
    /// </summary>
    /// <exception cref="DataFormatException">Fewer than 2 distinct identities.</exception>
    public static (int[] First, int[] Second) DisjointHalves(IReadOnlyList<int> identityCodes, int seed)
    {
        ArgumentNullException.ThrowIfNull(identityCodes);
        int[] distinct = identityCodes.Distinct().Order().ToArray();
        if (distinct.Length < 2)
        {
            throw new DataFormatException(
                $"identity-disjoint fitting splits the fitting identities in two halves and needs at least 2 of them; found {distinct.Length}. Use more fitting identities (--fit-identities).");
        }

        int halfSeed = (int)(SplitMix64.Mix(0x48414C46UL ^ (uint)seed) & int.MaxValue);
        bool[] second = TestIdentities(distinct.Length, halfSeed, 50);
        var secondCodes = new HashSet<int>(distinct.Where((_, i) => second[i]));
        var a = new List<int>(identityCodes.Count);
        var b = new List<int>(identityCodes.Count);
        for (int r = 0; r < identityCodes.Count; r++)
        {
            (secondCodes.Contains(identityCodes[r]) ? b : a).Add(r);
        }

        return (a.ToArray(), b.ToArray());
    }
}
