using System.Runtime.InteropServices;
using FaceCompat.Data;

namespace FaceCompat.Extraction.Images;

/// <summary>
/// Decodes JPEG with libjpeg-turbo's TurboJPEG API, default settings (accurate integer IDCT, fancy
/// upsampling), as Pillow does; grey JPEGs come out as RGB.
/// </summary>
public static class JpegDecoder
{
    public const string InstallHint = "libturbojpeg.so.0 was not found: install it with 'apt-get install libturbojpeg0' (or run scripts/setup-native.sh).";

    public static bool IsAvailable => TurboJpeg.IsAvailable;

    /// <summary>Decodes <paramref name="data"/>; a corrupt or truncated file raises a <see cref="DataFormatException"/>.</summary>
    public static unsafe RgbImage Decode(ReadOnlySpan<byte> data, string name)
    {
        if (!TurboJpeg.IsAvailable)
        {
            throw new ModelException(InstallHint);
        }

        using var handle = new TurboJpegHandle();
        if (handle.IsInvalid)
        {
            throw new ModelException("TurboJPEG: could not create a decompressor.");
        }

        nint h = handle.DangerousGetHandle();
        fixed (byte* src = data)
        {
            if (TurboJpeg.DecompressHeader3(h, src, (nuint)data.Length, out int width, out int height, out _, out _) != 0)
            {
                throw new DataFormatException($"{name}: not a readable JPEG ({Error(h)}). Re-encode or remove the file.");
            }

            if (width <= 0 || height <= 0 || (long)width * height > 100_000_000)
            {
                throw new DataFormatException($"{name}: JPEG size {width}x{height} is out of range.");
            }

            byte[] pixels = new byte[width * height * 3];
            fixed (byte* dst = pixels)
            {
                // Warnings (e.g. a truncated stream) also return -1 in TurboJPEG 2.x: treat every failure as fatal for this file.
                if (TurboJpeg.Decompress2(h, src, (nuint)data.Length, dst, width, 0, height, TurboJpeg.PixelFormatRgb, 0) != 0)
                {
                    throw new DataFormatException($"{name}: corrupt or truncated JPEG ({Error(h)}). Re-encode or remove the file.");
                }
            }

            return new RgbImage(width, height, pixels);
        }
    }

    private static string Error(nint handle) => Marshal.PtrToStringUTF8(TurboJpeg.GetErrorStr2(handle)) ?? "unknown error";
}
