using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace FaceCompat.Tests.Corpus;

/// <summary>
/// A temporary folder with valid inputs (two small datasets, an adapter, a finished study) that the
/// malformed-input corpus copies and breaks, and the byte-level writers the cases use.
/// </summary>
public sealed class CorpusWorkspace : IDisposable
{
    public const int Identities = 30;
    public const int PerIdentity = 3;
    public const int Rows = Identities * PerIdentity;

    public CorpusWorkspace()
    {
        Root = Directory.CreateTempSubdirectory("fc-corpus-").FullName;
        Good = Path.Combine(Root, "good");
        Other = Path.Combine(Root, "other");
        WriteDataset(Good, seed: 1);
        WriteDataset(Other, seed: 2);
        Adapter = Path.Combine(Root, "good.fcmap");
        Study = Path.Combine(Root, "study");
        (int fitExit, _, string fitError) = CliRunner.Run("fit", "--data", Good, "--source", "a", "--target", "b", "--out", Adapter);
        (int studyExit, _, string studyError) = CliRunner.Run("study", "--data", Good, "--models", "a,b", "--methods", "baseline,ridge", "--seeds", "0", "--out", Study);
        if (fitExit != 0 || studyExit != 0)
        {
            throw new InvalidOperationException($"the corpus' valid inputs could not be made: {fitError} {studyError}");
        }
    }

    public string Root { get; }

    /// <summary>A valid dataset: 30 identities x 3 images, models a (16-d) and b (12-d).</summary>
    public string Good { get; }

    /// <summary>A second valid dataset (other data, same models) for the cross-dataset protocol.</summary>
    public string Other { get; }

    /// <summary>A valid adapter a -> b fitted on <see cref="Good"/>.</summary>
    public string Adapter { get; }

    /// <summary>A finished study of <see cref="Good"/> (baseline and ridge, seed 0).</summary>
    public string Study { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>A fresh folder for one case.</summary>
    public string CaseFolder(string name)
    {
        string dir = Path.Combine(Root, "cases", name);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>A copy of <see cref="Good"/> under <paramref name="dir"/> (named <paramref name="name"/>).</summary>
    public string CopyOfGood(string dir, string name = "data")
    {
        string copy = Path.Combine(dir, name);
        CopyFolder(Good, copy);
        return copy;
    }

    public static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>Writes index.csv and embeddings/a.npy, b.npy for the given identities (one per image).</summary>
    public static void WriteDataset(string dir, int seed, string[]? identities = null, Func<int, int, float, float>? editA = null)
    {
        identities ??= Enumerable.Range(0, Rows).Select(i => $"person{i / PerIdentity:D2}").ToArray();
        Directory.CreateDirectory(Path.Combine(dir, "embeddings"));
        var index = new StringBuilder("path,identity\n");
        for (int i = 0; i < identities.Length; i++)
        {
            index.Append(CultureInfo.InvariantCulture, $"{identities[i]}/img{i:D3}.jpg,{identities[i]}\n");
        }

        File.WriteAllText(Path.Combine(dir, "index.csv"), index.ToString());
        File.WriteAllBytes(Path.Combine(dir, "embeddings", "a.npy"), Npy("<f4", false, $"({identities.Length}, 16)", Floats(identities.Length, 16, seed, identities, editA)));
        File.WriteAllBytes(Path.Combine(dir, "embeddings", "b.npy"), Npy("<f4", false, $"({identities.Length}, 12)", Floats(identities.Length, 12, seed + 100, identities, null)));
    }

    /// <summary>Identity-structured Gaussian rows (an identity centre plus noise), little-endian float32 bytes.</summary>
    public static byte[] Floats(int rows, int cols, int seed, string[]? identities = null, Func<int, int, float, float>? edit = null)
    {
        var random = new Random(seed);
        var centres = new Dictionary<string, float[]>(StringComparer.Ordinal);
        byte[] bytes = new byte[rows * cols * 4];
        for (int r = 0; r < rows; r++)
        {
            string id = identities?[r] ?? r.ToString(CultureInfo.InvariantCulture);
            if (!centres.TryGetValue(id, out float[]? centre))
            {
                centre = Enumerable.Range(0, cols).Select(_ => (float)Gaussian(random)).ToArray();
                centres[id] = centre;
            }

            for (int c = 0; c < cols; c++)
            {
                float v = centre[c] + (0.3f * (float)Gaussian(random));
                v = edit?.Invoke(r, c, v) ?? v;
                BitConverter.TryWriteBytes(bytes.AsSpan(((r * cols) + c) * 4), v);
            }
        }

        return bytes;
    }

    /// <summary>An .npy file from its parts (the header is padded to 64 bytes as NumPy does).</summary>
    public static byte[] Npy(string descr, bool fortran, string shape, byte[] data, int major = 1)
    {
        string dict = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";
        return NpyRaw(dict, data, major);
    }

    public static byte[] NpyRaw(string dict, byte[] data, int major = 1)
    {
        int prefix = major == 1 ? 10 : 12;
        int padded = (prefix + dict.Length + 1 + 63) / 64 * 64;
        string header = dict.PadRight(padded - prefix - 1) + "\n";
        using var stream = new MemoryStream();
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0]);
        if (major == 1)
        {
            stream.Write(BitConverter.GetBytes((ushort)header.Length));
        }
        else
        {
            stream.Write(BitConverter.GetBytes((uint)header.Length));
        }

        stream.Write(Encoding.Latin1.GetBytes(header));
        stream.Write(data);
        return stream.ToArray();
    }

    /// <summary>A zip (the .npz / .fcmap container) with these members.</summary>
    public static byte[] Zip(params (string Name, byte[] Content)[] members)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach ((string name, byte[] content) in members)
            {
                using Stream s = zip.CreateEntry(name).Open();
                s.Write(content);
            }
        }

        return stream.ToArray();
    }

    /// <summary>The members of a zip file, by name.</summary>
    public static List<(string Name, byte[] Content)> ReadZip(string path)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        var result = new List<(string, byte[])>();
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            using var copy = new MemoryStream();
            using (Stream s = entry.Open())
            {
                s.CopyTo(copy);
            }

            result.Add((entry.FullName, copy.ToArray()));
        }

        return result;
    }

    public static byte[] RandomBytes(int length, int seed)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
