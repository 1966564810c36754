using System.Text;
using CsCheck;
using FaceCompat.Data;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;
using FaceCompat.Study;

namespace FaceCompat.Tests.Data;

/// <summary>
/// Properties of the readers over random bytes and random truncations or byte flips of valid files:
/// each either reads or throws its domain exception (<see cref="DataFormatException"/>), never
/// another exception type; a cell that cannot be read is "not complete" (null), never an exception.
/// </summary>
public sealed class ReaderPropertyTests : IDisposable
{
    private const long Iterations = 300;

    private static readonly byte[] s_validNpy = NpyBytes(new Matrix<float>(7, 5, Enumerable.Range(0, 35).Select(i => (i * 0.37f) - 3f).ToArray()));

    private readonly string _dir = Directory.CreateTempSubdirectory("fc-readers-").FullName;
    private readonly byte[] _validAdapter;
    private readonly byte[] _validCell;

    public ReaderPropertyTests()
    {
        var rows = new Matrix<float>(12, 4, Enumerable.Range(0, 48).Select(i => MathF.Sin(i * 1.3f) + (i % 5)).ToArray());
        var targets = new Matrix<float>(12, 3, Enumerable.Range(0, 36).Select(i => MathF.Cos(i * 0.7f) + (i % 3)).ToArray());
        FittedMap map = MapFitter.Fit(rows, targets, MapMethod.Ridge, 0.1, DenseKernels.Default);
        string adapter = Path.Combine(_dir, "valid.fcmap");
        AdapterFile.Save(adapter, map, new AdapterProvenance("a", "b", "/data", 12, 4, "all rows", new string('0', 64)));
        _validAdapter = File.ReadAllBytes(adapter);
        string study = Path.Combine(_dir, "study");
        var cell = new CellResult
        {
            Protocol = "intra",
            Dataset = "d",
            FitDataset = "d",
            Seed = 0,
            Source = "a",
            Target = "b",
            Method = MapMethod.Ridge,
            Lambda = 0.1,
            Metrics = new FaceCompat.Evaluation.CellMetrics { Rank1 = 50, Rank5 = 80, Rank10 = 90, MeanAveragePrecision = 0.5, Auc = 0.9, Eer = 10, TmrAtFmr1 = 60, TmrAtFmr01 = 40, Genuine = 10, Impostor = 100, TestImages = 12, TestIdentities = 4, Cmc = [50, 60, 70], Roc = [new FaceCompat.Evaluation.RocPoint(0.5, 0.01, 0.2)] },
        };
        StudyFolder.Create(study, new StudyDefinition { Datasets = ["d"], Models = ["a", "b"] }).WriteCell("cells/x.json", cell);
        _validCell = File.ReadAllBytes(Path.Combine(study, "cells", "x.json"));
        TryRead(Path.Combine(study, "cells", "x.json")).Should().NotBeNull("the valid cell must read back");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The cell, or null when it cannot be read: the one reader throws nothing but <see cref="DataFormatException"/>.</summary>
    private static CellResult? TryRead(string path)
    {
        try
        {
            return StudyFolder.ParseCell(File.ReadAllText(path), path);
        }
        catch (DataFormatException)
        {
            return null;
        }
    }

    [Fact]
    public void Npy_reader_reads_or_throws_a_data_format_error_on_random_bytes() =>
        Gen.Byte.Array[0, 600].Sample(ReadNpy, iter: Iterations, threads: 1);

    [Fact]
    public void Npy_reader_reads_or_throws_a_data_format_error_on_truncated_and_flipped_files() =>
        Mutations(s_validNpy).Sample(ReadNpy, iter: Iterations, threads: 1);

    [Fact]
    public void Npy_reader_reads_or_throws_a_data_format_error_on_random_headers() =>
        Gen.String[Gen.Char["{}'(),: <>|0123456789abcdefiortuFTsEnhpl_"], 0, 120].Sample(
            header => ReadNpy(NpyHeaderOnly(header, s_validNpy[128..])),
            iter: Iterations,
            threads: 1);

    [Fact]
    public void Adapter_reader_loads_or_throws_a_data_format_error_on_random_bytes() =>
        Gen.Byte.Array[0, 2000].Sample(LoadAdapter, iter: Iterations, threads: 1);

    [Fact]
    public void Adapter_reader_loads_or_throws_a_data_format_error_on_truncated_and_flipped_files() =>
        Mutations(_validAdapter).Sample(LoadAdapter, iter: Iterations, threads: 1);

    [Fact]
    public void A_cell_that_cannot_be_read_is_not_complete_and_never_throws() =>
        Gen.OneOf(Mutations(_validCell), Gen.Byte.Array[0, 400]).Sample(
            bytes =>
            {
                string study = Path.Combine(_dir, "cells-study");
                StudyFolder folder = StudyFolder.Create(study, new StudyDefinition { Datasets = ["d"], Models = ["a", "b"] });
                string path = Path.Combine(study, "cells", "y.json");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, bytes);
                CellResult? cell = TryRead(path);
                bool complete = folder.IsComplete("cells/y.json");
                complete.Should().Be(cell is not null);
            },
            iter: Iterations,
            threads: 1);

    [Fact]
    public void Index_reader_reads_or_throws_a_data_format_error_on_random_text() =>
        Gen.Select(Gen.Bool, Gen.String[Gen.Char["pathidentyx01,\"\n\r /\t"], 0, 300], (header, body) => header ? "path,identity\n" + body : body).Sample(
            text =>
            {
                string path = Path.Combine(_dir, "index.csv");
                File.WriteAllText(path, text);
                try
                {
                    DatasetIndex index = DatasetIndex.Read(path);
                    index.IdentityCodes.Length.Should().Be(index.Count);
                }
                catch (DataFormatException e)
                {
                    e.Message.Should().Contain(path);
                }
            },
            iter: Iterations,
            threads: 1);

    /// <summary>A valid file cut at a random length, or with a few random bytes overwritten.</summary>
    private static Gen<byte[]> Mutations(byte[] valid) =>
        Gen.OneOf(
            Gen.Int[0, valid.Length - 1].Select(n => valid[..n]),
            Gen.Select(Gen.Int[0, valid.Length - 1].Array[1, 8], Gen.Byte.Array[8], (at, values) =>
            {
                byte[] copy = (byte[])valid.Clone();
                for (int i = 0; i < at.Length; i++)
                {
                    copy[at[i]] = values[i];
                }

                return copy;
            }));

    private static void ReadNpy(byte[] bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes);
            Matrix<float> m = NpyFile.ReadSingle(stream, "random.npy");
            m.Values.Length.Should().Be(m.Rows * m.Columns);
        }
        catch (DataFormatException e)
        {
            e.Message.Should().Contain("random.npy");
        }
    }

    private void LoadAdapter(byte[] bytes)
    {
        string path = Path.Combine(_dir, "random.fcmap");
        File.WriteAllBytes(path, bytes);
        try
        {
            (FittedMap map, _) = AdapterFile.Load(path);
            map.Weights.Rows.Should().Be(map.SourceDimension);
        }
        catch (DataFormatException e)
        {
            e.Message.Should().Contain(path);
        }
    }

    private static byte[] NpyBytes(Matrix<float> m)
    {
        using var stream = new MemoryStream();
        NpyFile.Write(stream, m);
        return stream.ToArray();
    }

    private static byte[] NpyHeaderOnly(string header, byte[] data)
    {
        byte[] text = Encoding.Latin1.GetBytes(header + "\n");
        return [0x93, .. "NUMPY"u8, 1, 0, (byte)(text.Length & 0xFF), (byte)(text.Length >> 8), .. text, .. data];
    }
}
