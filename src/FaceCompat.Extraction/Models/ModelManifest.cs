using System.Text.Json;
using System.Text.Json.Serialization;

namespace FaceCompat.Extraction.Models;

/// <summary>
/// How to feed one embedding model: file, tensor names, the crop (an aligned face or the whole image,
/// resized and centre-cropped), layout, plane order, per-plane mean/std (value = (pixel * rescale - mean)
/// / std, in plane order), the output and how to pool it, batching, distance and model family.
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

    /// <summary>
    /// For <see cref="Crop"/> "aligned": the ArcFace 112 template is scaled by this about its centre and
    /// centred in the InputSize crop; null (the default) is InputSize / 112, the template scaled to fill
    /// the crop. Smaller values give a looser crop (more context around the face).
    /// </summary>
    public double? CropScale { get; init; }

    /// <summary>"aligned" (default): the face warped by its 5 landmarks; "image": the whole image, resized as <see cref="Resize"/> says (no landmarks needed).</summary>
    public string Crop { get; init; } = "aligned";

    /// <summary>For "image" crops: "bilinear" or "bicubic", with Pillow's filters (antialiased when shrinking), as Hugging Face image processors resize.</summary>
    public string Resize { get; init; } = "bilinear";

    /// <summary>For "image" crops: 0 resizes the whole image to InputSize x InputSize; otherwise the shorter side is resized to this and the centre InputSize x InputSize is cropped.</summary>
    public int ResizeShorter { get; init; }

    /// <summary>"NCHW" (default) or "NHWC": the input tensor's layout.</summary>
    public string Layout { get; init; } = "NCHW";

    /// <summary>Multiplies each 0..255 pixel before <see cref="Mean"/> and <see cref="Std"/> (1/255 for Hugging Face processors, whose mean/std are in 0..1).</summary>
    public double Rescale { get; init; } = 1.0;

    /// <summary>How the output becomes one row: "none" (flattened per image), "cls" (token 0 of an [N, T, D] output, e.g. last_hidden_state) or "mean" (the mean over its T tokens).</summary>
    public string Pooling { get; init; } = "none";

    /// <summary>The model family ("face", "generic", ...), written to the dataset and used to group models in studies and reports; null when unknown.</summary>
    public string? Family { get; init; }

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
            return (JsonSerializer.Deserialize<ModelManifest>(System.IO.File.ReadAllText(path), s_json)
                ?? throw new ModelException($"{path}: empty model manifest. Write one as docs/extraction.md shows, or use a preset.")).Validate();
        }
        catch (JsonException e)
        {
            throw new ModelException($"{path}: not a valid model manifest ({e.Message}). Write one as docs/extraction.md shows, or use a preset.", e);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    /// <summary>What the model is fed, as a key: models with equal recipes share one crop per image.</summary>
    [JsonIgnore]
    public CropRecipe Recipe => NeedsLandmarks
        ? new CropRecipe("aligned", InputSize, EffectiveCropScale, "", 0)
        : new CropRecipe("image", InputSize, 0, Resize, ResizeShorter);

    /// <summary>The template scale in effect for aligned crops (see <see cref="CropScale"/>).</summary>
    [JsonIgnore]
    public double EffectiveCropScale => CropScale ?? InputSize / 112.0;

    /// <summary>Whether the model needs landmarks (aligned crops do, whole-image crops do not).</summary>
    [JsonIgnore]
    public bool NeedsLandmarks => Crop == "aligned";

    /// <summary>Checks every field's range and spelling; names the model, the field and the values allowed.</summary>
    /// <exception cref="ModelException">A field is out of range or unknown.</exception>
    public ModelManifest Validate()
    {
        void Require(bool ok, string field, string allowed)
        {
            if (!ok)
            {
                throw new ModelException($"model '{Name}': {field} {allowed}. Fix the manifest (docs/extraction.md lists every field).");
            }
        }

        Require(!string.IsNullOrWhiteSpace(Name) && !string.IsNullOrWhiteSpace(File), "name and file", "must be given");
        Require(InputSize is >= 1 and <= 4096, "inputSize", $"is {InputSize}; use 1 to 4096");
        Require(Crop is "aligned" or "image", "crop", $"is '{Crop}'; use aligned or image");
        Require(Resize is "bilinear" or "bicubic", "resize", $"is '{Resize}'; use bilinear or bicubic");
        Require(ResizeShorter == 0 || ResizeShorter >= InputSize, "resizeShorter", $"is {ResizeShorter}; use 0 (resize the whole image) or at least inputSize ({InputSize}) before the centre crop");
        Require(Layout is "NCHW" or "NHWC", "layout", $"is '{Layout}'; use NCHW or NHWC");
        Require(Pooling is "none" or "cls" or "mean", "pooling", $"is '{Pooling}'; use none, cls or mean");
        Require(ChannelOrder is "RGB" or "BGR", "channelOrder", $"is '{ChannelOrder}'; use RGB or BGR");
        Require(Mean.Count == 3 && Std.Count == 3 && Mean.All(double.IsFinite) && Std.All(v => double.IsFinite(v) && v != 0), "mean and std", "need three finite values each, std not 0");
        Require(double.IsFinite(Rescale) && Rescale > 0, "rescale", $"is {Rescale}; use a finite number > 0");
        Require(CropScale is null || (double.IsFinite(CropScale.Value) && CropScale > 0), "cropScale", "must be a finite number > 0");
        Require(FixedBatch >= 0, "fixedBatch", "must be 0 (any batch) or the fixed batch size");
        return this;
    }

    /// <summary>A preset name or a manifest path.</summary>
    public static ModelManifest Resolve(string nameOrPath)
        => ModelPresets.All.TryGetValue(nameOrPath, out var preset) ? preset
            : System.IO.File.Exists(nameOrPath) ? Load(nameOrPath)
            : throw new ModelException($"unknown model '{nameOrPath}': use a preset ({string.Join(", ", ModelPresets.All.Keys)}) or a manifest .json path.");
}

/// <summary>One crop of an image: an aligned face (size, template scale) or the whole image (size, filter, shorter side).</summary>
public readonly record struct CropRecipe(string Crop, int Size, double TemplateScale, string Resize, int ResizeShorter);
