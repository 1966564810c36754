using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FaceCompat.Data;

namespace FaceCompat.Mapping;

/// <summary>Where an adapter came from: the models, the data it was fitted on and a hash of that data.</summary>
public sealed record AdapterProvenance(string SourceModel, string TargetModel, string Dataset, int FitRows, int FitIdentities, string Selection, string DataSha256);

/// <summary>
/// A fitted map saved for deployment (template migration without re-enrolment). The file is a
/// zip (NumPy .npz layout) holding <c>weights.npy</c> (d_s x d_t, float64), <c>source_mean.npy</c>
/// and <c>target_mean.npy</c> (1 x d, float64) and <c>adapter.json</c> (format, method, lambda,
/// dimensions, norm rule, provenance), so NumPy can read it too:
/// <c>np.load(path)["weights"]</c>.
/// </summary>
public static class AdapterFile
{
    /// <summary>The format tag written in every adapter file.</summary>
    public const string Format = "facecompat-adapter/1";

    /// <summary>Writes a fitted map and its provenance as an adapter file (JSON header and weights), atomically.</summary>
    public static void Save(string path, FittedMap map, AdapterProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(provenance);
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            WriteMember(zip, "weights.npy", s => NpyFile.Write(s, map.Weights));
            WriteMember(zip, "source_mean.npy", s => NpyFile.Write(s, new Matrix<double>(1, map.SourceDimension, map.SourceMean)));
            WriteMember(zip, "target_mean.npy", s => NpyFile.Write(s, new Matrix<double>(1, map.TargetDimension, map.TargetMean)));
            WriteMember(zip, "adapter.json", s => s.Write(Encoding.UTF8.GetBytes(Metadata(map, provenance))));
        });
    }

    /// <summary>Reads an adapter file; a wrong format tag, shape or non-finite weight is a <see cref="Data.DataFormatException"/> naming the file.</summary>
    public static (FittedMap Map, AdapterProvenance Provenance) Load(string path)
    {
        if (!File.Exists(path))
        {
            throw DataFormatException.InFile(path, "adapter file not found. Make one with 'facecompat fit'.");
        }

        try
        {
            using ZipArchive zip = ZipFile.OpenRead(path);
            using JsonDocument doc = JsonDocument.Parse(ReadText(zip, path, "adapter.json"));
            JsonElement e = doc.RootElement;
            if (e.GetProperty("format").GetString() != Format)
            {
                throw DataFormatException.InFile(path, $"unknown adapter format '{e.GetProperty("format").GetString()}'; expected {Format}.");
            }

            if (!MapMethods.TryParse(e.GetProperty("method").GetString() ?? "", out MapMethod method))
            {
                throw DataFormatException.InFile(path, "adapter.json names an unknown method.");
            }

            Matrix<double> weights = ReadMatrix(zip, path, "weights.npy");
            double[] sourceMean = ReadMatrix(zip, path, "source_mean.npy").ToArray();
            double[] targetMean = ReadMatrix(zip, path, "target_mean.npy").ToArray();
            if (weights.Rows != sourceMean.Length || weights.Columns != targetMean.Length)
            {
                throw DataFormatException.InFile(path, $"weights are {weights.Rows}x{weights.Columns} but the means have {sourceMean.Length} and {targetMean.Length} values; the file is inconsistent. Fit it again.");
            }

            if (!weights.ToArray().All(double.IsFinite) || !sourceMean.All(double.IsFinite) || !targetMean.All(double.IsFinite))
            {
                throw DataFormatException.InFile(path, "the weights or means hold NaN or infinite values; the file is damaged. Fit it again with 'facecompat fit'.");
            }

            var map = new FittedMap
            {
                Method = method,
                Lambda = e.GetProperty("lambda").GetDouble(),
                SourceMean = sourceMean,
                TargetMean = targetMean,
                Weights = weights,
                PreservesNorm = e.GetProperty("preserves_norm").GetBoolean(),
            };
            JsonElement p = e.GetProperty("provenance");
            var provenance = new AdapterProvenance(
                e.GetProperty("source_model").GetString() ?? "",
                e.GetProperty("target_model").GetString() ?? "",
                p.GetProperty("dataset").GetString() ?? "",
                p.GetProperty("fit_rows").GetInt32(),
                p.GetProperty("fit_identities").GetInt32(),
                p.GetProperty("selection").GetString() ?? "",
                p.GetProperty("data_sha256").GetString() ?? "");
            return (map, provenance);
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException or IOException)
        {
            throw DataFormatException.InFile(path, $"not a readable FaceCompat adapter ({ex.Message}). Fit it again with 'facecompat fit'.");
        }
    }

    /// <summary>SHA-256 over the bytes of the given files, in order (index.csv and the two embedding files).</summary>
    public static string HashFiles(IEnumerable<string> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[1 << 16];
        foreach (string file in files)
        {
            using FileStream s = File.OpenRead(file);
            int read;
            while ((read = s.Read(buffer)) > 0)
            {
                sha.AppendData(buffer, 0, read);
            }
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static string Metadata(FittedMap map, AdapterProvenance p)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("method", map.Method.ToName());
            w.WriteNumber("lambda", map.Lambda);
            w.WriteString("source_model", p.SourceModel);
            w.WriteString("target_model", p.TargetModel);
            w.WriteNumber("source_dimension", map.SourceDimension);
            w.WriteNumber("target_dimension", map.TargetDimension);
            w.WriteBoolean("preserves_norm", map.PreservesNorm);
            w.WriteString("mapped_rows", "normalise(pad(l2n(x) - source_mean) @ weights): unit rows in the target's centred space; prepare target probes as normalise(l2n(y) - target_mean)");
            w.WriteStartObject("provenance");
            w.WriteString("dataset", p.Dataset);
            w.WriteNumber("fit_rows", p.FitRows);
            w.WriteNumber("fit_identities", p.FitIdentities);
            w.WriteString("selection", p.Selection);
            w.WriteString("data_sha256", p.DataSha256);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteMember(ZipArchive zip, string name, Action<Stream> write)
    {
        using Stream s = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
        write(s);
    }

    private static ZipArchiveEntry Entry(ZipArchive zip, string path, string name) =>
        zip.GetEntry(name) ?? throw DataFormatException.InFile(path, $"the adapter has no {name}; it is not a FaceCompat adapter or it is damaged.");

    private static string ReadText(ZipArchive zip, string path, string name)
    {
        using var reader = new StreamReader(Entry(zip, path, name).Open());
        return reader.ReadToEnd();
    }

    private static Matrix<double> ReadMatrix(ZipArchive zip, string path, string name)
    {
        using Stream s = Entry(zip, path, name).Open();
        using var buffered = new BufferedStream(s, 1 << 16);
        return NpyFile.ReadDouble(buffered, $"{path}:{name}");
    }
}
