using FaceCompat.Data;

namespace FaceCompat.Report;

/// <summary>A CSV written by another part of the study (geometry, LFW 10-fold), shown as a plain table.</summary>
public sealed record ExtraTable(string Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>Reads a simple CSV (RFC 4180 quotes honoured, one record per line).</summary>
    public static ExtraTable Read(string path, string name)
    {
        string[] lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        if (lines.Length == 0)
        {
            return new ExtraTable(name, [], []);
        }

        return new ExtraTable(name, CsvLine.Split(lines[0]), lines.Skip(1).Select(l => (IReadOnlyList<string>)CsvLine.Split(l)).ToList());
    }
}
