using System.Runtime.InteropServices;

namespace FaceCompat.Extraction.Onnx.Format;

/// <summary>
/// Appends ai.onnx nodes and float initializers to a <see cref="GraphProto"/>, every name under one
/// prefix so that what it adds cannot collide with the names already in the graph (checked).
/// </summary>
public sealed class GraphBuilder
{
    private readonly HashSet<string> _taken;
    private readonly string _prefix;
    private int _counter;

    public GraphBuilder(GraphProto graph, string prefix)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        Graph = graph;
        _prefix = prefix;
        _taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (NodeProto node in graph.Node)
        {
            _taken.UnionWith(node.Input);
            _taken.UnionWith(node.Output);
            if (node.Name is not null)
            {
                _taken.Add(node.Name);
            }
        }

        _taken.UnionWith(graph.Initializer.Select(t => t.Name ?? ""));
        _taken.UnionWith(graph.Input.Select(v => v.Name ?? ""));
        _taken.UnionWith(graph.Output.Select(v => v.Name ?? ""));
    }

    public GraphProto Graph { get; }

    /// <summary>A name not used in the graph yet: prefix/stem, or prefix/stem_k.</summary>
    public string Fresh(string stem)
    {
        string name = $"{_prefix}/{stem}";
        while (!_taken.Add(name))
        {
            name = $"{_prefix}/{stem}_{++_counter}";
        }

        return name;
    }

    /// <summary>Adds a float32 or float64 initializer with the given shape (row-major values; narrowed for float32).</summary>
    public string Constant(string stem, ReadOnlySpan<double> values, TensorElementType type, params long[] dims)
    {
        long count = dims.Aggregate(1L, (a, b) => a * b);
        if (count != values.Length)
        {
            throw new ArgumentException($"{values.Length} values for a tensor of shape [{string.Join(", ", dims)}].", nameof(values));
        }

        if (type == TensorElementType.Double)
        {
            string name = Fresh(stem);
            var tensor = new TensorProto { Name = name, DataType = (int)TensorElementType.Double, RawData = MemoryMarshal.AsBytes(values).ToArray() };
            tensor.Dims.AddRange(dims);
            Graph.Initializer.Add(tensor);
            return name;
        }

        if (type != TensorElementType.Float)
        {
            throw new ArgumentException($"only float32 and float64 constants are written, not {type}.", nameof(type));
        }

        float[] narrow = new float[values.Length];
        for (int i = 0; i < narrow.Length; i++)
        {
            narrow[i] = (float)values[i];
        }

        return Constant(stem, narrow, dims);
    }

    /// <summary>Adds a float32 initializer (raw little-endian bytes, as ONNX stores them).</summary>
    public string Constant(string stem, float[] values, params long[] dims)
    {
        ArgumentNullException.ThrowIfNull(values);
        string name = Fresh(stem);
        var tensor = new TensorProto { Name = name, DataType = (int)TensorElementType.Float, RawData = MemoryMarshal.AsBytes(values.AsSpan()).ToArray() };
        tensor.Dims.AddRange(dims);
        Graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>Adds an int64 initializer (for shape and axes inputs).</summary>
    public string Int64Constant(string stem, long[] values, params long[] dims)
    {
        ArgumentNullException.ThrowIfNull(values);
        string name = Fresh(stem);
        var tensor = new TensorProto { Name = name, DataType = (int)TensorElementType.Int64 };
        tensor.Dims.AddRange(dims);
        tensor.Int64Data.AddRange(values);
        Graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>Appends one ai.onnx node with a single output and returns the output's name.</summary>
    public string Node(string opType, string[] inputs, params AttributeProto[] attributes)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        string output = Fresh(opType.ToLowerInvariant());
        var node = new NodeProto { OpType = opType, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return output;
    }

    /// <summary>An INT attribute.</summary>
    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeType.Int, I = value };

    /// <summary>An INTS attribute.</summary>
    public static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    /// <summary>A float32 tensor value description: name, element type float, and a shape whose null entries are symbolic (named by <paramref name="symbol"/>).</summary>
    public static ValueInfoProto FloatValue(string name, string symbol, params long?[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (long? d in dims)
        {
            shape.Dim.Add(d is long v ? new DimensionProto { DimValue = v } : new DimensionProto { DimParam = symbol });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TensorTypeProto { ElemType = (int)TensorElementType.Float, Shape = shape } },
        };
    }
}
