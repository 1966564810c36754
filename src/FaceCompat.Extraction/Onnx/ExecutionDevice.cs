using System.Globalization;

namespace FaceCompat.Extraction.Onnx;

/// <summary>Where ONNX Runtime runs a model: the CPU (default) or one CUDA device.</summary>
public readonly record struct ExecutionDevice(bool IsCuda, int Id)
{
    public static ExecutionDevice Cpu => default;

    /// <summary>Parses <c>cpu</c>, <c>cuda</c> (device 0) or <c>cuda:N</c>.</summary>
    public static bool TryParse(string? text, out ExecutionDevice device)
    {
        device = Cpu;
        string value = (text ?? string.Empty).Trim().ToLowerInvariant();
        if (value == "cpu")
        {
            return true;
        }

        if (value == "cuda")
        {
            device = new ExecutionDevice(true, 0);
            return true;
        }

        if (value.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(value.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int id))
        {
            device = new ExecutionDevice(true, id);
            return true;
        }

        return false;
    }

    public override string ToString() => IsCuda ? string.Create(CultureInfo.InvariantCulture, $"cuda:{Id}") : "cpu";
}
