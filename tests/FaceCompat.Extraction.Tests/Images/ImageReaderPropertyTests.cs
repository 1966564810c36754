using CsCheck;
using FaceCompat.Data;
using FaceCompat.Extraction.Images;

namespace FaceCompat.Tests.Images;

/// <summary>
/// Random bytes behind each image signature, and random truncations of a valid PGM: the reader
/// decodes or throws <see cref="DataFormatException"/> naming the file (<see cref="ModelException"/>
/// only when the native decoder is not installed), never another exception.
/// </summary>
public sealed class ImageReaderPropertyTests : IDisposable
{
    private static readonly byte[][] s_signatures =
    [
        [0xFF, 0xD8, 0xFF],
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A],
        [(byte)'P', (byte)'5'],
        [(byte)'P', (byte)'6'],
        [],
    ];

    private static readonly byte[] s_validPgm = [.. "P5\n# a comment\n6 4\n255\n"u8, .. Enumerable.Range(0, 24).Select(i => (byte)(i * 10))];

    private readonly string _dir = Directory.CreateTempSubdirectory("fc-images-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Random_bytes_behind_each_signature_decode_or_raise_a_data_error() =>
        Gen.Select(Gen.Int[0, s_signatures.Length - 1], Gen.Byte.Array[0, 700], (s, rest) => (byte[])[.. s_signatures[s], .. rest])
            .Sample(Read, iter: 300, threads: 1);

    [Fact]
    public void Truncated_and_edited_pgm_headers_decode_or_raise_a_data_error() =>
        Gen.OneOf(
            Gen.Int[0, s_validPgm.Length].Select(n => s_validPgm[..n]),
            Gen.Select(Gen.Int[2, 24], Gen.Char["0123456789 #\n-x"].Array[1, 12], (at, text) => (byte[])[.. s_validPgm[..at], .. text.Select(c => (byte)c), .. s_validPgm[at..]]))
            .Sample(Read, iter: 300, threads: 1);

    private void Read(byte[] bytes)
    {
        string path = Path.Combine(_dir, "image.bin");
        File.WriteAllBytes(path, bytes);
        try
        {
            RgbImage image = ImageReader.Read(path);
            image.Width.Should().BePositive();
        }
        catch (DataFormatException e)
        {
            e.Message.Should().Contain(path);
        }
        catch (ModelException)
        {
            // TurboJPEG or libpng is not installed on this machine: the documented exit 4.
        }
    }
}
