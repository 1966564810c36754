namespace FaceCompat.Similarity;

/// <summary>
/// Linear CKA in feature space (docs/similarity.md). With K = Xc Xc^T and L = Yc Yc^T the centred linear
/// Gram matrices, tr(K L) = ||Xc^T Yc||_F^2, and centring makes K 1 = 0, so the Gram quantities of Song et
/// al.'s unbiased HSIC reduce to d x d products and squared row norms s_x = diag(K), s_y = diag(L):
/// K~ = K - diag(K), tr(K~ L~) = tr(K L) - s_x.s_y, 1^T K~ 1 = -S_x (S_x = sum s_x), K~ 1 = -s_x, and
/// n(n - 3) HSIC_u = ||Xc^T Yc||^2 - n/(n - 2) s_x.s_y + S_x S_y / ((n - 1)(n - 2)).
/// The biased estimator tr(HKH HLH)/(n - 1)^2 = ||Xc^T Yc||^2/(n - 1)^2. CKA = HSIC(K, L) / sqrt(HSIC(K, K) HSIC(L, L));
/// the constant factors cancel.
/// </summary>
internal static class LinearCka
{
    /// <summary>n(n - 3) HSIC_u from ||Xc^T Yc||_F^2, s_x.s_y and the traces S_x, S_y.</summary>
    public static double UnbiasedHsic(double crossSquared, double normProduct, double traceX, double traceY, int n) =>
        crossSquared - (n / (n - 2.0) * normProduct) + (traceX * traceY / ((n - 1.0) * (n - 2.0)));

    /// <summary>CKA from the three HSIC values; NaN when a self-HSIC is not positive (the unbiased estimate can be, on very few rows).</summary>
    public static double Cka(double xy, double xx, double yy) =>
        xx > 0 && yy > 0 ? xy / Math.Sqrt(xx * yy) : double.NaN;

    /// <summary>Sum of squares of the values.</summary>
    public static double SquaredFrobenius(ReadOnlySpan<double> values)
    {
        double s = 0;
        foreach (double v in values)
        {
            s += v * v;
        }

        return s;
    }
}
