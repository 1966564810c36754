using FaceCompat.Extraction.Models;
using FaceCompat.Extraction.Onnx;
using FaceCompat.Extraction.Onnx.Format;
using FaceCompat.Extraction.Pipeline;

namespace FaceCompat.Tests.Models;

/// <summary>
/// Layout, channel order, rescale/mean/std and output pooling of a manifest, through small ONNX graphs
/// built here (Reshape only, so the expected rows follow from the crop bytes by hand).
/// </summary>
public sealed class ManifestInputOutputTests : IDisposable
{
    private const int Size = 4;
    private readonly string _dir = Directory.CreateTempSubdirectory("fc-manifest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Two 4x4 RGB crops: pixel i of crop c has R = 10c + i, G = 100 + i, B = 200 + c.</summary>
    private static byte[][] Crops() =>
        Enumerable.Range(0, 2).Select(c => Enumerable.Range(0, Size * Size).SelectMany(i => new[] { (byte)((10 * c) + i), (byte)(100 + i), (byte)(200 + c) }).ToArray()).ToArray();

    /// <summary>A graph reshaping its input [N, a, b, c] to <paramref name="outputShape"/> (N first, -1 allowed).</summary>
    private string ReshapeModel(string name, long[] inputDims, long[] outputShape)
    {
        var graph = new GraphProto { Name = name };
        graph.Input.Add(GraphBuilder.FloatValue("pixel_values", "N", [null, .. inputDims.Select(d => (long?)d)]));
        var b = new GraphBuilder(graph, "t");
        string shape = b.Int64Constant("shape", outputShape, outputShape.Length);
        var node = new NodeProto { OpType = "Reshape", Name = "reshape" };
        node.Input.Add("pixel_values");
        node.Input.Add(shape);
        node.Output.Add("last_hidden_state");
        graph.Node.Add(node);
        graph.Output.Add(new ValueInfoProto { Name = "last_hidden_state", Type = new TypeProto { TensorType = new TensorTypeProto { ElemType = 1 } } });
        var model = new ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        string path = Path.Combine(_dir, name + ".onnx");
        OnnxModelFile.Save(path, model);
        return path;
    }

    private static ModelManifest Manifest(string layout, string pooling, string order) => new ModelManifest
    {
        Name = "toy",
        File = "toy.onnx",
        Input = "pixel_values",
        Output = "last_hidden_state",
        InputSize = Size,
        Layout = layout,
        Pooling = pooling,
        ChannelOrder = order,
        Rescale = 1 / 255.0,
        Mean = [0.5, 0.25, 0.125],
        Std = [0.5, 2, 4],
    }.Validate();

    /// <summary>(pixel / 255 - mean) / std of plane p (in the manifest's order) of pixel i of crop c, by hand.</summary>
    private static float Expected(byte[][] crops, int c, int i, int plane, bool bgr)
    {
        double[] mean = [0.5, 0.25, 0.125], std = [0.5, 2, 4];
        int channel = bgr ? 2 - plane : plane;
        return (float)(((crops[c][(i * 3) + channel] / 255.0) - mean[plane]) / std[plane]);
    }

    [OnnxRuntimeOnlyFact]
    public void NHWC_input_with_the_CLS_token_gives_the_first_pixel()
    {
        // [N, 4, 4, 3] -> [N, 16, 3]: token t is pixel t, its 3 values the planes in order.
        using var session = new OnnxSession(ReshapeModel("nhwc", [Size, Size, 3], [-1, Size * Size, 3]), intraOpThreads: 1);
        byte[][] crops = Crops();
        List<float[]> rows = FaceExtractor.Embed(session, Manifest("NHWC", "cls", "BGR"), crops, out int dim);
        dim.Should().Be(3);
        for (int c = 0; c < 2; c++)
        {
            rows[c].Should().Equal(Enumerable.Range(0, 3).Select(p => Expected(crops, c, 0, p, bgr: true)));
        }
    }

    [OnnxRuntimeOnlyFact]
    public void Mean_pooling_averages_the_tokens()
    {
        using var session = new OnnxSession(ReshapeModel("mean", [Size, Size, 3], [-1, Size * Size, 3]), intraOpThreads: 1);
        byte[][] crops = Crops();
        List<float[]> rows = FaceExtractor.Embed(session, Manifest("NHWC", "mean", "RGB"), crops, out _);
        for (int c = 0; c < 2; c++)
        {
            for (int p = 0; p < 3; p++)
            {
                double mean = Enumerable.Range(0, Size * Size).Average(i => (double)Expected(crops, c, i, p, bgr: false));
                rows[c][p].Should().BeApproximately((float)mean, 1e-6f);
            }
        }
    }

    [OnnxRuntimeOnlyFact]
    public void NCHW_input_flattened_is_plane_after_plane()
    {
        using var session = new OnnxSession(ReshapeModel("nchw", [3, Size, Size], [-1, 3 * Size * Size]), intraOpThreads: 1);
        byte[][] crops = Crops();
        List<float[]> rows = FaceExtractor.Embed(session, Manifest("NCHW", "none", "RGB"), crops, out int dim);
        dim.Should().Be(48);
        rows[1].Should().Equal(Enumerable.Range(0, 48).Select(k => Expected(crops, 1, k % 16, k / 16, bgr: false)));
    }

    [OnnxRuntimeOnlyFact]
    public void CLS_pooling_of_a_two_dimensional_output_is_refused_with_the_shape()
    {
        using var session = new OnnxSession(ReshapeModel("flat", [3, Size, Size], [-1, 48]), intraOpThreads: 1);
        FluentActions.Invoking(() => FaceExtractor.Embed(session, Manifest("NCHW", "cls", "RGB"), Crops(), out _))
            .Should().Throw<ModelException>().WithMessage("*pooling 'cls' needs an [N, T, D] output*[2, 48]*");
    }

    [Theory]
    [InlineData("layout", "NCWH")]
    [InlineData("pooling", "max")]
    [InlineData("crop", "loose")]
    [InlineData("resize", "lanczos")]
    public void Unknown_manifest_values_name_the_field(string field, string value)
    {
        ModelManifest m = new() { Name = "toy", File = "toy.onnx" };
        m = field switch
        {
            "layout" => m with { Layout = value },
            "pooling" => m with { Pooling = value },
            "crop" => m with { Crop = value },
            _ => m with { Resize = value },
        };
        FluentActions.Invoking(() => m.Validate()).Should().Throw<ModelException>().WithMessage($"model 'toy': {field}*'{value}'*");
    }

    [Fact]
    public void A_Hugging_Face_style_manifest_reads_from_json()
    {
        string path = Path.Combine(_dir, "clip.json");
        File.WriteAllText(path, """
            { "name": "clip-hf", "file": "model.onnx", "input": "pixel_values", "output": "last_hidden_state",
              "inputSize": 224, "crop": "image", "resize": "bicubic", "resizeShorter": 224, "layout": "NCHW",
              "rescale": 0.00392156862745098, "mean": [0.48145466, 0.4578275, 0.40821073], "std": [0.26862954, 0.26130258, 0.27577711],
              "pooling": "cls", "family": "generic" }
            """);
        ModelManifest m = ModelManifest.Load(path);
        m.NeedsLandmarks.Should().BeFalse();
        m.Recipe.Should().Be(new CropRecipe("image", 224, 0, "bicubic", 224));
        (m.Pooling, m.Family, m.Rescale).Should().Be(("cls", "generic", 1 / 255.0));
    }
}
