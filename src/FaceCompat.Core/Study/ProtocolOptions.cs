using FaceCompat.Evaluation;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Study;

/// <summary>Options of one protocol run (PROTOCOL.md defaults).</summary>
public sealed record ProtocolOptions
{
    /// <summary>The ridge method's lambda.</summary>
    public double RidgeLambda { get; init; } = 0.1;

    /// <summary>Percentage of identities held out for testing.</summary>
    public int TestPercent { get; init; } = 30;

    /// <summary>Which impostor pairs verification scores.</summary>
    public ImpostorSampling Impostors { get; init; } = ImpostorSampling.All;

    /// <summary>Fit on only this many fitting identities (the training-size experiment); null = all.</summary>
    public int? FitIdentityLimit { get; init; }

    /// <summary>Keep each query's outcome in the cells (for bootstrap intervals).</summary>
    public bool KeepQueryOutcomes { get; init; }

    /// <summary>See <see cref="EvaluationOptions.LeaveOneOut"/>.</summary>
    public bool LeaveOneOut { get; init; }

    /// <summary>Also measure template linkability (<see cref="Linkability.LinkabilityAudit"/>) with this prior ratio; null = not measured.</summary>
    public double? LinkabilityOmega { get; init; }

    /// <summary>Bootstrap resamples for D_sys's 95 % interval (0: none); seeded by the split seed.</summary>
    public int LinkabilityBootstrap { get; init; }

    /// <summary>
    /// Also measure representation similarity (CKA, mutual k-NN, Procrustes angle, each with its
    /// permutation null) of the raw test embeddings; the permutations are seeded by the split seed
    /// (<see cref="Similarity.SimilarityOptions.Seed"/> is ignored). Null = not measured.
    /// </summary>
    public Similarity.SimilarityOptions? Similarity { get; init; }

    /// <summary>Also run open-set identification (docs/metrics.md) with these settings; null = not measured.</summary>
    public OpenSetOptions? OpenSet { get; init; }

    /// <summary>Cosine or CSLS scoring and the hubness statistic (<see cref="EvaluationOptions.Scoring"/>).</summary>
    public ScoringOptions Scoring { get; init; } = ScoringOptions.Cosine;

    /// <summary>Settings of the mlp method (used only when it is among the methods).</summary>
    public Mapping.MlpOptions Mlp { get; init; } = new();

    /// <summary>The dense kernels for fitting and scoring.</summary>
    public required IDenseKernels Kernels { get; init; }
}

/// <summary>Settings of the open-set protocol: the non-mated share of the test identities and the candidate-list length R.</summary>
public sealed record OpenSetOptions(int NonMatedPercent = 30, int Rank = OpenSetIdentification.DefaultRank);
