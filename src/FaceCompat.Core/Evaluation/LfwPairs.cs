using System.Globalization;
using FaceCompat.Data;

namespace FaceCompat.Evaluation;

/// <summary>One LFW pair: row indices into the dataset's index.csv and whether both images show one person.</summary>
public readonly record struct LfwPair(int First, int Second, bool Matched, int Fold);

/// <summary>
/// LFW's pairs.txt (first line "folds perFold", then per fold perFold matched lines
/// "name i j" and perFold mismatched lines "name1 i name2 j", image numbers 1-based), resolved
/// against a dataset index whose paths end in "&lt;Name&gt;/&lt;Name&gt;_NNNN.&lt;ext&gt;".
/// </summary>
public sealed class LfwPairs
{
    private LfwPairs(int folds, IReadOnlyList<LfwPair> pairs)
    {
        FoldCount = folds;
        Pairs = pairs;
    }

    /// <summary>Number of folds (10 in the standard file).</summary>
    public int FoldCount { get; }

    /// <summary>Every pair, fold by fold, in file order.</summary>
    public IReadOnlyList<LfwPair> Pairs { get; }

    /// <exception cref="DataFormatException">A malformed line, or an image that index.csv does not list.</exception>
    public static LfwPairs Read(string path, DatasetIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (!File.Exists(path))
        {
            throw DataFormatException.InFile(path, "pairs file not found. Give LFW's pairs.txt (first line '10 300').");
        }

        Dictionary<string, int> rows = RowsByImageKey(index);
        string[] lines = File.ReadAllLines(path);
        string[] header = Split(lines.Length > 0 ? lines[0] : string.Empty);
        if (header.Length != 2 || !TryInt(header[0], out int folds) || !TryInt(header[1], out int perFold) || folds < 2 || perFold < 1)
        {
            throw DataFormatException.InFile(path, "row 1: expected 'folds perFold' (e.g. '10 300'). Use LFW's pairs.txt layout.");
        }

        if (lines.Length < 1 + (folds * perFold * 2))
        {
            throw DataFormatException.InFile(path, $"expected {folds * perFold * 2} pair lines after the header, found {lines.Length - 1}. The file is truncated.");
        }

        var pairs = new List<LfwPair>(folds * perFold * 2);
        for (int k = 0; k < folds * perFold * 2; k++)
        {
            int lineNumber = k + 2;
            bool matched = (k / perFold) % 2 == 0;
            string[] f = Split(lines[k + 1]);
            (string a, string ai, string b, string bi) = (matched, f.Length) switch
            {
                (true, 3) => (f[0], f[1], f[0], f[2]),
                (false, 4) => (f[0], f[1], f[2], f[3]),
                _ => throw DataFormatException.InFile(path, $"row {lineNumber}: expected {(matched ? "'name i j' (matched pair)" : "'name1 i name2 j' (mismatched pair)")}, found '{lines[k + 1]}'. Check the fold layout."),
            };
            pairs.Add(new LfwPair(Resolve(path, lineNumber, rows, a, ai), Resolve(path, lineNumber, rows, b, bi), matched, k / (2 * perFold)));
        }

        return new LfwPairs(folds, pairs);
    }

    private static int Resolve(string path, int line, Dictionary<string, int> rows, string name, string number)
    {
        if (!TryInt(number, out int n) || n < 1)
        {
            throw DataFormatException.InFile(path, $"row {line}: image number '{number}' is not a positive integer.");
        }

        string key = $"{name}/{name}_{n.ToString("D4", CultureInfo.InvariantCulture)}";
        return rows.TryGetValue(key, out int row)
            ? row
            : throw DataFormatException.InFile(path, $"row {line}: image {key} is not in the dataset's index.csv. Extract every LFW image, or use the pairs file of that dataset.");
    }

    /// <summary>"Name/Name_0001" from the last two segments of each path, extension dropped.</summary>
    private static Dictionary<string, int> RowsByImageKey(DatasetIndex index)
    {
        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < index.Count; i++)
        {
            string[] parts = index.Paths[i].Replace('\\', '/').Split('/');
            if (parts.Length >= 2)
            {
                rows.TryAdd(parts[^2] + "/" + Path.GetFileNameWithoutExtension(parts[^1]), i);
            }
        }

        return rows;
    }

    private static string[] Split(string line) => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static bool TryInt(string s, out int value) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
}
