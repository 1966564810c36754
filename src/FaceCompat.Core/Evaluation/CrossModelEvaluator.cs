using FaceCompat.Data;

namespace FaceCompat.Evaluation;

/// <summary>
/// Scores queries (test rows seen by the source model, mapped) against the gallery (the same
/// test rows seen by the target model): identification and verification exactly as PROTOCOL.md,
/// streaming over query blocks so the N x N score matrix is never held.
/// </summary>
public static partial class CrossModelEvaluator
{
    /// <param name="queries">N x d, L2-normalised, row i = test image i through source model and map.</param>
    /// <param name="gallery">N x d, L2-normalised, row i = test image i through target model.</param>
    /// <param name="identities">Identity code of each test row (any integers).</param>
    /// <param name="options">Impostor sampling, CMC depth, kernels, threads.</param>
    public static CellMetrics Evaluate(Matrix<float> queries, Matrix<float> gallery, int[] identities, EvaluationOptions options)
        => EvaluateCore(queries, gallery, identities, options);
}
