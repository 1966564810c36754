using FaceCompat.Mapping;

namespace FaceCompat.Study;

/// <summary>
/// One fit shared by every method: a (dataset or dataset pair, source, target, seed, fitting
/// limit). It writes one cell file per method; <see cref="CellPath"/> says where.
/// </summary>
public sealed record StudyWorkUnit(string? FitDataset, string EvalDataset, string Source, string Target, int? Seed, int? FitIdentityLimit)
{
    public bool IsCross => FitDataset is not null;

    /// <summary>The cell file of <paramref name="method"/>, relative to the study folder.</summary>
    public string CellPath(MapMethod method)
    {
        string datasetPart = IsCross ? $"{FitDataset}_to_{EvalDataset}" : EvalDataset;
        string file = IsCross ? "cross" : $"seed-{Seed}";
        if (FitIdentityLimit is int k)
        {
            file += $".fit-{k}";
        }

        return Path.Combine("cells", datasetPart, $"{Source}__{Target}", method.ToName(), file + ".json");
    }

    public override string ToString() =>
        $"{(IsCross ? FitDataset + "->" + EvalDataset : EvalDataset)} {Source}->{Target}{(Seed is int s ? $" seed {s}" : "")}{(FitIdentityLimit is int k ? $" ({k} fitting identities)" : "")}";
}
