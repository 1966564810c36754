using FaceCompat.Extraction.Images;

namespace FaceCompat.Extraction.FaceAlignment;

/// <summary>
/// Exact bilinear warp of an RGB image into an S x S crop (RECIPE.md §4): float64, taps outside the
/// image count as black (per tap), round half up, clamp to 0..255.
/// </summary>
public static class FaceWarper
{
    public static byte[] Warp(RgbImage image, SimilarityTransform m, int size)
    {
        byte[] crop = new byte[size * size * 3];
        Warp(image, m, size, crop);
        return crop;
    }

    public static void Warp(RgbImage image, SimilarityTransform m, int size, Span<byte> crop)
    {
        double det = (m.A * m.A) + (m.B * m.B);
        double i00 = m.A / det, i01 = m.B / det, i10 = -m.B / det, i11 = m.A / det;
        int w = image.Width, h = image.Height;
        byte[] px = image.Pixels;
        for (int v = 0; v < size; v++)
        {
            for (int u = 0; u < size; u++)
            {
                double du = u - m.Tx, dv = v - m.Ty;
                double x = (i00 * du) + (i01 * dv);
                double y = (i10 * du) + (i11 * dv);
                double xf = Math.Floor(x), yf = Math.Floor(y);
                int x0 = (int)xf, y0 = (int)yf;
                double fx = x - xf, fy = y - yf;
                double w00 = (1 - fx) * (1 - fy), w01 = fx * (1 - fy), w10 = (1 - fx) * fy, w11 = fx * fy;
                int o = ((v * size) + u) * 3;
                for (int c = 0; c < 3; c++)
                {
                    double s = (w00 * Tap(px, w, h, y0, x0, c)) + (w01 * Tap(px, w, h, y0, x0 + 1, c))
                        + (w10 * Tap(px, w, h, y0 + 1, x0, c)) + (w11 * Tap(px, w, h, y0 + 1, x0 + 1, c));
                    crop[o + c] = (byte)Math.Clamp(Math.Floor(s + 0.5), 0, 255);
                }
            }
        }
    }

    private static double Tap(byte[] px, int w, int h, int r, int c, int ch)
        => (uint)r < (uint)h && (uint)c < (uint)w ? px[(((r * w) + c) * 3) + ch] : 0.0;
}
