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

    private static string[] ReadLines(string path) =>
        File.Exists(path) ? File.ReadAllLines(path) : throw DataFormatException.InFile(path, "file not found.");

    private static string[] Split(string line) => line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
}
