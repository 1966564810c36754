using FaceCompat.LinearAlgebra;

namespace FaceCompat.Similarity;

/// <summary>
/// The angular Procrustes shape distance of Williams et al. 2021 (netrep's LinearMetric with alpha = 1,
/// score_method "angular"): centre the columns of X and Y, scale each to unit Frobenius norm, and take
/// arccos of max over orthogonal Q of tr(X^T Y Q) = ||X^T Y||_* (nuclear norm), in radians, 0..pi/2.
/// netrep zero-pads the narrower representation; padding leaves the nuclear norm unchanged.
/// </summary>
internal static class ProcrustesShape
{
    /// <summary>The angle from the cross-product Xc^T Yc (rows x columns) and the traces ||Xc||^2, ||Yc||^2.</summary>
    public static double Angle(double[] crossProduct, int rows, int columns, double traceX, double traceY, IDenseKernels kernels)
    {
        int r = Math.Min(rows, columns);
        var u = new double[rows * r];
        var s = new double[r];
        var vt = new double[r * columns];
        kernels.Svd(rows, columns, crossProduct, u, s, vt);
        double nuclear = s.Sum();
        double cosine = nuclear / Math.Sqrt(traceX * traceY);
        return Math.Acos(Math.Clamp(cosine, 0.0, 1.0));
    }
}
