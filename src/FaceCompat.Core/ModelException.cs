namespace FaceCompat;

/// <summary>
/// A model or native-runtime problem: an unknown model preset, a manifest that does not match the
/// ONNX file, a missing native library. The message says what to do (CLI exit code 4).
/// </summary>
public sealed class ModelException : Exception
{
    public ModelException(string message)
        : base(message)
    {
    }

    public ModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ModelException()
    {
    }
}
