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

    /// <summary>
    /// ONNX Runtime intra-op threads of each model's session. 1 (default): the cores are used by
    /// <see cref="Workers"/> instead, which measured faster on two cores (docs/extraction.md); the
    /// embeddings are bit-identical for 1 and 2 threads (all six face models, 200 LFW images).
    /// </summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>
    /// Inference workers: model runs at the same time (different models, or one model on consecutive
    /// chunks), each on a session with <see cref="IntraOpThreads"/> threads. 0 (default) = the cores over
    /// <see cref="IntraOpThreads"/>, at least 1 (1 on a GPU). The rows do not depend on it.
    /// </summary>
    public int Workers { get; init; }

    /// <summary>
    /// When set, the landmarks come from this detector (the face <see cref="Detection.FaceChoice"/> picks),
    /// run on each image as it is decoded for alignment, and <see cref="Landmarks"/> is not used. It must
    /// allow concurrent <see cref="Detection.IFaceDetector.Detect"/> calls (the detectors here do).
    /// </summary>
    public Detection.IFaceDetector? Detector { get; init; }

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
