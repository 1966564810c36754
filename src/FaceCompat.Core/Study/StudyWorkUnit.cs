namespace FaceCompat.Study;

/// <summary>
/// One fit shared by every method: a (dataset or dataset pair, source, target, seed, fitting
/// limit). It writes one cell file per method; <see cref="StudyFolder.CellPath"/> says where.
/// </summary>
public sealed record StudyWorkUnit(string? FitDataset, string EvalDataset, string Source, string Target, int? Seed, int? FitIdentityLimit)
{
    public bool IsCross => FitDataset is not null;

    public override string ToString() =>
        $"{(IsCross ? FitDataset + "->" + EvalDataset : EvalDataset)} {Source}->{Target}{(Seed is int s ? $" seed {s}" : "")}{(FitIdentityLimit is int k ? $" ({k} fitting identities)" : "")}";
}
