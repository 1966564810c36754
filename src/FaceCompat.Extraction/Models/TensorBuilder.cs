namespace FaceCompat.Extraction.Models;

/// <summary>Turns HWC RGB uint8 crops into the NCHW float32 tensor a manifest asks for.</summary>
public static class TensorBuilder
{
    public static void Fill(ModelManifest m, ReadOnlySpan<byte> crop, Span<float> dst)
    {
        int s = m.InputSize, plane = s * s;
        bool bgr = string.Equals(m.ChannelOrder, "BGR", StringComparison.OrdinalIgnoreCase);
        for (int p = 0; p < 3; p++)
        {
            int src = bgr ? 2 - p : p;
            double mean = m.Mean[p], std = m.Std[p];
            Span<float> outPlane = dst.Slice(p * plane, plane);
            for (int i = 0; i < plane; i++)
            {
                outPlane[i] = (float)((crop[(i * 3) + src] - mean) / std);
            }
        }
    }
}
