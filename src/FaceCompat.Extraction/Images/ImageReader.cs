using System.Collections.Immutable;
using FaceCompat.Data;

namespace FaceCompat.Extraction.Images;

/// <summary>Reads an image file by its content: JPEG (TurboJPEG), PNG (libpng) or binary PGM/PPM (managed); grey becomes RGB.</summary>
public static class ImageReader
{
    /// <summary>The file endings an image folder is searched for, lower case with the dot.</summary>
    public static readonly ImmutableArray<string> Extensions = [".jpg", ".jpeg", ".png", ".pgm", ".ppm"];

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static RgbImage Read(string path)
    {
        byte[] data = File.ReadAllBytes(path);
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8)
        {
            return JpegDecoder.Decode(data, path);
        }

        if (data.Length >= 8 && data.AsSpan(0, 8).SequenceEqual(PngSignature))
        {
            return PngDecoder.Decode(data, path);
        }

        if (data.Length >= 2 && data[0] == (byte)'P' && (data[1] == (byte)'5' || data[1] == (byte)'6'))
        {
            return DecodeNetpbm(data, path);
        }

        throw new DataFormatException($"{path}: not a JPEG, PNG or binary PGM/PPM file.");
    }

    /// <summary>Binary PGM (P5) or PPM (P6) with maxval up to 255.</summary>
    public static RgbImage DecodeNetpbm(ReadOnlySpan<byte> data, string name)
    {
        bool colour = data[1] == (byte)'6';
        int pos = 2;
        int width = ReadInt(data, ref pos, name);
        int height = ReadInt(data, ref pos, name);
        int maxVal = ReadInt(data, ref pos, name);
        pos++; // one whitespace byte after maxval
        if (width <= 0 || height <= 0 || maxVal is <= 0 or > 255)
        {
            throw new DataFormatException($"{name}: unsupported PGM/PPM header ({width}x{height}, maxval {maxVal}).");
        }

        int channels = colour ? 3 : 1;
        long needed = (long)width * height * channels;
        if (data.Length - pos < needed)
        {
            throw new DataFormatException($"{name}: truncated PGM/PPM: {data.Length - pos} pixel bytes, expected {needed}.");
        }

        byte[] pixels = new byte[width * height * 3];
        for (int i = 0; i < width * height; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                int v = data[pos + (i * channels) + (colour ? c : 0)];
                pixels[(i * 3) + c] = (byte)(maxVal == 255 ? v : Math.Min(255, ((v * 255) + (maxVal / 2)) / maxVal));
            }
        }

        return new RgbImage(width, height, pixels);
    }

    private static int ReadInt(ReadOnlySpan<byte> data, ref int pos, string name)
    {
        while (pos < data.Length && (char.IsWhiteSpace((char)data[pos]) || data[pos] == (byte)'#'))
        {
            if (data[pos] == (byte)'#')
            {
                while (pos < data.Length && data[pos] != (byte)'\n')
                {
                    pos++;
                }
            }
            else
            {
                pos++;
            }
        }

        long value = 0;
        int digits = 0;
        while (pos < data.Length && data[pos] is >= (byte)'0' and <= (byte)'9')
        {
            value = (value * 10) + (data[pos] - '0');
            pos++;
            digits++;
            if (value > int.MaxValue)
            {
                throw new DataFormatException($"{name}: PGM/PPM header number out of range.");
            }
        }

        if (digits == 0)
        {
            throw new DataFormatException($"{name}: malformed PGM/PPM header.");
        }

        return (int)value;
    }
}
