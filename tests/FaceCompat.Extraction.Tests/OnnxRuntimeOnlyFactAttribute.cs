using FaceCompat.Extraction.Onnx;

namespace FaceCompat.Tests;

/// <summary>A fact that needs libonnxruntime but no shared data (graphs the test builds itself); skipped, with a message, without the runtime.</summary>
public sealed class OnnxRuntimeOnlyFactAttribute : FactAttribute
{
    public OnnxRuntimeOnlyFactAttribute()
    {
        if (!OnnxSession.IsRuntimeAvailable)
        {
            Skip = OnnxRuntimeOnlyTheoryAttribute.Missing;
        }
    }
}

/// <summary>The theory form of <see cref="OnnxRuntimeOnlyFactAttribute"/>.</summary>
public sealed class OnnxRuntimeOnlyTheoryAttribute : TheoryAttribute
{
    internal const string Missing = "libonnxruntime is absent: run scripts/setup-native.d/onnxruntime.sh or set FACECOMPAT_ORT_LIB.";

    public OnnxRuntimeOnlyTheoryAttribute()
    {
        if (!OnnxSession.IsRuntimeAvailable)
        {
            Skip = Missing;
        }
    }
}
