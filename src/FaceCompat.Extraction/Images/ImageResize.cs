namespace FaceCompat.Extraction.Images;

/// <summary>The resampling filter of <see cref="ImageResize"/>.</summary>
public enum ResizeFilter
{
    /// <summary>Triangle filter, support 1 (Pillow's BILINEAR).</summary>
    Bilinear,

    /// <summary>Keys cubic, a = -0.5, support 2 (Pillow's BICUBIC).</summary>
    Bicubic,
}

/// <summary>
/// Resizes 8-bit RGB images exactly as Pillow's <c>Image.resize</c> (libImaging/Resample.c), which is
/// what Hugging Face image processors call: separable convolution, horizontal pass first, the filter
/// widened by the scale when shrinking (antialiasing), sample centres at (i + 0.5) * scale, weights
/// normalised per output pixel and rounded to 22-bit fixed point, each pass rounded and clipped to
/// 0..255. A pass whose size does not change is skipped, as Pillow skips it.
/// </summary>
public static class ImageResize
{
    private const int PrecisionBits = 32 - 8 - 2;

    /// <summary>The image resized to <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static RgbImage Resize(RgbImage image, int width, int height, ResizeFilter filter)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        RgbImage result = image;
        if (width != image.Width)
        {
            result = Pass(result, width, filter, horizontal: true);
        }

        if (height != image.Height)
        {
            result = Pass(result, height, filter, horizontal: false);
        }

        return ReferenceEquals(result, image) ? new RgbImage(image.Width, image.Height, (byte[])image.Pixels.Clone()) : result;
    }

    /// <summary>
    /// The shorter side resized to <paramref name="shorter"/> (the longer one to floor(shorter * long / short),
    /// as transformers' get_resize_output_image_size), then the centre <paramref name="crop"/> x <paramref name="crop"/>
    /// cut out at top = floor((h - crop) / 2), left = floor((w - crop) / 2), as transformers' center_crop.
    /// </summary>
    public static RgbImage ResizeShorterThenCentreCrop(RgbImage image, int shorter, int crop, ResizeFilter filter)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(crop, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(shorter, crop);
        bool wide = image.Width >= image.Height;
        int shortSide = wide ? image.Height : image.Width, longSide = wide ? image.Width : image.Height;
        int newLong = (int)((long)shorter * longSide / shortSide);
        RgbImage resized = wide ? Resize(image, newLong, shorter, filter) : Resize(image, shorter, newLong, filter);
        int top = (resized.Height - crop) / 2, left = (resized.Width - crop) / 2;
        byte[] pixels = new byte[crop * crop * 3];
        for (int y = 0; y < crop; y++)
        {
            resized.Pixels.AsSpan((((top + y) * resized.Width) + left) * 3, crop * 3).CopyTo(pixels.AsSpan(y * crop * 3, crop * 3));
        }

        return new RgbImage(crop, crop, pixels);
    }

    private static double Kernel(ResizeFilter filter, double x)
    {
        x = Math.Abs(x);
        if (filter == ResizeFilter.Bilinear)
        {
            return x < 1 ? 1 - x : 0;
        }

        const double a = -0.5;
        return x < 1 ? ((((a + 2) * x) - (a + 3)) * x * x) + 1
            : x < 2 ? ((((x - 5) * x) + 8) * x - 4) * a
            : 0;
    }

    /// <summary>One separable pass along x (<paramref name="horizontal"/>) or y, Pillow's precompute_coeffs and ImagingResample{Horizontal,Vertical}_8bpc.</summary>
    private static RgbImage Pass(RgbImage image, int outSize, ResizeFilter filter, bool horizontal)
    {
        int inSize = horizontal ? image.Width : image.Height;
        double scale = (double)inSize / outSize;
        double filterScale = Math.Max(scale, 1.0);
        double support = (filter == ResizeFilter.Bilinear ? 1.0 : 2.0) * filterScale;
        int kernelSize = ((int)Math.Ceiling(support) * 2) + 1;
        int[] bounds = new int[outSize * 2];
        int[] coefficients = new int[outSize * kernelSize];
        double[] k = new double[kernelSize];
        for (int o = 0; o < outSize; o++)
        {
            double centre = (o + 0.5) * scale;
            int min = Math.Max(0, (int)(centre - support + 0.5));
            int count = Math.Min(inSize, (int)(centre + support + 0.5)) - min;
            double sum = 0;
            for (int i = 0; i < count; i++)
            {
                k[i] = Kernel(filter, (i + min - centre + 0.5) / filterScale);
                sum += k[i];
            }

            for (int i = 0; i < count; i++)
            {
                double w = sum != 0 ? k[i] / sum : k[i];
                coefficients[(o * kernelSize) + i] = (int)(w * (1 << PrecisionBits) + (w < 0 ? -0.5 : 0.5));
            }

            bounds[o * 2] = min;
            bounds[(o * 2) + 1] = count;
        }

        int width = horizontal ? outSize : image.Width, height = horizontal ? image.Height : outSize;
        byte[] src = image.Pixels, dst = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int o = horizontal ? x : y;
                int min = bounds[o * 2], count = bounds[(o * 2) + 1];
                ReadOnlySpan<int> c = coefficients.AsSpan(o * kernelSize, count);
                for (int ch = 0; ch < 3; ch++)
                {
                    long acc = 1L << (PrecisionBits - 1);
                    for (int i = 0; i < count; i++)
                    {
                        int at = horizontal ? (((y * image.Width) + min + i) * 3) + ch : ((((min + i) * image.Width) + x) * 3) + ch;
                        acc += (long)src[at] * c[i];
                    }

                    dst[(((y * width) + x) * 3) + ch] = (byte)Math.Clamp(acc >> PrecisionBits, 0, 255);
                }
            }
        }

        return new RgbImage(width, height, dst);
    }
}
