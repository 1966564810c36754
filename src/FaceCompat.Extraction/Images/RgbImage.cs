namespace FaceCompat.Extraction.Images;

/// <summary>An 8-bit RGB image, interleaved (HWC), row-major.</summary>
public sealed class RgbImage
{
    public RgbImage(int width, int height, byte[] pixels)
    {
        if (pixels.Length != width * height * 3)
        {
            throw new ArgumentException("pixel buffer size does not match width * height * 3", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Pixels { get; }
}
