using FaceCompat.Data;
using FaceCompat.Evaluation;
using FaceCompat.Mapping;

namespace FaceCompat.Study;

/// <summary>
/// Protocol inputs on which a cell is not defined, found before any work starts (docs/errors.md):
/// a split that leaves fewer than 2 fitting rows, more <c>--fit-identities</c> than the split
/// leaves, an evaluation set with fewer than two identities (no impostor pairs) or with no
/// identity of two images (no genuine pairs, no query with a mate), a CSLS / hubness neighbourhood
/// size k larger than the evaluation set (<see cref="GalleryNeighbourhoods"/> does not clamp k). Each problem is one line naming
/// the dataset, the seed and the fix; <see cref="ThrowIfAny"/> reports them together as a
/// <see cref="DataFormatException"/> (exit code 3).
/// </summary>
public static class ProtocolChecks
{
    /// <summary>The problems of the intra-dataset protocol on <paramref name="data"/> for each seed.</summary>
    public static IEnumerable<string> Intra(DatasetFolder data, IEnumerable<int> seeds, int testPercent, IReadOnlyList<int>? fitIdentities = null, ScoringOptions? scoring = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(seeds);
        foreach (int seed in seeds)
        {
            IdentitySplit split = IdentitySplit.Create(data.Index, seed, testPercent);
            string where = $"{data.Root} (seed {seed}, --test-percent {testPercent})";
            if (split.FitRows.Length < 2)
            {
                yield return $"{where}: the split leaves {split.FitRows.Length} fitting row(s) of {split.FitIdentityCount} identities; a map needs at least 2. Use a smaller --test-percent or a dataset with more identities.";
            }

            foreach (int k in fitIdentities ?? [])
            {
                if (k > split.FitIdentityCount)
                {
                    yield return $"{where}: --fit-identities {k} is more than the {split.FitIdentityCount} fitting identities this split leaves; use values up to {split.FitIdentityCount}.";
                }
            }

            foreach (string problem in Evaluation(where, split.TestRows.Select(r => data.Index.IdentityCodes[r]), "its test split", "Use a larger --test-percent or a dataset with more identities of two images or more."))
            {
                yield return problem;
            }

            if (Neighbourhoods(where, split.TestRows.Length, "test images in its split", scoring, "or a larger --test-percent") is string tooLarge)
            {
                yield return tooLarge;
            }
        }
    }

    /// <summary>The problems of the cross-dataset protocol: fit on all of <paramref name="fit"/>, evaluate on all of <paramref name="eval"/>.</summary>
    public static IEnumerable<string> Cross(DatasetFolder fit, DatasetFolder eval, IReadOnlyList<int>? fitIdentities = null, ScoringOptions? scoring = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(eval);
        if (fit.Index.Count < 2)
        {
            yield return $"{fit.Root}: {fit.Index.Count} row(s) to fit on; a map needs at least 2.";
        }

        int identities = fit.Index.UniqueIdentities.Count;
        foreach (int k in fitIdentities ?? [])
        {
            if (k > identities)
            {
                yield return $"{fit.Root}: --fit-identities {k} is more than its {identities} identities; use values up to {identities}.";
            }
        }

        foreach (string problem in AllRows(eval, scoring))
        {
            yield return problem;
        }
    }

    /// <summary>The problems of evaluating on all rows of <paramref name="data"/> (cross-dataset protocol, adapters, audits).</summary>
    public static IEnumerable<string> AllRows(DatasetFolder data, ScoringOptions? scoring = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        IEnumerable<string> problems = Evaluation(data.Root, data.Index.IdentityCodes, "the evaluation set", "Evaluate on a dataset with at least two identities and some identity with two images or more.");
        return Neighbourhoods(data.Root, data.Index.Count, "images in the evaluation set", scoring, "") is string tooLarge ? problems.Append(tooLarge) : problems;
    }

    /// <summary>The problem of a neighbourhood size k above the number of queries (= gallery templates) of a cell, or null.</summary>
    private static string? Neighbourhoods(string where, int images, string what, ScoringOptions? scoring, string orFix) =>
        scoring is { CollectsNeighbourhoods: true } s && s.K > images
            ? $"{where}: --csls-k {s.K} is more than the {images} {what}; CSLS and the hubness statistic need k <= the number of queries and of gallery templates. Use --csls-k {images} or less{(orFix.Length > 0 ? " " + orFix : "")}."
            : null;

    /// <summary>The problems of an evaluation set with these identity codes (one per image).</summary>
    public static IEnumerable<string> Evaluation(string where, IEnumerable<int> identityCodes, string what, string fix)
    {
        ArgumentNullException.ThrowIfNull(identityCodes);
        var images = new Dictionary<int, int>();
        foreach (int code in identityCodes)
        {
            images[code] = images.GetValueOrDefault(code) + 1;
        }

        if (images.Count < 2)
        {
            yield return $"{where}: {what} has {images.Count} identit{(images.Count == 1 ? "y" : "ies")}; identification and verification need at least two (impostor pairs), so AUC, EER, TMR and Rank-k are not defined. {fix}";
        }
        else if (images.Values.All(n => n < 2))
        {
            yield return $"{where}: no identity in {what} has two images, so there are no genuine pairs and no query has a mate: AUC, EER, TMR and Rank-k are not defined. {fix}";
        }
    }

    /// <summary>Throws one <see cref="DataFormatException"/> listing every problem, if there are any.</summary>
    public static void ThrowIfAny(IEnumerable<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        string[] all = problems.Distinct(StringComparer.Ordinal).ToArray();
        if (all.Length == 1)
        {
            throw new DataFormatException(all[0]);
        }

        if (all.Length > 1)
        {
            throw new DataFormatException("the protocol is not defined on these inputs:" + Environment.NewLine + string.Join(Environment.NewLine, all.Select(p => "  - " + p)));
        }
    }
}
