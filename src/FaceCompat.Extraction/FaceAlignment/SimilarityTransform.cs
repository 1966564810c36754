namespace FaceCompat.Extraction.FaceAlignment;

/// <summary>
/// A 2x3 forward similarity (image -> crop): crop = [[a, -b, tx], [b, a, ty]] · [x, y, 1].
/// </summary>
public readonly record struct SimilarityTransform(double A, double B, double Tx, double Ty)
{
    /// <summary>The ArcFace 112x112 template (left eye, right eye, nose, left mouth, right mouth), 0-based pixel centres.</summary>
    public static ReadOnlySpan<double> ArcFace112 => [38.2946, 51.6963, 73.5318, 51.5014, 56.0252, 71.7366, 41.5493, 92.3655, 70.7299, 92.2041];

    /// <summary>
    /// Least-squares similarity (uniform scale, rotation with det +1, translation) from the 5 points
    /// <paramref name="src"/> to <paramref name="dst"/> (x0, y0, x1, y1, ...). Same result as Umeyama 1991
    /// with the no-reflection correction: the optimal rotation in SO(2) is atan2(A10 - A01, A00 + A11).
    /// </summary>
    public static SimilarityTransform Estimate(ReadOnlySpan<double> src, ReadOnlySpan<double> dst)
    {
        int n = src.Length / 2;
        double msx = 0, msy = 0, mdx = 0, mdy = 0;
        for (int i = 0; i < n; i++)
        {
            msx += src[2 * i];
            msy += src[(2 * i) + 1];
            mdx += dst[2 * i];
            mdy += dst[(2 * i) + 1];
        }

        msx /= n;
        msy /= n;
        mdx /= n;
        mdy /= n;
        double sxx = 0, num1 = 0, num2 = 0;
        for (int i = 0; i < n; i++)
        {
            double x = src[2 * i] - msx, y = src[(2 * i) + 1] - msy;
            double u = dst[2 * i] - mdx, v = dst[(2 * i) + 1] - mdy;
            sxx += (x * x) + (y * y);
            num1 += (u * x) + (v * y);
            num2 += (v * x) - (u * y);
        }

        double a = num1 / sxx, b = num2 / sxx;
        return new SimilarityTransform(a, b, mdx - ((a * msx) - (b * msy)), mdy - ((b * msx) + (a * msy)));
    }

    /// <summary>The same transform for a crop <paramref name="k"/> times larger.</summary>
    public SimilarityTransform Scaled(double k) => new(A * k, B * k, Tx * k, Ty * k);

    public (double X, double Y) Apply(double x, double y) => ((A * x) - (B * y) + Tx, (B * x) + (A * y) + Ty);
}
