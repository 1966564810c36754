using FaceCompat.Data;

namespace FaceCompat.Evaluation;

public static partial class CrossModelEvaluator
{
    private static CellMetrics EvaluateCore(Matrix<float> queries, Matrix<float> gallery, int[] identities, EvaluationOptions options)
        => throw new NotSupportedException("in progress");
}
