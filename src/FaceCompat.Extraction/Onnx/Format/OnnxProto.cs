using ProtoBuf;

namespace FaceCompat.Extraction.Onnx.Format;

// The subset of the ONNX protobuf schema (onnx/onnx.proto, IR version 8, proto2 syntax) that
// FaceCompat reads and writes, with the schema's field numbers. Every message derives from
// Extensible, so the fields not declared here (sparse initializers, training info, functions,
// quantisation annotations, ...) are kept byte for byte when a model is read and written again.
// protobuf-net does the encoding; nothing here assembles bytes by hand.

/// <summary>ONNX <c>ModelProto</c>: the file's root.</summary>
[ProtoContract]
public sealed class ModelProto : Extensible
{
    [ProtoMember(1, Name = "ir_version")]
    public long IrVersion { get; set; }

    [ProtoMember(2, Name = "producer_name")]
    public string? ProducerName { get; set; }

    [ProtoMember(3, Name = "producer_version")]
    public string? ProducerVersion { get; set; }

    [ProtoMember(4, Name = "domain")]
    public string? Domain { get; set; }

    [ProtoMember(5, Name = "model_version")]
    public long ModelVersion { get; set; }

    [ProtoMember(6, Name = "doc_string")]
    public string? DocString { get; set; }

    [ProtoMember(7, Name = "graph")]
    public GraphProto? Graph { get; set; }

    [ProtoMember(8, Name = "opset_import")]
    public List<OperatorSetIdProto> OpsetImport { get; } = [];

    [ProtoMember(14, Name = "metadata_props")]
    public List<StringStringEntryProto> MetadataProps { get; } = [];
}

/// <summary>ONNX <c>OperatorSetIdProto</c>: an operator domain ("" is ai.onnx) and its version.</summary>
[ProtoContract]
public sealed class OperatorSetIdProto : Extensible
{
    [ProtoMember(1, Name = "domain")]
    public string? Domain { get; set; }

    [ProtoMember(2, Name = "version")]
    public long Version { get; set; }
}

/// <summary>ONNX <c>StringStringEntryProto</c>: one metadata key and value.</summary>
[ProtoContract]
public sealed class StringStringEntryProto : Extensible
{
    [ProtoMember(1, Name = "key")]
    public string? Key { get; set; }

    [ProtoMember(2, Name = "value")]
    public string? Value { get; set; }
}

/// <summary>ONNX <c>GraphProto</c>: nodes in topological order, weights, inputs and outputs.</summary>
[ProtoContract]
public sealed class GraphProto : Extensible
{
    [ProtoMember(1, Name = "node")]
    public List<NodeProto> Node { get; } = [];

    [ProtoMember(2, Name = "name")]
    public string? Name { get; set; }

    [ProtoMember(5, Name = "initializer")]
    public List<TensorProto> Initializer { get; } = [];

    [ProtoMember(10, Name = "doc_string")]
    public string? DocString { get; set; }

    [ProtoMember(11, Name = "input")]
    public List<ValueInfoProto> Input { get; } = [];

    [ProtoMember(12, Name = "output")]
    public List<ValueInfoProto> Output { get; } = [];

    [ProtoMember(13, Name = "value_info")]
    public List<ValueInfoProto> ValueInfo { get; } = [];
}

/// <summary>ONNX <c>NodeProto</c>: one operator application.</summary>
[ProtoContract]
public sealed class NodeProto : Extensible
{
    [ProtoMember(1, Name = "input")]
    public List<string> Input { get; } = [];

    [ProtoMember(2, Name = "output")]
    public List<string> Output { get; } = [];

    [ProtoMember(3, Name = "name")]
    public string? Name { get; set; }

    [ProtoMember(4, Name = "op_type")]
    public string? OpType { get; set; }

    [ProtoMember(5, Name = "attribute")]
    public List<AttributeProto> Attribute { get; } = [];

    [ProtoMember(6, Name = "doc_string")]
    public string? DocString { get; set; }

    [ProtoMember(7, Name = "domain")]
    public string? Domain { get; set; }
}

/// <summary>ONNX <c>AttributeProto.AttributeType</c> (the values this project writes).</summary>
public enum AttributeType
{
    Undefined = 0,
    Float = 1,
    Int = 2,
    String = 3,
    Tensor = 4,
    Floats = 6,
    Ints = 7,
}

/// <summary>ONNX <c>AttributeProto</c>: a named attribute of a node; <see cref="Type"/> says which field holds it.</summary>
[ProtoContract]
public sealed class AttributeProto : Extensible
{
    [ProtoMember(1, Name = "name")]
    public string? Name { get; set; }

    [ProtoMember(2, Name = "f")]
    public float F { get; set; }

    [ProtoMember(3, Name = "i")]
    public long I { get; set; }

    [ProtoMember(4, Name = "s")]
    public byte[]? S { get; set; }

    [ProtoMember(5, Name = "t")]
    public TensorProto? T { get; set; }

    [ProtoMember(7, Name = "floats")]
    public List<float> Floats { get; } = [];

    [ProtoMember(8, Name = "ints")]
    public List<long> Ints { get; } = [];

    [ProtoMember(20, Name = "type")]
    public AttributeType Type { get; set; }
}

/// <summary>ONNX <c>TensorProto.DataType</c> (the element types this project reads or writes).</summary>
public enum TensorElementType
{
    Undefined = 0,
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    Int32 = 6,
    Int64 = 7,
    Bool = 9,
    Float16 = 10,
    Double = 11,
}

/// <summary>ONNX <c>TensorProto</c>: a constant tensor (an initializer or an attribute value).</summary>
[ProtoContract]
public sealed class TensorProto : Extensible
{
    [ProtoMember(1, Name = "dims")]
    public List<long> Dims { get; } = [];

    [ProtoMember(2, Name = "data_type")]
    public int DataType { get; set; }

    [ProtoMember(4, Name = "float_data", IsPacked = true)]
    public List<float> FloatData { get; } = [];

    [ProtoMember(7, Name = "int64_data", IsPacked = true)]
    public List<long> Int64Data { get; } = [];

    [ProtoMember(8, Name = "name")]
    public string? Name { get; set; }

    [ProtoMember(9, Name = "raw_data")]
    public byte[]? RawData { get; set; }

    [ProtoMember(12, Name = "doc_string")]
    public string? DocString { get; set; }

    /// <summary>1 when the values live in an external file (data_location EXTERNAL), 0 when in this message.</summary>
    [ProtoMember(14, Name = "data_location")]
    public int DataLocation { get; set; }
}

/// <summary>ONNX <c>ValueInfoProto</c>: a graph input's or output's name and type.</summary>
[ProtoContract]
public sealed class ValueInfoProto : Extensible
{
    [ProtoMember(1, Name = "name")]
    public string? Name { get; set; }

    [ProtoMember(2, Name = "type")]
    public TypeProto? Type { get; set; }

    [ProtoMember(3, Name = "doc_string")]
    public string? DocString { get; set; }
}

/// <summary>ONNX <c>TypeProto</c>; only the tensor case is declared (others are kept as unknown fields).</summary>
[ProtoContract]
public sealed class TypeProto : Extensible
{
    [ProtoMember(1, Name = "tensor_type")]
    public TensorTypeProto? TensorType { get; set; }
}

/// <summary>ONNX <c>TypeProto.Tensor</c>: element type and (possibly symbolic) shape.</summary>
[ProtoContract]
public sealed class TensorTypeProto : Extensible
{
    [ProtoMember(1, Name = "elem_type")]
    public int ElemType { get; set; }

    [ProtoMember(2, Name = "shape")]
    public TensorShapeProto? Shape { get; set; }
}

/// <summary>ONNX <c>TensorShapeProto</c>.</summary>
[ProtoContract]
public sealed class TensorShapeProto : Extensible
{
    [ProtoMember(1, Name = "dim")]
    public List<DimensionProto> Dim { get; } = [];
}

/// <summary>ONNX <c>TensorShapeProto.Dimension</c>: a fixed size, a symbolic name, or neither (unknown).</summary>
[ProtoContract]
public sealed class DimensionProto : Extensible
{
    [ProtoMember(1, Name = "dim_value")]
    public long? DimValue { get; set; }

    [ProtoMember(2, Name = "dim_param")]
    public string? DimParam { get; set; }
}
