using FaceCompat.Extraction.Onnx;

namespace FaceCompat.Tests;

/// <summary>A fact skipped, with a message, when libonnxruntime or ../shared/data is absent.</summary>
public sealed class OnnxRuntimeFactAttribute : FactAttribute
{
    public OnnxRuntimeFactAttribute()
    {
        if (!SharedData.HasData)
        {
            Skip = "../shared/data is absent (set FACECOMPAT_SHARED to the shared folder to run this test).";
        }
        else if (!OnnxSession.IsRuntimeAvailable)
        {
            Skip = "libonnxruntime is absent: run scripts/setup-native.d/onnxruntime.sh or set FACECOMPAT_ORT_LIB.";
        }
    }
}
