using System.Globalization;

namespace FaceCompat.Cli;

/// <summary>Comma-separated option values ("0,1,2", "a,b"), with errors that name the option.</summary>
public static class ListArgument
{
    public static int[] Integers(string? text, string option)
    {
        string[] parts = Strings(text);
        var values = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]))
            {
                throw new UsageException($"{option}: '{parts[i]}' is not an integer (expected a comma-separated list such as 0,1,2).");
            }
        }

        if (values.Length == 0)
        {
            throw new UsageException($"{option}: expected at least one value.");
        }

        return values;
    }

    public static string[] Strings(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
