using System.Text;

namespace FaceCompat.Data;

/// <summary>RFC 4180 fields of one CSV line (quotes, doubled quotes inside quotes; no embedded newlines).</summary>
public static class CsvLine
{
    /// <summary>The fields of one line (RFC 4180 quoting; see the class).</summary>
    public static List<string> Split(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
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

    /// <summary>Quotes a field when it holds a comma, a quote or a line break.</summary>
    public static string Escape(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    /// <summary>One CSV line of the fields, each escaped with <see cref="Escape"/>.</summary>
    public static string Join(IEnumerable<string> fields) => string.Join(',', fields.Select(Escape));
}
