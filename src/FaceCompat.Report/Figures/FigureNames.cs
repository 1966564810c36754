using System.Text;

namespace FaceCompat.Report.Figures;

/// <summary>
/// File stems of the figures: lower-case ASCII letters, digits and '-' only (any model or dataset name is made safe
/// for a file name and a LaTeX label); a stem already taken gets "-2", "-3", ...
/// </summary>
internal sealed class FigureNames
{
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    public string Next(params string[] parts)
    {
        string stem = string.Join('-', parts.Select(Slug));
        string unique = stem;
        for (int i = 2; !_taken.Add(unique); i++)
        {
            unique = stem + "-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return unique;
    }

    internal static string Slug(string name)
    {
        var sb = new StringBuilder();
        foreach (char c in name.ToLowerInvariant())
        {
            bool keep = c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
            if (keep)
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        string slug = sb.ToString().TrimEnd('-');
        return slug.Length == 0 ? "x" : slug;
    }
}
