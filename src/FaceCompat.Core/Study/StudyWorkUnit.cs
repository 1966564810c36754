namespace FaceCompat.Study;

/// <summary>
/// One fit shared by every method: a (dataset or dataset pair, source, target, seed, fitting
/// limit). It writes one cell file per method; <see cref="StudyFolder.CellPath"/> says where.
/// </summary>
public sealed record StudyWorkUnit(string? FitDataset, string EvalDataset, string Source, string Target, int? Seed, int? FitIdentityLimit)
{
    /// <summary>Whether the unit fits on another dataset than it evaluates on.</summary>
    public bool IsCross => FitDataset is not null;

    /// <summary>The unit's datasets, pair and seed, for progress lines.</summary>
    public override string ToString() =>
        $"{(IsCross ? FitDataset + "->" + EvalDataset : EvalDataset)} {Source}->{Target}{(Seed is int s ? $" seed {s}" : "")}{(FitIdentityLimit is int k ? $" ({k} fitting identities)" : "")}";
}
