using System.Text.Json;

namespace FaceCompat.Data;

/// <summary>
/// The model families a dataset folder's <c>manifest.json</c> records (docs/extraction.md): <c>extract</c>
/// writes one entry per model under <c>models</c>, each with its manifest (<c>{"manifest": {"name", ...,
/// "family"}, ...}</c>); the synthetic generator writes the same shape with only the name and family. This
/// type reads those two fields and writes the synthetic form; everything else in the file is left to its writer.
/// </summary>
public static class DatasetManifest
{
    /// <summary>The file's name in a dataset folder.</summary>
    public const string FileName = "manifest.json";

    /// <summary>
    /// The family of each model the dataset's manifest.json names, by model name (ordinal). Empty when the folder has
    /// no manifest.json or its manifest has no <c>models</c>; a model whose <c>family</c> is absent or null is left
    /// out (family unknown), as in datasets extracted before the field existed.
    /// </summary>
    /// <exception cref="DataFormatException">The file is not JSON, or a family is not a non-empty string (the message names the file, the model and the fix).</exception>
    public static IReadOnlyDictionary<string, string> ReadFamilies(string datasetRoot)
    {
        ArgumentNullException.ThrowIfNull(datasetRoot);
        string path = Path.Combine(datasetRoot, FileName);
        var families = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return families;
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw DataFormatException.InFile(path, $"not valid JSON ({e.Message}). fix: restore the manifest.json 'facecompat extract' wrote, or delete it (models then have no family).");
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("models", out JsonElement models) || models.ValueKind != JsonValueKind.Array)
            {
                return families;
            }

            int entry = 0;
            foreach (JsonElement model in models.EnumerateArray())
            {
                entry++;
                if (model.ValueKind != JsonValueKind.Object || !model.TryGetProperty("manifest", out JsonElement manifest) || manifest.ValueKind != JsonValueKind.Object
                    || !manifest.TryGetProperty("name", out JsonElement name) || name.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(name.GetString()))
                {
                    continue;
                }

                string modelName = name.GetString()!;
                if (!manifest.TryGetProperty("family", out JsonElement family) || family.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                string? value = family.ValueKind == JsonValueKind.String ? family.GetString() : null;
                if (string.IsNullOrWhiteSpace(value))
                {
                    string found = family.ValueKind == JsonValueKind.String ? $"\"{value}\" (empty)" : $"{family.GetRawText()} ({KindOf(family)}, not a string)";
                    throw DataFormatException.InFile(path, $"models[{entry - 1}] (model '{modelName}'): family is {found}. fix: give the family as a non-empty string such as \"face\" or \"generic\", or remove the key (family unknown).");
                }

                if (families.TryGetValue(modelName, out string? earlier) && earlier != value)
                {
                    throw DataFormatException.InFile(path, $"model '{modelName}' is listed twice with families \"{earlier}\" and \"{value}\". fix: keep one entry per model.");
                }

                families[modelName] = value;
            }
        }

        return families;
    }

    private static string KindOf(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    /// <summary>Writes a manifest.json holding only each model's name and family (models with a null family get none), as the synthetic generator does.</summary>
    public static void Write(string datasetRoot, string generator, IEnumerable<(string Model, string? Family)> models)
    {
        ArgumentNullException.ThrowIfNull(datasetRoot);
        ArgumentNullException.ThrowIfNull(models);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("generator", generator);
            w.WriteStartArray("models");
            foreach ((string model, string? family) in models)
            {
                w.WriteStartObject();
                w.WriteStartObject("manifest");
                w.WriteString("name", model);
                if (family is not null)
                {
                    w.WriteString("family", family);
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        AtomicFile.WriteText(Path.Combine(datasetRoot, FileName), System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n");
    }
}
