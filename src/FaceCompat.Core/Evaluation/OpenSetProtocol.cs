using FaceCompat.Data;
using FaceCompat.Mapping;

namespace FaceCompat.Evaluation;

/// <summary>
/// The NIST FRTE 1:N open-set protocol on a cell's test images (docs/metrics.md, Open-set
/// identification). The distinct identities, in ascending order, are keyed exactly as
/// <see cref="IdentitySplit.TestIdentities"/> keys them; the first max(1, n * nonMatedPercent / 100)
/// are the non-mated identities (never enrolled; every image of theirs is a non-mated search), the
/// rest are enrolled. Each enrolled identity enrols one image, its lowest row; its other rows are its
/// mated searches. An enrolled identity with a single image is enrolled without a mated search.
/// </summary>
public sealed class OpenSetProtocol
{
    private OpenSetProtocol(int[] enrolledRows, int[] matedRows, int[] matedColumns, int[] nonMatedRows, int nonMatedIdentities)
    {
        EnrolledRows = enrolledRows;
        MatedSearchRows = matedRows;
        MateColumns = matedColumns;
        NonMatedSearchRows = nonMatedRows;
        NonMatedIdentityCount = nonMatedIdentities;
    }

    /// <summary>Rows enrolled in the gallery, one per enrolled identity, ascending.</summary>
    public int[] EnrolledRows { get; }

    /// <summary>Rows searched whose identity is enrolled, ascending.</summary>
    public int[] MatedSearchRows { get; }

    /// <summary>For each mated search, the index into <see cref="EnrolledRows"/> of its mate.</summary>
    public int[] MateColumns { get; }

    /// <summary>Rows searched whose identity is not enrolled, ascending.</summary>
    public int[] NonMatedSearchRows { get; }

    /// <summary>Identities held out of enrolment (their images are the non-mated searches).</summary>
    public int NonMatedIdentityCount { get; }

    /// <exception cref="DataFormatException">Fewer than two identities, or no enrolled identity with a second image (no mated search).</exception>
    public static OpenSetProtocol Create(ReadOnlySpan<int> identities, int seed, int nonMatedPercent = 30)
    {
        if (nonMatedPercent is < 1 or > 99)
        {
            throw new ArgumentOutOfRangeException(nameof(nonMatedPercent), nonMatedPercent, "The non-mated share must be between 1 and 99 percent of the identities.");
        }

        int[] distinct = identities.ToArray().Distinct().Order().ToArray();
        if (distinct.Length < 2)
        {
            throw new DataFormatException($"open-set identification needs at least 2 test identities (one enrolled, one not), found {distinct.Length}; use a larger test share or dataset.");
        }

        bool[] nonMated = IdentitySplit.TestIdentities(distinct.Length, seed, nonMatedPercent);
        return Create(identities, distinct, nonMated);
    }

    /// <summary>The protocol with the non-mated identities given (<paramref name="nonMated"/>[c] for identity <paramref name="distinct"/>[c]).</summary>
    internal static OpenSetProtocol Create(ReadOnlySpan<int> identities, int[] distinct, bool[] nonMated)
    {
        if (!nonMated.Contains(true) || !nonMated.Contains(false))
        {
            throw new DataFormatException("open-set identification needs at least one enrolled and one non-mated identity.");
        }

        var codeOf = new Dictionary<int, int>(distinct.Length);
        for (int c = 0; c < distinct.Length; c++)
        {
            codeOf[distinct[c]] = c;
        }

        int[] columnOf = new int[distinct.Length];
        Array.Fill(columnOf, -1);
        var enrolled = new List<int>();
        var mated = new List<int>();
        var mates = new List<int>();
        var nonMatedRows = new List<int>();
        for (int r = 0; r < identities.Length; r++)
        {
            int c = codeOf[identities[r]];
            if (nonMated[c])
            {
                nonMatedRows.Add(r);
            }
            else if (columnOf[c] < 0)
            {
                columnOf[c] = enrolled.Count;
                enrolled.Add(r);
            }
            else
            {
                mated.Add(r);
                mates.Add(columnOf[c]);
            }
        }

        if (mated.Count == 0)
        {
            throw new DataFormatException($"open-set identification needs an enrolled identity with at least 2 images (one enrolled, one searched); none of the {enrolled.Count} enrolled identities has one.");
        }

        return new OpenSetProtocol(enrolled.ToArray(), mated.ToArray(), mates.ToArray(), nonMatedRows.ToArray(), nonMated.Count(x => x));
    }
}
