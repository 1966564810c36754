using System.IO.Compression;

namespace FaceCompat.Data;

/// <summary>NumPy <c>.npz</c> archives: a zip of <c>.npy</c> members, stored or deflated.</summary>
public static class NpzFile
{
    /// <summary>Reads every member as float32, keyed by its name without <c>.npy</c>.</summary>
    public static IReadOnlyDictionary<string, Matrix<float>> ReadSingle(string path)
    {
        if (!File.Exists(path))
        {
            throw DataFormatException.InFile(path, "file not found.");
        }

        var result = new Dictionary<string, Matrix<float>>(StringComparer.Ordinal);
        try
        {
            using ZipArchive zip = ZipFile.OpenRead(path);
            foreach (ZipArchiveEntry entry in zip.Entries)
            {
                if (!entry.FullName.EndsWith(".npy", StringComparison.Ordinal))
                {
                    continue;
                }

                using Stream s = entry.Open();
                using var buffered = new BufferedStream(s, 1 << 16);
                result[entry.FullName[..^4]] = NpyFile.ReadSingle(buffered, $"{path}:{entry.FullName}");
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw DataFormatException.InFile(path, $"not a valid .npz (zip) archive: {e.Message}");
        }

        return result;
    }

    /// <summary>Writes the arrays as an uncompressed <c>.npz</c> archive (one float32 <c>.npy</c> entry per name), atomically.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, Matrix<float>> arrays)
    {
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            foreach ((string name, Matrix<float> m) in arrays)
            {
                ZipArchiveEntry entry = zip.CreateEntry(name + ".npy", CompressionLevel.NoCompression);
                using Stream s = entry.Open();
                NpyFile.Write(s, m);
            }
        });
    }
}
