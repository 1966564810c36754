using System.Globalization;
using FaceCompat.Data;
using FaceCompat.Extraction.Onnx.Format;
using FaceCompat.Mapping;

namespace FaceCompat.Extraction.Export;

/// <summary>Which rows an exported graph produces, as <c>facecompat apply --side</c>.</summary>
public enum AdapterSide
{
    /// <summary>Source-model templates mapped into the target space: normalise(pad(l2n(x) - mu_s) W).</summary>
    Source,

    /// <summary>Target-model probes prepared to compare with mapped templates: normalise(l2n(y) - mu_t).</summary>
    Target,
}

/// <summary>The arithmetic inside an exported graph; its input and output are float32 either way.</summary>
public enum AdapterPrecision
{
    /// <summary>float64 between a Cast after the input and a Cast before the output: the arithmetic of 'apply' (default).</summary>
    Float64,

    /// <summary>float32 throughout, for runtimes without float64 kernels; ill-conditioned maps (unregularised least squares on few rows) lose digits.</summary>
    Float32,
}

/// <summary>
/// A fitted adapter as ONNX operators: the same rows as <see cref="FittedMap.MapSource"/> (or
/// <see cref="FittedMap.PrepareTarget"/>), in float32. Built only from operators that exist with the
/// same meaning from opset 9 on (Cast, Mul, MatMul, Sqrt, Max, Div, Sub, Flatten, Identity; Add and Relu for MLP adapters), so it can be
/// appended to models of any opset from 9 on. Norms are taken as sqrt(sum of squares) with a MatMul
/// against a ones column (ReduceSum changed signature at opset 13 and 18); a zero row stays zero, as in
/// PROTOCOL.md (divided by max(norm, 2^-126)). With <see cref="AdapterPrecision.Float64"/> the
/// arithmetic is apply's own (float64, narrowed once at the end).
/// </summary>
public static class AdapterGraph
{
    /// <summary>Name of the standalone graph's input.</summary>
    public const string InputName = "source_embedding";

    /// <summary>Name of the exported graphs' output.</summary>
    public const string OutputName = "target_embedding";

    /// <summary>Opset of standalone adapter graphs.</summary>
    public const long StandaloneOpset = 13;

    private const string Prefix = "facecompat_adapter";

    /// <summary>A standalone model: [N, d_in] embeddings in, [N, d_out] unit rows out.</summary>
    public static ModelProto Standalone(FittedMap map, AdapterProvenance provenance, AdapterSide side, AdapterPrecision precision = AdapterPrecision.Float64)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(provenance);
        (int dIn, int dOut) = Dimensions(map, side);
        var graph = new GraphProto { Name = $"facecompat adapter {provenance.SourceModel} -> {provenance.TargetModel}" };
        graph.Input.Add(GraphBuilder.FloatValue(InputName, "N", null, dIn));
        var builder = new GraphBuilder(graph, Prefix);
        string result = Append(builder, InputName, map, side, precision);
        Finish(builder, result, dOut);
        var model = new ModelProto { IrVersion = OnnxModelFile.IrVersion, ProducerName = "facecompat", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = StandaloneOpset });
        AddMetadata(model, map, provenance, side, precision);
        return model;
    }

    /// <summary>
    /// Appends the adapter to an embedding model: the model's chosen output (flattened per row, as
    /// <c>extract</c> flattens it) feeds the adapter, whose rows become the model's only output.
    /// </summary>
    /// <param name="model">The embedding model, changed in place and returned.</param>
    /// <param name="modelPath">The model's file, for messages.</param>
    /// <param name="outputName">The model output holding the embedding; null when the model has one output.</param>
    /// <exception cref="ModelException">The output is unknown, not float32, or the opset is below 9.</exception>
    /// <exception cref="DataFormatException">The embedding's width is not the adapter's input dimension.</exception>
    public static ModelProto Compose(ModelProto model, string modelPath, string? outputName, FittedMap map, AdapterProvenance provenance, AdapterSide side, AdapterPrecision precision = AdapterPrecision.Float64)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(provenance);
        GraphProto graph = model.Graph ?? throw new ModelException($"{modelPath}: the model has no graph.");
        long opset = OnnxModelFile.DefaultOpset(model);
        if (opset < 9)
        {
            throw new ModelException($"{modelPath}: the model uses ai.onnx opset {opset}; composing needs opset 9 or later. Convert it first (onnx.version_converter).");
        }

        string[] outputs = graph.Output.Select(o => o.Name ?? "").ToArray();
        string chosen = outputName ?? (outputs.Length == 1 ? outputs[0]
            : throw new ModelException($"{modelPath}: the model has {outputs.Length} outputs ({string.Join(", ", outputs)}); say which holds the embedding with --model-output."));
        ValueInfoProto output = graph.Output.FirstOrDefault(o => o.Name == chosen)
            ?? throw new ModelException($"{modelPath}: no output named '{chosen}'; the model's outputs are {string.Join(", ", outputs)}.");
        TensorTypeProto? type = output.Type?.TensorType;
        if (type is not null && type.ElemType != (int)TensorElementType.Float)
        {
            throw new ModelException($"{modelPath}: output '{chosen}' has ONNX element type {type.ElemType}, not float32 (1); the adapter needs float32 embeddings.");
        }

        (int dIn, int dOut) = Dimensions(map, side);
        long? width = FlattenedWidth(type?.Shape);
        if (width is long w && w != dIn)
        {
            string role = side == AdapterSide.Source ? $"source model ({provenance.SourceModel})" : $"target model ({provenance.TargetModel})";
            throw new DataFormatException($"{modelPath}: output '{chosen}' is {w}-dimensional, but the adapter's {role} is {dIn}-dimensional. Compose the adapter with the model it was fitted for, or use --side {(side == AdapterSide.Source ? "target" : "source")}.");
        }

        if (outputs.Contains(OutputName) || graph.Node.Any(n => n.Output.Contains(OutputName)))
        {
            throw new ModelException($"{modelPath}: the model already has a value named '{OutputName}'; it looks composed already.");
        }

        var builder = new GraphBuilder(graph, Prefix);
        string flat = builder.Node("Flatten", [chosen], GraphBuilder.Int("axis", 1));
        string result = Append(builder, flat, map, side, precision);
        graph.Output.Clear();
        Finish(builder, result, dOut);
        AddMetadata(model, map, provenance, side, precision);
        return model;
    }

    /// <summary>Appends the adapter's operators after <paramref name="input"/> ([N, d_in] float32) and returns the [N, d_out] float32 result's name.</summary>
    private static string Append(GraphBuilder b, string input, FittedMap map, AdapterSide side, AdapterPrecision precision)
    {
        (int dIn, int dOut) = Dimensions(map, side);
        TensorElementType type = precision == AdapterPrecision.Float64 ? TensorElementType.Double : TensorElementType.Float;
        string x = type == TensorElementType.Double ? b.Node("Cast", [input], GraphBuilder.Int("to", (long)TensorElementType.Double)) : input;
        string tiny = b.Constant("min_norm", [1.1754943508222875e-38], type, 1);
        string unit = DivideByNorm(b, x, x, dIn, tiny, type);
        string result;
        if (side == AdapterSide.Target)
        {
            string centredTarget = b.Node("Sub", [unit, b.Constant("target_mean", map.TargetMean, type, dOut)]);
            result = DivideByNorm(b, centredTarget, centredTarget, dOut, tiny, type);
        }
        else
        {
            string centred = b.Node("Sub", [unit, b.Constant("source_mean", map.SourceMean, type, dIn)]);
            string mapped = b.Node("MatMul", [centred, b.Constant("weights", map.Weights.Values, type, dIn, dOut)]);
            if (map.Residual is MlpResidual residual)
            {
                mapped = b.Node("Add", [mapped, Residual(b, centred, residual, type)]);
            }

            result = map.PreservesNorm
                ? DivideByNorm(b, mapped, centred, dIn, tiny, type)
                : DivideByNorm(b, mapped, mapped, dOut, tiny, type);
        }

        return type == TensorElementType.Double ? b.Node("Cast", [result], GraphBuilder.Int("to", (long)TensorElementType.Float)) : result;
    }

    /// <summary>The MLP adapter's residual (docs/mlp.md): MatMul, Add and Relu per hidden layer, then the output layer's MatMul and Add.</summary>
    private static string Residual(GraphBuilder b, string centred, MlpResidual residual, TensorElementType type)
    {
        string h = centred;
        for (int l = 0; l < residual.Weights.Length; l++)
        {
            Matrix<double> w = residual.Weights[l];
            string z = b.Node("Add", [b.Node("MatMul", [h, b.Constant($"mlp_weights_{l + 1}", w.Values, type, w.Rows, w.Columns)]), b.Constant($"mlp_bias_{l + 1}", residual.Biases[l], type, w.Columns)]);
            h = l < residual.Layers ? b.Node("Relu", [z]) : z;
        }

        return h;
    }

    /// <summary>value / max(|normOf|, tiny), row by row; normOf has <paramref name="width"/> columns.</summary>
    private static string DivideByNorm(GraphBuilder b, string value, string normOf, int width, string tiny, TensorElementType type)
    {
        string squares = b.Node("Mul", [normOf, normOf]);
        string sum = b.Node("MatMul", [squares, b.Constant("ones", Enumerable.Repeat(1.0, width).ToArray(), type, width, 1)]);
        string norm = b.Node("Max", [b.Node("Sqrt", [sum]), tiny]);
        return b.Node("Div", [value, norm]);
    }

    private static void Finish(GraphBuilder b, string result, int dOut)
    {
        var identity = new NodeProto { OpType = "Identity", Name = b.Fresh("output") };
        identity.Input.Add(result);
        identity.Output.Add(OutputName);
        b.Graph.Node.Add(identity);
        b.Graph.Output.Add(GraphBuilder.FloatValue(OutputName, "N", null, dOut));
    }

    private static (int In, int Out) Dimensions(FittedMap map, AdapterSide side) =>
        side == AdapterSide.Source ? (map.SourceDimension, map.TargetDimension) : (map.TargetDimension, map.TargetDimension);

    /// <summary>The product of every dimension after the first, or null when one is not a fixed number.</summary>
    private static long? FlattenedWidth(TensorShapeProto? shape)
    {
        if (shape is null || shape.Dim.Count < 2)
        {
            return null;
        }

        long width = 1;
        foreach (DimensionProto d in shape.Dim.Skip(1))
        {
            if (d.DimValue is not long v || v <= 0)
            {
                return null;
            }

            width *= v;
        }

        return width;
    }

    private static void AddMetadata(ModelProto model, FittedMap map, AdapterProvenance p, AdapterSide side, AdapterPrecision precision)
    {
        void Add(string key, string value) => model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        Add("facecompat.adapter_format", map.Residual is null ? AdapterFile.Format : AdapterFile.MlpFormat);
        Add("facecompat.side", side == AdapterSide.Source ? "source" : "target");
        Add("facecompat.method", map.Method.ToName());
        Add("facecompat.lambda", map.Lambda.ToString("R", CultureInfo.InvariantCulture));
        Add("facecompat.source_model", p.SourceModel);
        Add("facecompat.target_model", p.TargetModel);
        Add("facecompat.dataset", p.Dataset);
        Add("facecompat.data_sha256", p.DataSha256);
        Add("facecompat.precision", precision == AdapterPrecision.Float64 ? "float64" : "float32");
        Add("facecompat.rows", side == AdapterSide.Source
            ? "normalise(pad(l2n(x) - source_mean) @ weights)"
            : "normalise(l2n(y) - target_mean)");
    }
}
