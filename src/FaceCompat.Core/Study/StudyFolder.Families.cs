using System.Text.Json;
using FaceCompat.Data;

namespace FaceCompat.Study;

public sealed partial class StudyFolder
{
    /// <summary>
    /// families.json: the family of each model of the study whose family is known (an object, model name to family, in
    /// the definition's model order), from the datasets' manifest.json files (<see cref="ModelFamilies.Combine"/>).
    /// Written by every run, shard and merge; not a setting (the fingerprint leaves it out). Absent in folders written
    /// before families existed: every family is then unknown.
    /// </summary>
    public const string FamiliesFile = "families.json";

    /// <summary>Writes families.json (atomically) with the families of <paramref name="models"/> that <paramref name="families"/> knows, in that order.</summary>
    public void WriteFamilies(IEnumerable<string> models, IReadOnlyDictionary<string, string> families)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(families);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            foreach (string model in models.Distinct(StringComparer.Ordinal))
            {
                if (families.TryGetValue(model, out string? family))
                {
                    w.WriteString(model, family);
                }
            }

            w.WriteEndObject();
        }

        WriteText(FamiliesFile, System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n");
    }

    /// <summary>The family of each model with a known family (families.json); empty when the folder has none (an older study, or datasets without families).</summary>
    /// <exception cref="DataFormatException">families.json is not an object of non-empty strings (the message names it and the fix).</exception>
    public IReadOnlyDictionary<string, string> ReadFamilies()
    {
        string path = PathOf(FamiliesFile);
        var families = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return families;
        }

        const string Fix = "fix: delete families.json and run the study (or 'study --merge') again to rewrite it from the datasets' manifest.json files.";
        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw DataFormatException.InFile(path, $"expected an object of model name to family, found a {doc.RootElement.ValueKind.ToString().ToLowerInvariant()}. {Fix}");
            }

            foreach (JsonProperty p in doc.RootElement.EnumerateObject())
            {
                string? family = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null;
                if (string.IsNullOrWhiteSpace(family))
                {
                    throw DataFormatException.InFile(path, $"model '{p.Name}': family {p.Value.GetRawText()} is not a non-empty string. {Fix}");
                }

                families[p.Name] = family;
            }
        }
        catch (JsonException e)
        {
            throw DataFormatException.InFile(path, $"not valid JSON ({e.Message}). {Fix}");
        }

        return families;
    }
}
