using FaceCompat.LinearAlgebra;

namespace FaceCompat.Evaluation;

/// <summary>How <see cref="CrossModelEvaluator"/> scores a cell.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Which impostor pairs verification scores (all, or a seeded balanced sample).</summary>
    public ImpostorSampling Impostors { get; init; } = ImpostorSampling.All;

    /// <summary>Seeds the balanced impostor sample (the split seed).</summary>
    public int Seed { get; init; }

    /// <summary>CMC curve length (Rank-1..depth).</summary>
    public int CmcDepth { get; init; } = 50;

    /// <summary>Keep the per-query outcomes (for bootstrap intervals over identities).</summary>
    public bool KeepQueryOutcomes { get; init; }

    /// <summary>
    /// Leave-one-out identification: each query's own image is left out of the gallery and its
    /// relevant set, and queries whose identity has no other image are not counted (an own-space
    /// check with source = target would otherwise rank its own image first). Verification is
    /// unchanged (pairs i &lt; j never contain the query's own image).
    /// </summary>
    public bool LeaveOneOut { get; init; }

    /// <summary>
    /// Cosine or CSLS scoring of identification and verification, and the hubness statistic
    /// (docs/metrics.md, Hubness). The neighbourhoods are taken over the whole query and gallery sets,
    /// the query's own gallery image included (also with <see cref="LeaveOneOut"/>).
    /// </summary>
    public ScoringOptions Scoring { get; init; } = ScoringOptions.Cosine;

    /// <summary>The dense kernels that compute the score blocks.</summary>
    public required IDenseKernels Kernels { get; init; }

    /// <summary>Threads for the block passes; results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}
