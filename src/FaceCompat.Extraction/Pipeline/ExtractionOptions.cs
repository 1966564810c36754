using FaceCompat.Extraction.Models;

namespace FaceCompat.Extraction.Pipeline;

/// <summary>What one extraction run does.</summary>
public sealed record ExtractionOptions
{
    public required string ImagesDirectory { get; init; }

    /// <summary>Landmarks per relative image path ('/' separators), 0-based.</summary>
    public required IReadOnlyDictionary<string, double[]> Landmarks { get; init; }

    public required IReadOnlyList<ModelManifest> Models { get; init; }

    public required string ModelDirectory { get; init; }

    public required string OutputDirectory { get; init; }

    /// <summary>Restrict to these relative paths (null = every image under the folder).</summary>
    public IReadOnlyCollection<string>? OnlyPaths { get; init; }

    /// <summary>
    /// Only this shard of the sorted image list (after <see cref="OnlyPaths"/>): contiguous runs of
    /// equal image counts (<see cref="Study.StudyPartition.EqualRange"/>). Null = every image.
    /// </summary>
    public Study.WorkShard? Shard { get; init; }

    public int IntraOpThreads { get; init; } = 2;

    /// <summary>Where the models run (CPU by default).</summary>
    public Onnx.ExecutionDevice Device { get; init; }

    public int BatchSize { get; init; } = 32;

    public bool SaveCrops { get; init; }

    /// <summary>The failure reason of an image without landmarks (a detector found no face, or the file lists none).</summary>
    public string NoLandmarksReason { get; init; } = "no face: no landmarks for this image";

    /// <summary>Images per checkpoint block (rounded to whole chunks of <see cref="BatchSize"/>).</summary>
    public int CheckpointEvery { get; init; } = 512;
}

/// <summary>Progress of a run: images done (of total) and the rate.</summary>
public readonly record struct ExtractionProgress(int Done, int Total, double ImagesPerSecond);

/// <summary>An image that produced no embedding, and why.</summary>
public sealed record ExtractionFailure(string Path, string Reason);

/// <summary>The outcome of a run.</summary>
public sealed record ExtractionResult(int Embedded, IReadOnlyList<ExtractionFailure> Failures, double Seconds);
