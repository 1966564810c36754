using FaceCompat.Extraction.Onnx.Format;

namespace FaceCompat.Tests;

/// <summary>Small ONNX models the tests build (linked into the test projects that reference Extraction).</summary>
public static class TinyOnnxModels
{
    /// <summary>A model whose input x [N, width] is copied to each named output by an Identity node.</summary>
    public static ModelProto Identity(long opset, int width, params string[] outputs)
    {
        var graph = new GraphProto { Name = "tiny" };
        graph.Input.Add(GraphBuilder.FloatValue("x", "N", null, width));
        foreach (string o in outputs)
        {
            var node = new NodeProto { OpType = "Identity", Name = o };
            node.Input.Add("x");
            node.Output.Add(o);
            graph.Node.Add(node);
            graph.Output.Add(GraphBuilder.FloatValue(o, "N", null, width));
        }

        var model = new ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        return model;
    }
}
