namespace FaceCompat.Extraction.Models;

/// <summary>Turns HWC RGB uint8 crops into the float32 input tensor a manifest asks for (NCHW or NHWC).</summary>
public static class TensorBuilder
{
    /// <summary>One crop (InputSize x InputSize x 3, RGB) into <paramref name="dst"/>: value = (pixel * rescale - mean) / std, planes in the manifest's channel order.</summary>
    public static void Fill(ModelManifest m, ReadOnlySpan<byte> crop, Span<float> dst)
    {
        ArgumentNullException.ThrowIfNull(m);
        int s = m.InputSize, plane = s * s;
        bool bgr = string.Equals(m.ChannelOrder, "BGR", StringComparison.OrdinalIgnoreCase);
        bool nhwc = m.Layout == "NHWC";
        for (int p = 0; p < 3; p++)
        {
            int src = bgr ? 2 - p : p;
            double mean = m.Mean[p], std = m.Std[p], rescale = m.Rescale;
            for (int i = 0; i < plane; i++)
            {
                dst[nhwc ? (i * 3) + p : (p * plane) + i] = (float)(((crop[(i * 3) + src] * rescale) - mean) / std);
            }
        }
    }

    /// <summary>The input tensor's shape for a batch of <paramref name="batch"/> crops.</summary>
    public static long[] Shape(ModelManifest m, int batch)
    {
        ArgumentNullException.ThrowIfNull(m);
        return m.Layout == "NHWC" ? [batch, m.InputSize, m.InputSize, 3] : [batch, 3, m.InputSize, m.InputSize];
    }
}
