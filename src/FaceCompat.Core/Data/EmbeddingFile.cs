using System.Collections.Immutable;
using System.Globalization;

namespace FaceCompat.Data;

/// <summary>Reads embeddings from <c>.npy</c>, <c>.npz</c> (its one array, or the one named <c>embeddings</c>) or <c>.csv</c> (numbers only, optional header).</summary>
public static class EmbeddingFile
{
    /// <summary>The file endings <see cref="Read"/> accepts, lower case with the dot, in the order a data set folder prefers them.</summary>
    public static readonly ImmutableArray<string> Extensions = [".npy", ".npz", ".csv"];

    /// <summary>Reads the embeddings of <paramref name="path"/> by its ending (<see cref="Extensions"/>).</summary>
    public static Matrix<float> Read(string path)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".npy" => NpyFile.ReadSingle(path),
            ".npz" => OneArray(path, NpzFile.ReadSingle(path)),
            ".csv" => ReadCsv(path),
            _ => throw DataFormatException.InFile(path, $"unknown embedding file type '{ext}'; expected .npy, .npz or .csv."),
        };
    }

    private static Matrix<float> ReadCsv(string path)
    {
        if (!File.Exists(path))
        {
            throw DataFormatException.InFile(path, "file not found.");
        }

        var values = new List<float>();
        int columns = -1;
        int rows = 0;
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            string[] fields = line.Split(',');
            if (lineNumber == 1 && !float.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                continue; // a header row
            }

            if (columns < 0)
            {
                columns = fields.Length;
            }
            else if (fields.Length != columns)
            {
                throw DataFormatException.InFile(path, $"row {lineNumber}: expected {columns} values, found {fields.Length}.");
            }

            for (int c = 0; c < fields.Length; c++)
            {
                if (!float.TryParse(fields[c], NumberStyles.Float, CultureInfo.InvariantCulture, out float v))
                {
                    throw DataFormatException.InFile(path, $"row {lineNumber}, column {c + 1}: '{fields[c]}' is not a number (use '.' as the decimal separator).");
                }

                values.Add(v);
            }

            rows++;
        }

        if (rows == 0)
        {
            throw DataFormatException.InFile(path, "no embedding rows.");
        }

        return new Matrix<float>(rows, columns, values.ToArray());
    }

    /// <summary>The archive's only array, or its array named <c>embeddings</c>: any other choice would be a guess.</summary>
    private static Matrix<float> OneArray(string path, IReadOnlyDictionary<string, Matrix<float>> arrays) => arrays.Count switch
    {
        0 => throw DataFormatException.InFile(path, "the .npz archive holds no .npy member."),
        1 => arrays.Values.First(),
        _ => arrays.TryGetValue("embeddings", out Matrix<float>? named)
            ? named
            : throw DataFormatException.InFile(path, $"the .npz archive holds {arrays.Count} arrays ({string.Join(", ", arrays.Keys.Order(StringComparer.Ordinal))}); save one, or name the embeddings 'embeddings' (numpy.savez(f, embeddings=X))."),
    };
}
