using System.Text;
using FaceCompat.Data;

namespace FaceCompat.Tests.Data;

public sealed class NpyFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fc-npy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Float32_matrix_round_trips()
    {
        var m = new Matrix<float>(3, 4, Enumerable.Range(0, 12).Select(i => i * 0.5f - 2f).ToArray());
        string path = Path.Combine(_dir, "a.npy");
        NpyFile.Write(path, m);
        Matrix<float> back = NpyFile.ReadSingle(path);
        back.Rows.Should().Be(3);
        back.Columns.Should().Be(4);
        back.ToArray().Should().Equal(m.ToArray());
    }

    [Fact]
    public void Float64_reads_as_float32_and_header_is_64_byte_aligned()
    {
        var m = new Matrix<double>(2, 2, [1.0, -2.5, 3.25, 1e-3]);
        string path = Path.Combine(_dir, "d.npy");
        NpyFile.Write(path, m);
        ((new FileInfo(path).Length - 32) % 64).Should().Be(0);
        NpyFile.ReadSingle(path).ToArray().Should().Equal(1f, -2.5f, 3.25f, 1e-3f);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Version_2_and_3_headers_are_read(int version)
    {
        string path = Path.Combine(_dir, $"v{version}.npy");
        WriteRaw(path, version, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2), }", [1f, 2f]);
        NpyFile.ReadSingle(path).ToArray().Should().Equal(1f, 2f);
    }

    [Fact]
    public void Fortran_order_is_refused_with_the_fix()
    {
        string path = Path.Combine(_dir, "f.npy");
        WriteRaw(path, 1, "{'descr': '<f4', 'fortran_order': True, 'shape': (1, 2), }", [1f, 2f]);
        Action act = () => NpyFile.ReadSingle(path);
        act.Should().Throw<DataFormatException>().WithMessage($"{path}: *Fortran*ascontiguousarray*");
    }

    [Fact]
    public void Wrong_dtype_is_refused_with_the_fix()
    {
        string path = Path.Combine(_dir, "i.npy");
        WriteRaw(path, 1, "{'descr': '<i4', 'fortran_order': False, 'shape': (1, 2), }", [1f, 2f]);
        Action act = () => NpyFile.ReadSingle(path);
        act.Should().Throw<DataFormatException>().WithMessage($"{path}: dtype '<i4'*astype*");
    }

    [Fact]
    public void Truncated_file_says_how_many_bytes_are_missing()
    {
        string path = Path.Combine(_dir, "t.npy");
        WriteRaw(path, 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }", [1f, 2f]);
        Action act = () => NpyFile.ReadSingle(path);
        act.Should().Throw<DataFormatException>().WithMessage($"{path}: the file is truncated*needs 24 data bytes, found 8*");
    }

    [Fact]
    public void Not_an_npy_file_is_named()
    {
        string path = Path.Combine(_dir, "x.npy");
        File.WriteAllText(path, "hello");
        Action act = () => NpyFile.ReadSingle(path);
        act.Should().Throw<DataFormatException>().WithMessage($"{path}: not a NumPy .npy file*");
    }

    [Fact]
    public void Npz_round_trips_every_member()
    {
        string path = Path.Combine(_dir, "a.npz");
        var arrays = new Dictionary<string, Matrix<float>>
        {
            ["x"] = new Matrix<float>(1, 3, [1f, 2f, 3f]),
            ["y"] = new Matrix<float>(2, 1, [4f, 5f]),
        };
        NpzFile.Write(path, arrays);
        IReadOnlyDictionary<string, Matrix<float>> back = NpzFile.ReadSingle(path);
        back.Keys.Should().BeEquivalentTo("x", "y");
        back["y"].ToArray().Should().Equal(4f, 5f);
    }

    private static void WriteRaw(string path, int version, string dict, float[] data)
    {
        int prefix = version == 1 ? 10 : 12;
        int total = prefix + dict.Length + 1;
        string header = dict + new string(' ', (64 - (total % 64)) % 64) + "\n";
        using var fs = File.Create(path);
        fs.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)version, 0]);
        if (version == 1)
        {
            fs.Write(BitConverter.GetBytes((ushort)header.Length));
        }
        else
        {
            fs.Write(BitConverter.GetBytes((uint)header.Length));
        }

        fs.Write(Encoding.ASCII.GetBytes(header));
        foreach (float f in data)
        {
            fs.Write(BitConverter.GetBytes(f));
        }
    }
}
