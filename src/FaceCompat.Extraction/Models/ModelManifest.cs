using System.Text.Json;
using System.Text.Json.Serialization;

namespace FaceCompat.Extraction.Models;

/// <summary>
/// How to feed one embedding model: file, tensor names, crop size, plane order, per-plane mean/std
/// (value = (pixel - mean) / std, in plane order), batching, distance.
/// </summary>
public sealed record ModelManifest
{
    public required string Name { get; init; }

    public required string File { get; init; }

    public string Input { get; init; } = "input";

    public string Output { get; init; } = "output";

    public int InputSize { get; init; } = 112;

    /// <summary>"RGB" or "BGR": the order of the three input planes.</summary>
    public string ChannelOrder { get; init; } = "RGB";

    public IReadOnlyList<double> Mean { get; init; } = [0, 0, 0];

    public IReadOnlyList<double> Std { get; init; } = [1, 1, 1];

    /// <summary>Crop template scale relative to the ArcFace 112 template (S / 112 for the scaled template).</summary>
    public double CropScale { get; init; } = 1.0;

    /// <summary>0 = any batch size; otherwise the fixed batch size.</summary>
    public int FixedBatch { get; init; }

    public string Distance { get; init; } = "cosine";

    public bool Verified { get; init; } = true;

    public string? Notes { get; init; }

    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static ModelManifest Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelManifest>(System.IO.File.ReadAllText(path), s_json)
                ?? throw new ModelException($"{path}: empty model manifest. Write one as docs/extraction.md shows, or use a preset.");
        }
        catch (JsonException e)
        {
            throw new ModelException($"{path}: not a valid model manifest ({e.Message}). Write one as docs/extraction.md shows, or use a preset.", e);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    /// <summary>A preset name or a manifest path.</summary>
    public static ModelManifest Resolve(string nameOrPath)
        => ModelPresets.All.TryGetValue(nameOrPath, out var preset) ? preset
            : System.IO.File.Exists(nameOrPath) ? Load(nameOrPath)
            : throw new ModelException($"unknown model '{nameOrPath}': use a preset ({string.Join(", ", ModelPresets.All.Keys)}) or a manifest .json path.");
}
