using System.Text;
using FaceCompat.Data;

namespace FaceCompat.Extraction.Images;

/// <summary>Decodes PNG through libpng's simplified API to 8-bit RGB (grey, palette and 16-bit images are converted; alpha is composited on black).</summary>
public static class PngDecoder
{
    public const string InstallHint = "libpng16.so.16 was not found: install it with 'apt-get install libpng16-16' (or run scripts/setup-native.sh).";

    public static bool IsAvailable => LibPng.IsAvailable;

    /// <summary>Decodes <paramref name="data"/>; a corrupt or truncated file raises a <see cref="DataFormatException"/>.</summary>
    public static unsafe RgbImage Decode(ReadOnlySpan<byte> data, string name)
    {
        if (!LibPng.IsAvailable)
        {
            throw new ModelException(InstallHint);
        }

        var image = new LibPng.PngImage { Version = LibPng.ImageVersion };
        try
        {
            fixed (byte* src = data)
            {
                if (LibPng.BeginReadFromMemory(ref image, src, (nuint)data.Length) == 0)
                {
                    throw new DataFormatException($"{name}: not a readable PNG ({Message(ref image)}). Re-encode or remove the file.");
                }

                if (image.Width == 0 || image.Height == 0 || (long)image.Width * image.Height > 100_000_000)
                {
                    throw new DataFormatException($"{name}: PNG size {image.Width}x{image.Height} is out of range.");
                }

                image.Format = LibPng.FormatRgb;
                byte[] pixels = new byte[checked((int)(image.Width * image.Height * 3))];
                fixed (byte* dst = pixels)
                {
                    if (LibPng.FinishRead(ref image, 0, dst, 0, 0) == 0)
                    {
                        throw new DataFormatException($"{name}: corrupt or truncated PNG ({Message(ref image)}). Re-encode or remove the file.");
                    }
                }

                return new RgbImage((int)image.Width, (int)image.Height, pixels);
            }
        }
        finally
        {
            LibPng.Free(ref image);
        }
    }

    private static unsafe string Message(ref LibPng.PngImage image)
    {
        fixed (byte* m = image.Message)
        {
            var span = new ReadOnlySpan<byte>(m, 64);
            int end = span.IndexOf((byte)0);
            return Encoding.ASCII.GetString(end < 0 ? span : span[..end]);
        }
    }
}
