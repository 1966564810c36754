using FaceCompat.Extraction.Onnx;

namespace FaceCompat.Tests.Onnx;

public sealed class OnnxSessionTests
{
    private static string Model(string name) => Path.Combine(SharedData.DataRoot!, "models", name);

    [OnnxRuntimeFact]
    public void Session_reports_names_and_shapes_of_mfn512()
    {
        using var session = new OnnxSession(Model("mfn512.onnx"));
        session.Inputs.Should().ContainSingle();
        session.Inputs[0].Name.Should().Be("input");
        session.Inputs[0].Shape.Should().Equal(1, 3, 112, 112);
        session.Outputs[0].Name.Should().Be("output");
        session.Outputs[0].Shape[^1].Should().Be(512);
        OnnxSession.RuntimeVersion.Should().StartWith("1.");
    }

    [OnnxRuntimeFact]
    public void Session_lists_three_outputs_of_faceres1024()
    {
        using var session = new OnnxSession(Model("faceres1024.onnx"));
        session.Outputs.Select(o => o.Name).Should().Contain(["output", "output1", "output2"]);
        session.Inputs[0].Shape.Skip(1).Should().Equal(3, 224, 224);
    }

    [OnnxRuntimeFact]
    public void Run_gives_a_finite_512_vector_that_depends_on_the_input()
    {
        using var session = new OnnxSession(Model("mfn512.onnx"));
        float[] zeros = new float[3 * 112 * 112];
        float[] ramp = Enumerable.Range(0, zeros.Length).Select(i => (i % 251) / 251f).ToArray();
        var a = session.Run("input", zeros, [1, 3, 112, 112], ["output"])[0];
        var b = session.Run("input", ramp, [1, 3, 112, 112], ["output"])[0];
        a.Shape.Should().Equal(1, 512);
        a.Data.Should().OnlyContain(v => float.IsFinite(v));
        a.Data.Zip(b.Data).Max(p => Math.Abs(p.First - p.Second)).Should().BeGreaterThan(1e-3f);
    }

    [OnnxRuntimeFact]
    public void Run_with_a_wrong_shape_raises_a_model_exception()
    {
        using var session = new OnnxSession(Model("mfn512.onnx"));
        float[] input = new float[3 * 100 * 100];
        var act = () => session.Run("input", input, [1, 3, 100, 100], ["output"]);
        act.Should().Throw<ModelException>().WithMessage("*ONNX Runtime*");
    }

    [OnnxRuntimeFact]
    public void Missing_model_file_raises_a_model_exception()
    {
        var act = () => new OnnxSession("/nonexistent/model.onnx");
        act.Should().Throw<ModelException>().WithMessage("*not found*");
    }

    [OnnxRuntimeFact]
    public void A_session_that_sleeps_instead_of_spinning_computes_the_same_embedding()
    {
        float[] ramp = Enumerable.Range(0, 3 * 112 * 112).Select(i => (i % 251) / 251f).ToArray();
        using var spinning = new OnnxSession(Model("mfn512.onnx"));
        using var sleeping = new OnnxSession(Model("mfn512.onnx"), allowSpinning: false);
        var a = spinning.Run("input", ramp, [1, 3, 112, 112], ["output"])[0].Data;
        var b = sleeping.Run("input", ramp, [1, 3, 112, 112], ["output"])[0].Data;
        a.Zip(b).Max(p => Math.Abs(p.First - p.Second)).Should().BeLessThan(1e-5f);
    }

    [OnnxRuntimeFact]
    public void Cuda_on_a_library_without_cuda_says_how_to_get_one()
    {
        if (OnnxSession.RuntimeLibraryPath.Contains("gpu", StringComparison.OrdinalIgnoreCase))
        {
            return; // a CUDA build: nothing to refuse
        }

        var act = () => new OnnxSession(Model("mfn512.onnx"), device: new ExecutionDevice(IsCuda: true, Id: 0));
        act.Should().Throw<ModelException>().WithMessage("*CUDA*FACECOMPAT_ORT_LIB*--device cpu*");
    }

    [Theory]
    [InlineData("cpu", false, 0)]
    [InlineData("CUDA", true, 0)]
    [InlineData("cuda:3", true, 3)]
    public void Devices_parse(string text, bool cuda, int id)
    {
        ExecutionDevice.TryParse(text, out ExecutionDevice device).Should().BeTrue();
        device.Should().Be(new ExecutionDevice(cuda, id));
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("")]
    public void Unknown_devices_are_refused(string text) => ExecutionDevice.TryParse(text, out _).Should().BeFalse();
}
