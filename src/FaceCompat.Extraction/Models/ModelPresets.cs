namespace FaceCompat.Extraction.Models;

/// <summary>Manifests for the six models in ../shared/data/models and documented (unverified) public models.</summary>
public static class ModelPresets
{
    private static readonly IReadOnlyList<double> s_caffeBgrMean = [103.939, 116.779, 123.68];

    public static readonly IReadOnlyDictionary<string, ModelManifest> All = new Dictionary<string, ModelManifest>(StringComparer.Ordinal)
    {
        ["mfn512"] = new() { Family = "face", Name = "mfn512", File = "mfn512.onnx", Mean = [127, 127, 127], Std = [128, 128, 128], FixedBatch = 1 },
        ["mfn128"] = new() { Family = "face", Name = "mfn128", File = "mfn128.onnx", Mean = [127, 127, 127], Std = [128, 128, 128], FixedBatch = 1 },
        ["mobileface256"] = new() { Family = "face", Name = "mobileface256", File = "mobileface256.onnx" },
        ["faceres1024"] = new() { Family = "face", Name = "faceres1024", File = "faceres1024.onnx", InputSize = 224, CropScale = 2, ChannelOrder = "BGR", Mean = s_caffeBgrMean },
        ["faceresdeep1024"] = new() { Family = "face", Name = "faceresdeep1024", File = "faceresdeep1024.onnx", InputSize = 224, CropScale = 2, ChannelOrder = "BGR", Mean = s_caffeBgrMean },
        ["dlib128"] = new() { Family = "face", Name = "dlib128", File = "dlib128.onnx", InputSize = 150, CropScale = 150.0 / 112.0, Notes = "centre before cosine" },
        ["arcface-r100"] = new() { Family = "face", Name = "arcface-r100", File = "glintr100.onnx", Input = "input.1", Output = "683", Mean = [127.5, 127.5, 127.5], Std = [127.5, 127.5, 127.5], Verified = false, Notes = "InsightFace iResNet-100 (antelopev2 glintr100); names vary per export" },
        ["arcface-r50"] = new() { Family = "face", Name = "arcface-r50", File = "w600k_r50.onnx", Input = "input.1", Output = "683", Mean = [127.5, 127.5, 127.5], Std = [127.5, 127.5, 127.5], Verified = false, Notes = "InsightFace buffalo_l iResNet-50" },
        ["adaface-ir101"] = new() { Family = "face", Name = "adaface-ir101", File = "adaface_ir101.onnx", ChannelOrder = "BGR", Mean = [127.5, 127.5, 127.5], Std = [127.5, 127.5, 127.5], Verified = false, Notes = "AdaFace expects BGR, (x/255-0.5)/0.5" },
        ["magface-r100"] = new() { Family = "face", Name = "magface-r100", File = "magface_iresnet100.onnx", ChannelOrder = "BGR", Mean = [0, 0, 0], Std = [255, 255, 255], Verified = false, Notes = "MagFace: BGR, x/255; embedding norm = quality" },
        ["clip-vitb32"] = new() { Family = "generic", Name = "clip-vitb32", File = "clip_vitb32_visual.onnx", InputSize = 224, CropScale = 2, Mean = [122.77, 116.75, 104.09], Std = [68.50, 66.63, 70.32], Verified = false, Notes = "OpenAI CLIP image tower; loose 224 crop" },
        ["dinov2-vitb14"] = new() { Family = "generic", Name = "dinov2-vitb14", File = "dinov2_vitb14.onnx", InputSize = 224, CropScale = 2, Mean = [123.675, 116.28, 103.53], Std = [58.395, 57.12, 57.375], Verified = false, Notes = "DINOv2 CLS token; ImageNet normalisation" },
        ["mnv2nsfw1280"] = new() { Family = "generic", Name = "mnv2nsfw1280", File = "mnv2nsfw1280.onnx", InputSize = 224, Crop = "image", Verified = false, Notes = "nsfwjs MobileNetV2 (ImageNet backbone, fine-tuned); whole image resized to 224 (Pillow bilinear); RGB 0..255, the graph divides by 255" },
        ["mnv2midnsfw1792"] = new() { Family = "generic", Name = "mnv2midnsfw1792", File = "mnv2midnsfw1792.onnx", InputSize = 224, Crop = "image", Verified = false, Notes = "nsfwjs MobileNetV2 width 1.4 (TF-Hub feature vector); whole image resized to 224; RGB 0..255" },
        ["inceptionv3nsfw2048"] = new() { Family = "generic", Name = "inceptionv3nsfw2048", File = "inceptionv3nsfw2048.onnx", InputSize = 299, Crop = "image", Verified = false, Notes = "nsfwjs InceptionV3; whole image resized to 299; RGB 0..255" },
    }.AsReadOnly();
}
