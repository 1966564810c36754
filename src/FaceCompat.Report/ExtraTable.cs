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

        return new ExtraTable(name, Split(lines[0]), lines.Skip(1).Select(Split).ToList());
    }

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
