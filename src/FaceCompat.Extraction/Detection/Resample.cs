using FaceCompat.Extraction.Images;

namespace FaceCompat.Extraction.Detection;

/// <summary>Bilinear resize with aligned pixel centres (source = (destination + 0.5) / scale - 0.5, edges clamped), as OpenCV's INTER_LINEAR.</summary>
internal static class Resample
{
    public delegate void PixelSink(int x, int y, double r, double g, double b);

    public static void Bilinear(RgbImage image, int width, int height, PixelSink sink)
    {
        double sx = (double)image.Width / width, sy = (double)image.Height / height;
        byte[] p = image.Pixels;
        for (int y = 0; y < height; y++)
        {
            double fy = Math.Clamp(((y + 0.5) * sy) - 0.5, 0, image.Height - 1);
            int y0 = (int)fy, y1 = Math.Min(y0 + 1, image.Height - 1);
            double wy = fy - y0;
            for (int x = 0; x < width; x++)
            {
                double fx = Math.Clamp(((x + 0.5) * sx) - 0.5, 0, image.Width - 1);
                int x0 = (int)fx, x1 = Math.Min(x0 + 1, image.Width - 1);
                double wx = fx - x0;
                double Channel(int c) =>
                    ((1 - wy) * (((1 - wx) * p[(((y0 * image.Width) + x0) * 3) + c]) + (wx * p[(((y0 * image.Width) + x1) * 3) + c])))
                    + (wy * (((1 - wx) * p[(((y1 * image.Width) + x0) * 3) + c]) + (wx * p[(((y1 * image.Width) + x1) * 3) + c])));
                sink(x, y, Channel(0), Channel(1), Channel(2));
            }
        }
    }
}
