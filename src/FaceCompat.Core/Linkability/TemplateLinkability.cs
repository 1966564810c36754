namespace FaceCompat.Linkability;

/// <summary>
/// How linkable two template databases of the same people are (<see cref="LinkabilityMeasure"/>),
/// for two definitions of a mated pair: records of different captures of the person (the usual
/// case: each system enrolled its own image) and records of the same capture enrolled in both.
/// </summary>
public sealed record TemplateLinkability
{
    /// <summary>Mated = same identity, different images (i != j).</summary>
    public required LinkabilityResult OtherCapture { get; init; }

    /// <summary>Mated = the same image in both systems (i = j); null when there are fewer than 10 images.</summary>
    public LinkabilityResult? SameCapture { get; init; }
}
