namespace FaceCompat.Extraction.Models;

/// <summary>Manifests for the six models in ../shared/data/models and documented (unverified) public models.</summary>
public static class ModelPresets
{
    private static readonly IReadOnlyList<double> s_caffeBgrMean = [103.939, 116.779, 123.68];

    public static readonly IReadOnlyDictionary<string, ModelManifest> All = new Dictionary<string, ModelManifest>(StringComparer.Ordinal)
    {
        ["mfn512"] = new() { Name = "mfn512", File = "mfn512.onnx", Mean = [127, 127, 127], Std = [128, 128, 128], FixedBatch = 1 },
        ["mfn128"] = new() { Name = "mfn128", File = "mfn128.onnx", Mean = [127, 127, 127], Std = [128, 128, 128], FixedBatch = 1 },
        ["mobileface256"] = new() { Name = "mobileface256", File = "mobileface256.onnx" },
        ["faceres1024"] = new() { Name = "faceres1024", File = "faceres1024.onnx", InputSize = 224, CropScale = 2, ChannelOrder = "BGR", Mean = s_caffeBgrMean },
        ["faceresdeep1024"] = new() { Name = "faceresdeep1024", File = "faceresdeep1024.onnx", InputSize = 224, CropScale = 2, ChannelOrder = "BGR", Mean = s_caffeBgrMean },
        ["dlib128"] = new() { Name = "dlib128", File = "dlib128.onnx", InputSize = 150, CropScale = 150.0 / 112.0, Notes = "centre before cosine" },
        ["arcface-r100"] = new() { Name = "arcface-r100", File = "glintr100.onnx", Input = "input.1", Output = "683", Mean = [127.5, 127.5, 127.5], Std = [127.5, 127.5, 127.5], Verified = false, Notes = "InsightFace iResNet-100 (antelopev2 glintr100); names vary per export" },
        ["arcface-r50"] = new() { Name = "arcface-r50", File = "w600k_r50.onnx", Input = "input.1", Output = "683", Mean = [127.5, 127.5, 127.5], Std = [127.5, 127.5, 127.5], Verified = false, Notes = "InsightFace buffalo_l iResNet-50" },
        ["adaface-ir101"] = new() { Name = "adaface-ir101", File = "adaface_ir101.onnx", ChannelOrder = "BGR", Mean = [127.5, 127.5, 127.5], Std = [127.5, 127.5, 127.5], Verified = false, Notes = "AdaFace expects BGR, (x/255-0.5)/0.5" },
        ["magface-r100"] = new() { Name = "magface-r100", File = "magface_iresnet100.onnx", ChannelOrder = "BGR", Mean = [0, 0, 0], Std = [255, 255, 255], Verified = false, Notes = "MagFace: BGR, x/255; embedding norm = quality" },
        ["clip-vitb32"] = new() { Name = "clip-vitb32", File = "clip_vitb32_visual.onnx", InputSize = 224, CropScale = 2, Mean = [122.77, 116.75, 104.09], Std = [68.50, 66.63, 70.32], Verified = false, Notes = "OpenAI CLIP image tower; loose 224 crop" },
        ["dinov2-vitb14"] = new() { Name = "dinov2-vitb14", File = "dinov2_vitb14.onnx", InputSize = 224, CropScale = 2, Mean = [123.675, 116.28, 103.53], Std = [58.395, 57.12, 57.375], Verified = false, Notes = "DINOv2 CLS token; ImageNet normalisation" },
    }.AsReadOnly();
}
