using FaceCompat.Data;

namespace FaceCompat.Mapping;

/// <summary>
/// A map fitted between two embedding spaces (PROTOCOL.md, Preprocessing and Maps), with what it
/// needs to be applied to new rows: both fitting means and the weights.
/// <para>
/// Zero-padding is implicit: <see cref="Weights"/> is the d_s x d_t block of the protocol's
/// D x D matrix that can reach the score. For <see cref="MapMethod.Baseline"/> and
/// <see cref="MapMethod.Procrustes"/> the full D x D map is orthogonal, so a mapped row keeps the
/// norm of its padded input (<see cref="PreservesNorm"/>); its cosine with a target row is
/// (x W)·g / (|x| |g|), exactly as with the padded matrices. Linear and ridge maps have zero
/// columns beyond d_t, so the mapped row is normalised by its own norm.
/// </para>
/// </summary>
public sealed partial class FittedMap
{
    /// <summary>The method that fitted the map.</summary>
    public required MapMethod Method { get; init; }

    /// <summary>Ridge lambda; 0 for the other methods.</summary>
    public double Lambda { get; init; }

    /// <summary>Mean of the L2-normalised source rows the map was fitted on (length d_s).</summary>
    public required double[] SourceMean { get; init; }

    /// <summary>Mean of the L2-normalised target rows the map was fitted on (length d_t).</summary>
    public required double[] TargetMean { get; init; }

    /// <summary>The d_s x d_t block of W (mapped = x W).</summary>
    public required Matrix<double> Weights { get; init; }

    /// <summary>Whether the full padded map is orthogonal (baseline, Procrustes): |x W_full| = |x|.</summary>
    public required bool PreservesNorm { get; init; }

    /// <summary>The MLP adapter's residual (added to x W before the row is normalised); null for the linear methods.</summary>
    public MlpResidual? Residual { get; init; }

    /// <summary>The settings the MLP adapter was trained with; null for the linear methods.</summary>
    public MlpOptions? MlpSettings { get; init; }

    /// <summary>What the MLP adapter's early stopping did; null for the linear methods and for adapters read from files that do not say.</summary>
    public MlpTrainingReport? MlpTraining { get; init; }

    /// <summary>Dimension of the source embeddings it takes.</summary>
    public int SourceDimension => SourceMean.Length;

    /// <summary>Dimension of the target embeddings it produces.</summary>
    public int TargetDimension => TargetMean.Length;
}
