using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace FaceCompat.Cli;

/// <summary>
/// Options whose values are checked while parsing, before any work starts: each error names the
/// option, the value, what is allowed and an example, and the parser reports all of them together
/// (exit code 2).
/// </summary>
internal static class OptionRules
{
    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<int> Integer(string name, string description, int defaultValue, int min, int max) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r => ParseInteger(r, name, min, max, defaultValue) ?? defaultValue,
        };

    /// <summary>An optional whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<int?> OptionalInteger(string name, string description, int min, int max, int example) =>
        new(name)
        {
            Description = description,
            CustomParser = r => ParseInteger(r, name, min, max, example),
        };

    /// <summary>A finite number, above <paramref name="min"/> (or at least it when <paramref name="minInclusive"/>) and at most <paramref name="max"/>.</summary>
    public static Option<double> Real(string name, string description, double defaultValue, double min, double max, bool minInclusive) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r =>
            {
                string text = Token(r);
                string allowed = $"{(minInclusive ? "at least" : "above")} {Invariant(min)} and at most {Invariant(max)}";
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                {
                    r.AddError($"{name}: '{text}' is not a finite number; allowed: {allowed} (e.g. {name} {Invariant(defaultValue)}).");
                    return defaultValue;
                }

                if ((minInclusive ? value < min : value <= min) || value > max)
                {
                    r.AddError($"{name}: {text} is out of range; allowed: {allowed} (e.g. {name} {Invariant(defaultValue)}).");
                }

                return value;
            },
        };

    /// <summary>One of a fixed set of words.</summary>
    public static Option<string> Choice(string name, string description, string defaultValue, params string[] allowed)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            string value = r.GetValueOrDefault<string>();
            if (!allowed.Contains(value, StringComparer.Ordinal))
            {
                r.AddError($"{name}: unknown value '{value}'; allowed: {string.Join(", ", allowed)} (e.g. {name} {defaultValue}).");
            }
        });
        return option;
    }

    /// <summary>A comma-separated list of distinct whole numbers in [<paramref name="min"/>, <paramref name="max"/>] (kept as text; read it with <see cref="ListArgument.Integers"/>).</summary>
    public static Option<T> IntegerList<T>(Option<T> option, int min, int max, string example)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(r =>
        {
            string? text = r.GetValueOrDefault<T>() as string;
            if (text is null)
            {
                return;
            }

            string[] parts = ListArgument.Strings(text);
            if (parts.Length == 0)
            {
                r.AddError($"{option.Name}: expected at least one whole number (e.g. {option.Name} {example}).");
                return;
            }

            var seen = new HashSet<int>();
            foreach (string part in parts)
            {
                if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v))
                {
                    r.AddError($"{option.Name}: '{part}' is not a whole number; expected a comma-separated list of whole numbers from {min} to {max} (e.g. {option.Name} {example}).");
                    return;
                }

                if (v < min || v > max)
                {
                    r.AddError($"{option.Name}: {v} is out of range; allowed: whole numbers from {min} to {max} (e.g. {option.Name} {example}).");
                    return;
                }

                if (!seen.Add(v))
                {
                    r.AddError($"{option.Name}: {v} is listed twice; give each value once (e.g. {option.Name} {example}).");
                    return;
                }
            }
        });
        return option;
    }

    /// <summary>A comma-separated list of names, each one of <paramref name="allowed"/>.</summary>
    public static Option<string> NameList(Option<string> option, string example, params string[] allowed)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(r =>
        {
            string[] parts = ListArgument.Strings(r.GetValueOrDefault<string>());
            string? unknown = parts.FirstOrDefault(p => !allowed.Contains(p, StringComparer.Ordinal));
            if (parts.Length == 0 || unknown is not null)
            {
                r.AddError($"{option.Name}: {(unknown is null ? "expected at least one value" : $"unknown value '{unknown}'")}; allowed: {string.Join(", ", allowed)}, comma-separated (e.g. {option.Name} {example}).");
            }
            else if (Repeated(parts) is string twice)
            {
                r.AddError($"{option.Name}: '{twice}' is listed twice; give each value once (e.g. {option.Name} {example}).");
            }
        });
        return option;
    }

    /// <summary>A comma-separated list of names (models, datasets) in which each name appears once.</summary>
    public static Option<T> DistinctList<T>(Option<T> option, string example)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<T>() is string text && Repeated(ListArgument.Strings(text)) is string twice)
            {
                r.AddError($"{option.Name}: '{twice}' is listed twice; give each value once (e.g. {option.Name} {example}).");
            }
        });
        return option;
    }

    private static string? Repeated(string[] parts) =>
        parts.GroupBy(p => p, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;

    /// <summary>The value is a file or folder to write: its nearest existing parent must be a folder this process can write in.</summary>
    public static Option<T> Writable<T>(Option<T> option, bool folder, string? example = null)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<T>() is string path && OutputProblem(path, folder, example) is string problem)
            {
                r.AddError($"{option.Name}: {problem}");
            }
        });
        return option;
    }

    /// <summary>Why <paramref name="path"/> cannot be written, or null.</summary>
    internal static string? OutputProblem(string path, bool folder, string? example = null)
    {
        example ??= folder ? "results" : "out.npy";
        if (string.IsNullOrWhiteSpace(path))
        {
            return $"the path is empty; give a {(folder ? "folder" : "file")} to write (e.g. {example}).";
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"'{path}' is not a valid path ({e.Message}).";
        }

        if (folder && File.Exists(full))
        {
            return $"{path} is a file; give a folder to write into (e.g. {example}).";
        }

        if (!folder && Directory.Exists(full))
        {
            return $"{path} is a folder; give a file name inside it (e.g. {Path.Combine(path, example)}).";
        }

        string? existing = folder ? full : Path.GetDirectoryName(full);
        while (existing is not null && !Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                return $"{existing} is a file, so {path} cannot be created under it; choose another path.";
            }

            existing = Path.GetDirectoryName(existing);
        }

        if (existing is null)
        {
            return $"{path} has no existing parent folder; choose another path.";
        }

        string probe = Path.Combine(existing, $".facecompat-write-check-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot write in {existing} ({e.Message.TrimEnd('.')}); choose a writable {(folder ? "folder" : "file")} (e.g. {example}).";
        }
    }

    private static int? ParseInteger(ArgumentResult r, string name, int min, int max, int example)
    {
        string text = Token(r);
        string allowed = max == int.MaxValue ? $"a whole number of at least {min}" : $"a whole number from {min} to {max}";
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            r.AddError($"{name}: '{text}' is not a whole number; allowed: {allowed} (e.g. {name} {example}).");
            return null;
        }

        if (value < min || value > max)
        {
            r.AddError($"{name}: {value} is out of range; allowed: {allowed} (e.g. {name} {example}).");
        }

        return value;
    }

    private static string Token(ArgumentResult r) => r.Tokens.Count > 0 ? r.Tokens[^1].Value : string.Empty;

    private static string Invariant(double v) => v.ToString("G", CultureInfo.InvariantCulture);
}
