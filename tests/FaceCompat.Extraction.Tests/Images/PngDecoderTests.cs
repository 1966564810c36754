using System.IO.Compression;
using System.Text;
using FaceCompat.Data;
using FaceCompat.Extraction.Images;

namespace FaceCompat.Tests.Images;

/// <summary>A fact skipped, with a message, when libpng16 cannot be loaded.</summary>
public sealed class LibPngFactAttribute : FactAttribute
{
    public LibPngFactAttribute()
    {
        if (!PngDecoder.IsAvailable)
        {
            Skip = "libpng16.so.16 is absent: apt-get install libpng16-16 (scripts/setup-native.sh does).";
        }
    }
}

public sealed class PngDecoderTests
{
    [LibPngFact]
    public void Rgb_and_grey_pngs_decode_to_their_pixels()
    {
        byte[] rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 40, 50, 60, 70, 80, 90];
        RgbImage colour = PngDecoder.Decode(TinyPng(3, 2, 2, rgb), "colour.png");
        colour.Width.Should().Be(3);
        colour.Height.Should().Be(2);
        colour.Pixels.Should().Equal(rgb);

        RgbImage grey = PngDecoder.Decode(TinyPng(2, 1, 0, [7, 200]), "grey.png");
        grey.Pixels.Should().Equal(7, 7, 7, 200, 200, 200);
    }

    [LibPngFact]
    public void The_reader_recognises_png_by_content()
    {
        string file = Path.Combine(Path.GetTempPath(), "facecompat-" + Guid.NewGuid().ToString("N") + ".png");
        File.WriteAllBytes(file, TinyPng(1, 1, 2, [1, 2, 3]));
        try
        {
            ImageReader.Read(file).Pixels.Should().Equal(1, 2, 3);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [LibPngFact]
    public void Truncated_and_corrupt_pngs_are_data_format_exceptions_naming_the_file()
    {
        byte[] good = TinyPng(3, 2, 2, new byte[18]);
        var truncated = () => PngDecoder.Decode(good.AsSpan(0, good.Length - 20), "cut.png");
        truncated.Should().Throw<DataFormatException>().WithMessage("cut.png: *PNG*");
        byte[] corrupt = (byte[])good.Clone();
        corrupt[40] ^= 0xFF; // inside the IDAT data: the CRC no longer matches
        var broken = () => PngDecoder.Decode(corrupt, "bad.png");
        broken.Should().Throw<DataFormatException>().WithMessage("bad.png: *");
    }

    /// <summary>A minimal PNG: 8-bit, colour type 2 (RGB) or 0 (grey), filter 0 on every row, zlib IDAT.</summary>
    private static byte[] TinyPng(int width, int height, byte colourType, byte[] pixels)
    {
        int channels = colourType == 2 ? 3 : 1;
        var raw = new MemoryStream();
        for (int y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            raw.Write(pixels, y * width * channels, width * channels);
        }

        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(raw.ToArray());
        }

        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", [.. BigEndian(width), .. BigEndian(height), 8, colourType, 0, 0, 0]);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        s.Write(BigEndian(data.Length));
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        s.Write(typed);
        s.Write(BigEndian((int)Crc32(typed)));
    }

    private static byte[] BigEndian(int v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];

    private static uint Crc32(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }
}
