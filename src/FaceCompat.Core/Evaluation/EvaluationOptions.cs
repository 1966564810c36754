using FaceCompat.LinearAlgebra;

namespace FaceCompat.Evaluation;

/// <summary>How <see cref="CrossModelEvaluator"/> scores a cell.</summary>
public sealed record EvaluationOptions
{
    public ImpostorSampling Impostors { get; init; } = ImpostorSampling.All;

    /// <summary>Seeds the balanced impostor sample (the split seed).</summary>
    public int Seed { get; init; }

    /// <summary>CMC curve length (Rank-1..depth).</summary>
    public int CmcDepth { get; init; } = 50;

    /// <summary>Keep the per-query outcomes (for bootstrap intervals over identities).</summary>
    public bool KeepQueryOutcomes { get; init; }

    public required IDenseKernels Kernels { get; init; }

    /// <summary>Threads for the block passes; results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}
