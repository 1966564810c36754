using FaceCompat.Data;
using ProtoBuf;

namespace FaceCompat.Extraction.Onnx.Format;

/// <summary>
/// Reads and writes <c>.onnx</c> files (the protobuf <see cref="ModelProto"/>): the one place the
/// project touches the ONNX file format. Writes are atomic; a file that is not a model, or one whose
/// weights live in external data files, is refused with a <see cref="ModelException"/> naming it.
/// </summary>
public static class OnnxModelFile
{
    /// <summary>IR version written for new models (ONNX 1.13+, read by ONNX Runtime 1.14 and later).</summary>
    public const long IrVersion = 8;

    /// <summary>Reads a model; unknown fields are kept, so <see cref="Save"/> writes them back unchanged.</summary>
    /// <exception cref="ModelException">The file is missing, not an ONNX model, or uses external data.</exception>
    public static ModelProto Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ModelException($"{path}: ONNX model not found. Check the path.");
        }

        ModelProto model;
        try
        {
            using FileStream stream = File.OpenRead(path);
            model = Serializer.Deserialize<ModelProto>(stream);
        }
        catch (Exception e) when (e is ProtoException or EndOfStreamException or InvalidOperationException or OverflowException or ArgumentException)
        {
            throw new ModelException($"{path}: not a readable ONNX model ({e.Message}). Export it again, or check that the file was copied whole.", e);
        }

        if (model.Graph is null || model.IrVersion <= 0)
        {
            throw new ModelException($"{path}: not an ONNX model (no graph or IR version). Check that the file is the .onnx export.");
        }

        if (model.Graph.Initializer.Any(t => t.DataLocation == 1))
        {
            throw new ModelException($"{path}: the model keeps its weights in external data files, which this tool does not copy. Convert it to a single file first (onnx.save(model, path, save_as_external_data=False)).");
        }

        return model;
    }

    /// <summary>Writes a model atomically (a temporary file renamed into place).</summary>
    public static void Save(string path, ModelProto model)
    {
        ArgumentNullException.ThrowIfNull(model);
        AtomicFile.Write(path, stream => Serializer.Serialize(stream, model));
    }

    /// <summary>The model's ai.onnx opset version (domain "" or "ai.onnx"); 0 when none is imported.</summary>
    public static long DefaultOpset(ModelProto model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.OpsetImport.Where(o => string.IsNullOrEmpty(o.Domain) || o.Domain == "ai.onnx").Select(o => o.Version).DefaultIfEmpty(0).Max();
    }
}
