namespace FaceCompat;

/// <summary>
/// A model or native-runtime problem: an unknown model preset, a manifest that does not match the
/// ONNX file, a missing native library. The message says what to do (CLI exit code 4).
/// </summary>
public sealed class ModelException : Exception
{
    /// <summary>A model or native-library error (exit code 4); the message names the model or library and the fix.</summary>
    public ModelException(string message)
        : base(message)
    {
    }

    /// <summary>A model or native-library error with its cause.</summary>
    public ModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A model error with no message (for serializers).</summary>
    public ModelException()
    {
    }
}
