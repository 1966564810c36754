namespace FaceCompat.Extraction.Images;

/// <summary>A low-level, identity-preserving change of a whole image, one of the microscale attributes.</summary>
public enum AdjustedAttribute
{
    /// <summary>Add b to every channel (clamped to 0..255); b from -50 to +50.</summary>
    Brightness,

    /// <summary>Rotate the chroma plane (YIQ) by h x 10 degrees, keeping luma; h from -4 to +4.</summary>
    Hue,

    /// <summary>s &lt; 0: Gaussian blur of sigma |s| / 2 px; s &gt; 0: unsharp mask (sigma 1 px) of amount s / 4; s from -4 to +4.</summary>
    BlurSharpen,
}

/// <summary>
/// The microscale paper's low-level transformations, applied to the decoded image before alignment
/// so that everything after them is the extraction pipeline unchanged. Each returns a new image.
/// </summary>
public static class ImageAdjustment
{
    /// <summary>The value range of each attribute (from, to): the curve runs over it in equal steps.</summary>
    public static (double From, double To) Range(AdjustedAttribute attribute) => attribute switch
    {
        AdjustedAttribute.Brightness => (-50, 50),
        AdjustedAttribute.Hue => (-4, 4),
        _ => (-4, 4),
    };

    public static RgbImage Apply(RgbImage image, AdjustedAttribute attribute, double value)
    {
        ArgumentNullException.ThrowIfNull(image);
        return attribute switch
        {
            AdjustedAttribute.Brightness => Brightness(image, value),
            AdjustedAttribute.Hue => Hue(image, value * 10.0),
            AdjustedAttribute.BlurSharpen when value < 0 => Blur(image, -value / 2.0),
            AdjustedAttribute.BlurSharpen when value > 0 => Sharpen(image, value / 4.0),
            _ => image,
        };
    }

    public static RgbImage Brightness(RgbImage image, double offset)
    {
        ArgumentNullException.ThrowIfNull(image);
        byte[] result = new byte[image.Pixels.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = Clamp(image.Pixels[i] + offset);
        }

        return new RgbImage(image.Width, image.Height, result);
    }

    /// <summary>Rotates (I, Q) of YIQ by <paramref name="degrees"/>; Y (luma) is kept.</summary>
    public static RgbImage Hue(RgbImage image, double degrees)
    {
        ArgumentNullException.ThrowIfNull(image);
        double cos = Math.Cos(degrees * Math.PI / 180.0), sin = Math.Sin(degrees * Math.PI / 180.0);
        byte[] p = image.Pixels;
        byte[] result = new byte[p.Length];
        for (int i = 0; i < p.Length; i += 3)
        {
            double r = p[i], g = p[i + 1], b = p[i + 2];
            double y = (0.299 * r) + (0.587 * g) + (0.114 * b);
            double ci = (0.596 * r) - (0.274 * g) - (0.322 * b);
            double cq = (0.211 * r) - (0.523 * g) + (0.312 * b);
            double i2 = (cos * ci) - (sin * cq);
            double q2 = (sin * ci) + (cos * cq);
            result[i] = Clamp(y + (0.956 * i2) + (0.621 * q2));
            result[i + 1] = Clamp(y - (0.272 * i2) - (0.647 * q2));
            result[i + 2] = Clamp(y - (1.106 * i2) + (1.703 * q2));
        }

        return new RgbImage(image.Width, image.Height, result);
    }

    /// <summary>Separable Gaussian blur (radius ceil(3 sigma), edges clamped).</summary>
    public static RgbImage Blur(RgbImage image, double sigma)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (sigma <= 0)
        {
            return image;
        }

        double[] blurred = GaussianBlur(image, sigma);
        byte[] result = new byte[blurred.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = Clamp(blurred[i]);
        }

        return new RgbImage(image.Width, image.Height, result);
    }

    /// <summary>Unsharp mask: x + amount (x - blur(x, 1 px)).</summary>
    public static RgbImage Sharpen(RgbImage image, double amount)
    {
        ArgumentNullException.ThrowIfNull(image);
        double[] blurred = GaussianBlur(image, 1.0);
        byte[] result = new byte[blurred.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = Clamp(image.Pixels[i] + (amount * (image.Pixels[i] - blurred[i])));
        }

        return new RgbImage(image.Width, image.Height, result);
    }

    private static double[] GaussianBlur(RgbImage image, double sigma)
    {
        int radius = (int)Math.Ceiling(3 * sigma);
        double[] kernel = new double[(2 * radius) + 1];
        for (int k = -radius; k <= radius; k++)
        {
            kernel[k + radius] = Math.Exp(-(k * k) / (2 * sigma * sigma));
        }

        double total = kernel.Sum();
        for (int k = 0; k < kernel.Length; k++)
        {
            kernel[k] /= total;
        }

        int w = image.Width, h = image.Height;
        double[] rows = new double[w * h * 3];
        double[] result = new double[w * h * 3];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    double s = 0;
                    for (int k = -radius; k <= radius; k++)
                    {
                        s += kernel[k + radius] * image.Pixels[(((y * w) + Math.Clamp(x + k, 0, w - 1)) * 3) + c];
                    }

                    rows[(((y * w) + x) * 3) + c] = s;
                }
            }
        }

        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    double s = 0;
                    for (int k = -radius; k <= radius; k++)
                    {
                        s += kernel[k + radius] * rows[(((Math.Clamp(y + k, 0, h - 1) * w) + x) * 3) + c];
                    }

                    result[(((y * w) + x) * 3) + c] = s;
                }
            }
        }

        return result;
    }

    /// <summary>Round half up, clamp to 0..255.</summary>
    private static byte Clamp(double v) => (byte)Math.Clamp(Math.Floor(v + 0.5), 0, 255);
}
