namespace FaceCompat.Data;

/// <summary>
/// The rows of a dataset's <c>index.csv</c>: image path, identity, and optional attribute columns.
/// Identities are compared ordinally; <see cref="IdentityCodes"/> numbers them in ordinal order.
/// </summary>
public sealed class DatasetIndex
{
    /// <summary>An index of rows with their identities and optional attribute columns (each as long as <paramref name="paths"/>).</summary>
    public DatasetIndex(IReadOnlyList<string> paths, IReadOnlyList<string> identities, IReadOnlyDictionary<string, string[]>? attributes = null)
    {
        if (paths.Count != identities.Count)
        {
            throw new ArgumentException("paths and identities differ in length.", nameof(identities));
        }

        Paths = paths;
        Identities = identities;
        Attributes = attributes ?? new Dictionary<string, string[]>(StringComparer.Ordinal);
        UniqueIdentities = identities.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var codeOf = new Dictionary<string, int>(UniqueIdentities.Count, StringComparer.Ordinal);
        for (int i = 0; i < UniqueIdentities.Count; i++)
        {
            codeOf[UniqueIdentities[i]] = i;
        }

        IdentityCodes = identities.Select(id => codeOf[id]).ToArray();
    }

    /// <summary>Number of rows (images).</summary>
    public int Count => Paths.Count;

    /// <summary>Image path per row, as written in index.csv.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>Identity label per row.</summary>
    public IReadOnlyList<string> Identities { get; }

    /// <summary>Distinct identities in ordinal order; the code of an identity is its position here.</summary>
    public IReadOnlyList<string> UniqueIdentities { get; }

    /// <summary>Per row, the identity's position in <see cref="UniqueIdentities"/>.</summary>
    public int[] IdentityCodes { get; }

    /// <summary>Extra columns of index.csv by header name, one value per row.</summary>
    public IReadOnlyDictionary<string, string[]> Attributes { get; }

    /// <summary>Reads an <c>index.csv</c> (header with path and identity columns, any further columns as attributes).</summary>
    public static DatasetIndex Read(string path)
    {
        if (!File.Exists(path))
        {
            throw DataFormatException.InFile(path, "file not found. A dataset folder needs index.csv with the header 'path,identity'.");
        }

        using var reader = new StreamReader(path);
        string? headerLine = reader.ReadLine();
        if (headerLine is null)
        {
            throw DataFormatException.InFile(path, "the file is empty; expected the header 'path,identity' and one row per image.");
        }

        List<string> header = CsvLine.Split(headerLine.TrimStart('\uFEFF'));
        if (header.Count < 2 || header[0] != "path" || header[1] != "identity")
        {
            throw DataFormatException.InFile(path, $"row 1: expected the header to start with 'path,identity', found '{headerLine}'.");
        }

        var paths = new List<string>();
        var identities = new List<string>();
        var attributeValues = header.Skip(2).Select(_ => new List<string>()).ToArray();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        int lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            List<string> fields = CsvLine.Split(line);
            if (fields.Count != header.Count)
            {
                throw DataFormatException.InFile(path, $"row {lineNumber}: expected {header.Count} columns ({string.Join(",", header)}), found {fields.Count}.");
            }

            if (fields[1].Length == 0)
            {
                throw DataFormatException.InFile(path, $"row {lineNumber}, column 'identity': the identity is empty. Every image needs an identity label.");
            }

            if (seen.TryGetValue(fields[0], out int first))
            {
                throw DataFormatException.InFile(path, $"row {lineNumber}, column 'path': duplicate path '{fields[0]}' (first on row {first}). Each image must appear once.");
            }

            seen[fields[0]] = lineNumber;
            paths.Add(fields[0]);
            identities.Add(fields[1]);
            for (int a = 0; a < attributeValues.Length; a++)
            {
                attributeValues[a].Add(fields[a + 2]);
            }
        }

        if (paths.Count == 0)
        {
            throw DataFormatException.InFile(path, "no rows after the header.");
        }

        var attributes = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (int a = 0; a < attributeValues.Length; a++)
        {
            attributes[header[a + 2]] = attributeValues[a].ToArray();
        }

        return new DatasetIndex(paths, identities, attributes);
    }

    /// <summary>Writes the index as <c>index.csv</c> (path, identity, then the attribute columns) atomically.</summary>
    public void Write(string path)
    {
        string[] attributeNames = Attributes.Keys.ToArray();
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true) { NewLine = "\n" };
            writer.WriteLine(CsvLine.Join(new[] { "path", "identity" }.Concat(attributeNames)));
            for (int i = 0; i < Count; i++)
            {
                writer.WriteLine(CsvLine.Join(new[] { Paths[i], Identities[i] }.Concat(attributeNames.Select(a => Attributes[a][i]))));
            }
        });
    }
}
