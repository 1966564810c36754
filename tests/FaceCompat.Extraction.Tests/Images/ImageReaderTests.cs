using FaceCompat.Data;
using FaceCompat.Extraction.Images;

namespace FaceCompat.Tests.Images;

public sealed class ImageReaderTests
{
    private static string Lfw(string rel) => Path.Combine(SharedData.DataRoot!, "faces", "lfw", "images", rel);

    [SharedDataFact]
    public void Lfw_jpeg_decodes_to_250_by_250_rgb()
    {
        if (!JpegDecoder.IsAvailable)
        {
            return; // libturbojpeg absent: covered by the skip message of the parity test
        }

        var image = ImageReader.Read(Lfw("AJ_Cook/AJ_Cook_0001.jpg"));
        image.Width.Should().Be(250);
        image.Height.Should().Be(250);
        image.Pixels.Max().Should().BeGreaterThan((byte)200);
    }

    [SharedDataFact]
    public void Truncated_jpeg_is_a_data_format_exception()
    {
        if (!JpegDecoder.IsAvailable)
        {
            return;
        }

        byte[] data = File.ReadAllBytes(Lfw("AJ_Cook/AJ_Cook_0001.jpg"));
        var act = () => JpegDecoder.Decode(data.AsSpan(0, data.Length / 3), "cut.jpg");
        act.Should().Throw<DataFormatException>().WithMessage("cut.jpg*");
    }

    [Fact]
    public void Garbage_is_a_data_format_exception()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, [1, 2, 3, 4, 5]);
            var act = () => ImageReader.Read(file);
            act.Should().Throw<DataFormatException>();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Pgm_grey_becomes_rgb()
    {
        byte[] data = [.. "P5\n# c\n2 1\n255\n"u8.ToArray(), 7, 200];
        var image = ImageReader.DecodeNetpbm(data, "x.pgm");
        image.Pixels.Should().Equal(7, 7, 7, 200, 200, 200);
    }

    [Fact]
    public void Truncated_pgm_is_a_data_format_exception()
    {
        byte[] data = [.. "P5 4 4 255\n"u8.ToArray(), 1, 2, 3];
        var act = () => ImageReader.DecodeNetpbm(data, "t.pgm");
        act.Should().Throw<DataFormatException>().WithMessage("*truncated*");
    }

    [SharedDataFact]
    public void Orl_pgm_decodes_to_92_by_112()
    {
        var image = ImageReader.Read(Path.Combine(SharedData.DataRoot!, "faces", "orl", "images", "s1", "1.pgm"));
        image.Width.Should().Be(92);
        image.Height.Should().Be(112);
    }
}
