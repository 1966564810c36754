using System.Text.Json;
using FaceCompat.Evaluation;
using FaceCompat.Mapping;

namespace FaceCompat.Study;

/// <summary>
/// What a study computes: every ordered pair of <see cref="Models"/> (the pair of a model with
/// itself is its <c>self</c> row) x <see cref="Methods"/> x <see cref="Seeds"/> on every dataset,
/// plus, with <see cref="Cross"/>, every ordered pair of datasets (fit on one, evaluate on the
/// other), plus, with <see cref="FitIdentities"/>, the training-size cells. Saved in the study folder's
/// study.json (<see cref="StudyFolder"/>).
/// </summary>
public sealed record StudyDefinition
{
    /// <summary>Dataset folders evaluated.</summary>
    public required IReadOnlyList<string> Datasets { get; init; }

    /// <summary>Models (embedding files) compared, every ordered pair.</summary>
    public required IReadOnlyList<string> Models { get; init; }

    /// <summary>Map methods.</summary>
    public IReadOnlyList<MapMethod> Methods { get; init; } = MapMethods.All;

    /// <summary>Split seeds.</summary>
    public IReadOnlyList<int> Seeds { get; init; } = [0, 1, 2, 3, 4];

    /// <summary>Percentage of identities held out for testing.</summary>
    public int TestPercent { get; init; } = 30;

    /// <summary>The ridge method's lambda.</summary>
    public double RidgeLambda { get; init; } = 0.1;

    /// <summary>Which impostor pairs verification scores.</summary>
    public ImpostorSampling Impostors { get; init; } = ImpostorSampling.All;

    /// <summary>Also run the cross-dataset protocol (fit on one dataset, evaluate on another).</summary>
    public bool Cross { get; init; }

    /// <summary>Training-size experiment: numbers of fitting identities (each also run at every seed).</summary>
    public IReadOnlyList<int> FitIdentities { get; init; } = [];

    /// <summary>Store per-query outcomes in cells (for bootstrap intervals over identities).</summary>
    public bool KeepQueryOutcomes { get; init; } = true;

    /// <summary>Also measure template linkability (D_sys, prior ratio 1) in every cell: two more scoring passes per cell.</summary>
    public bool Linkability { get; init; }

    /// <summary>
    /// Also measure representation similarity (docs/similarity.md) of every work unit's raw test
    /// embeddings, with these k and permutations (the seed is the split seed); null = not measured.
    /// </summary>
    public Similarity.SimilarityOptions? Similarity { get; init; }

    /// <summary>Also run open-set identification (docs/metrics.md) in every cell with these settings; null = not measured.</summary>
    public OpenSetOptions? OpenSet { get; init; }

    /// <summary>Cosine or CSLS scoring of every cell, and the hubness statistic (docs/metrics.md, Hubness).</summary>
    public ScoringOptions Scoring { get; init; } = ScoringOptions.Cosine;

    /// <summary>Settings of the mlp method (written to study.json only when the methods include it).</summary>
    public MlpOptions Mlp { get; init; } = new();

    /// <summary>The definition as study.json text.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            WriteStrings(w, "datasets", Datasets);
            WriteStrings(w, "models", Models);
            WriteStrings(w, "methods", Methods.Select(m => m.ToName()));
            w.WriteStartArray("seeds");
            foreach (int s in Seeds)
            {
                w.WriteNumberValue(s);
            }

            w.WriteEndArray();
            w.WriteNumber("test_percent", TestPercent);
            w.WriteNumber("lambda", RidgeLambda);
            w.WriteString("impostors", Impostors == ImpostorSampling.Balanced ? "balanced" : "all");
            w.WriteBoolean("cross", Cross);
            w.WriteStartArray("fit_identities");
            foreach (int k in FitIdentities)
            {
                w.WriteNumberValue(k);
            }

            w.WriteEndArray();
            w.WriteBoolean("keep_queries", KeepQueryOutcomes);
            if (Linkability)
            {
                // Written only when asked, so the study.json of studies without it is unchanged (they still resume).
                w.WriteBoolean("linkability", true);
            }

            if (Similarity is Similarity.SimilarityOptions similarity)
            {
                // Also only when asked (older study.json files keep their fingerprint).
                w.WriteStartObject("similarity");
                w.WriteNumber("k", similarity.Neighbours);
                w.WriteNumber("permutations", similarity.Permutations);
                w.WriteEndObject();
            }

            if (OpenSet is OpenSetOptions openSet)
            {
                // Also only when asked (older study.json files keep their fingerprint).
                w.WriteStartObject("open_set");
                w.WriteNumber("non_mated_percent", openSet.NonMatedPercent);
                w.WriteNumber("rank", openSet.Rank);
                w.WriteEndObject();
            }

            if (Methods.Contains(MapMethod.Mlp))
            {
                // Only with the mlp method (studies without it keep their fingerprint).
                w.WriteStartObject("mlp");
                Mlp.WriteProperties(w);
                w.WriteEndObject();
            }

            if (Scoring.CollectsNeighbourhoods)
            {
                // Also only when CSLS or the hubness statistic is asked for: cosine studies keep their fingerprint.
                w.WriteStartObject("scoring");
                w.WriteString("method", Scoring.Name);
                w.WriteNumber("k", Scoring.K);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// The configuration's fingerprint: lowercase hex SHA-256 of <see cref="ToJson"/> (UTF-8). Two
    /// runs may share a study folder exactly when their fingerprints are equal; for a folder of
    /// format 1 it is the SHA-256 of its study.json.
    /// </summary>
    public string Fingerprint() => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ToJson())));

    /// <summary>The configuration of a study.json (format 1 or 2; format keys are ignored).</summary>
    /// <exception cref="JsonException">A setting is missing or malformed.</exception>
    public static StudyDefinition FromJson(JsonElement e)
    {
        string[] Strings(string key) => e.GetProperty(key).EnumerateArray().Select(x => x.GetString() ?? throw new JsonException($"'{key}' holds a non-string")).ToArray();
        int[] Integers(string key) => e.GetProperty(key).EnumerateArray().Select(x => x.GetInt32()).ToArray();
        var methods = new List<MapMethod>();
        foreach (string name in Strings("methods"))
        {
            methods.Add(MapMethods.TryParse(name, out MapMethod m) ? m : throw new JsonException($"unknown method '{name}'"));
        }

        return new StudyDefinition
        {
            Datasets = Strings("datasets"),
            Models = Strings("models"),
            Methods = methods,
            Seeds = Integers("seeds"),
            TestPercent = e.GetProperty("test_percent").GetInt32(),
            RidgeLambda = e.GetProperty("lambda").GetDouble(),
            Impostors = e.GetProperty("impostors").GetString() == "balanced" ? ImpostorSampling.Balanced : ImpostorSampling.All,
            Cross = e.GetProperty("cross").GetBoolean(),
            FitIdentities = Integers("fit_identities"),
            KeepQueryOutcomes = e.GetProperty("keep_queries").GetBoolean(),
            Linkability = e.TryGetProperty("linkability", out JsonElement l) && l.GetBoolean(),
            Similarity = e.TryGetProperty("similarity", out JsonElement s) && s.ValueKind == JsonValueKind.Object
                ? new Similarity.SimilarityOptions { Neighbours = s.GetProperty("k").GetInt32(), Permutations = s.GetProperty("permutations").GetInt32() }
                : null,
            OpenSet = e.TryGetProperty("open_set", out JsonElement o) && o.ValueKind == JsonValueKind.Object
                ? new OpenSetOptions(o.GetProperty("non_mated_percent").GetInt32(), o.GetProperty("rank").GetInt32())
                : null,
            Scoring = e.TryGetProperty("scoring", out JsonElement sc) && sc.ValueKind == JsonValueKind.Object ? ReadScoring(sc) : ScoringOptions.Cosine,
            Mlp = e.TryGetProperty("mlp", out JsonElement mlp) && mlp.ValueKind == JsonValueKind.Object ? MlpOptions.ReadProperties(mlp) : new MlpOptions(),
        };
    }

    /// <summary>Each setting of a configuration's JSON as compact JSON text, by key (format keys left out).</summary>
    internal static Dictionary<string, string> Settings(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateObject()
            .Where(p => p.Name is not ("format_version" or "fingerprint"))
            .ToDictionary(p => p.Name, p => Compact(p.Value), StringComparer.Ordinal);
    }

    /// <summary>A JSON value as compact text (what <c>JsonSerializer.Serialize(JsonElement)</c> writes, without reflection).</summary>
    private static string Compact(JsonElement value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static ScoringOptions ReadScoring(JsonElement e)
    {
        string? name = e.GetProperty("method").GetString();
        return ScoringOptions.TryParse(name, out ScoringMethod method)
            ? new ScoringOptions { Method = method, K = e.GetProperty("k").GetInt32(), Hubness = true }
            : throw new JsonException($"unknown scoring '{name}'");
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (string v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }
}
