using System.Globalization;

namespace FaceCompat.Data;

/// <summary>
/// CelebA's annotation layout: <c>list_attr_celeba.txt</c> (line 1 the image count, line 2 the 40
/// attribute names, then <c>image v1 ... v40</c> with -1/1, any run of spaces) and
/// <c>identity_CelebA.txt</c> (<c>image identity</c>). Rows are keyed by image file name.
/// </summary>
public static class CelebAFiles
{
    /// <summary>Attribute name to values per file name ("-1"/"1" kept as written).</summary>
    public static (string[] Names, Dictionary<string, string[]> ValuesByImage) ReadAttributes(string path)
    {
        string[] lines = ReadLines(path);
        if (lines.Length < 2 || !int.TryParse(lines[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            throw DataFormatException.InFile(path, "line 1 must be the number of images and line 2 the attribute names (CelebA's list_attr_celeba.txt layout).");
        }

        string[] names = Split(lines[1]);
        var values = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (int i = 2; i < lines.Length; i++)
        {
            string[] fields = Split(lines[i]);
            if (fields.Length == 0)
            {
                continue;
            }

            if (fields.Length != names.Length + 1)
            {
                throw DataFormatException.InFile(path, $"row {i + 1}: {fields.Length - 1} values for {names.Length} attributes. Each line is an image name followed by one value per attribute.");
            }

            values[fields[0]] = fields[1..];
        }

        if (values.Count != count)
        {
            throw DataFormatException.InFile(path, $"line 1 announces {count} images but {values.Count} are listed; the file is truncated or edited.");
        }

        return (names, values);
    }

    /// <summary>Identity per file name.</summary>
    public static Dictionary<string, string> ReadIdentities(string path)
    {
        var identities = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] lines = ReadLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            string[] fields = Split(lines[i]);
            if (fields.Length == 0)
            {
                continue;
            }

            if (fields.Length != 2)
            {
                throw DataFormatException.InFile(path, $"row {i + 1}: expected 'image identity', found {fields.Length} fields (CelebA's identity_CelebA.txt layout).");
            }

            identities[fields[0]] = fields[1];
        }

        return identities;
    }

    /// <summary>
    /// The attributes of <paramref name="path"/> (list_attr_celeba.txt) for <paramref name="fileNames"/>, in
    /// their order: attribute name to one value per image, the empty string for an image the file does not
    /// list (an unknown modality, left out of the measure).
    /// </summary>
    /// <exception cref="DataFormatException">The file is malformed, or lists none of the images (the message names the file).</exception>
    public static Dictionary<string, string[]> AttributesFor(string path, IReadOnlyList<string> fileNames)
    {
        ArgumentNullException.ThrowIfNull(fileNames);
        (string[] names, Dictionary<string, string[]> byImage) = ReadAttributes(path);
        if (!fileNames.Any(byImage.ContainsKey))
        {
            throw DataFormatException.InFile(path, "no image of index.csv is listed; rows are matched by file name (e.g. 000001.jpg).");
        }

        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (int a = 0; a < names.Length; a++)
        {
            result[names[a]] = fileNames.Select(f => byImage.TryGetValue(f, out string[]? v) ? v[a] : string.Empty).ToArray();
        }

        return result;
    }

    /// <summary>
    /// The identities of <paramref name="path"/> (identity_CelebA.txt) for <paramref name="fileNames"/> as
    /// codes 0, 1, 2, ... in order of first appearance among the images.
    /// </summary>
    /// <exception cref="DataFormatException">The file is malformed, or an image has no identity in it (the message names the image and its index.csv row).</exception>
    public static int[] IdentityCodesFor(string path, IReadOnlyList<string> fileNames)
    {
        ArgumentNullException.ThrowIfNull(fileNames);
        Dictionary<string, string> identities = ReadIdentities(path);
        for (int i = 0; i < fileNames.Count; i++)
        {
            if (!identities.ContainsKey(fileNames[i]))
            {
                throw DataFormatException.InFile(path, $"{fileNames[i]} (index.csv row {i + 2}) has no identity here; every image needs one.");
            }
        }

        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        return fileNames.Select(f => codes.TryGetValue(identities[f], out int c) ? c : codes[identities[f]] = codes.Count).ToArray();
    }

    private static string[] ReadLines(string path) =>
        File.Exists(path) ? File.ReadAllLines(path) : throw DataFormatException.InFile(path, "file not found.");

    private static string[] Split(string line) => line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
}
