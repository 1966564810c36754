using System.Runtime.InteropServices;
using System.Text;

namespace FaceCompat.Extraction.Onnx;

/// <summary>One input or output of a model: name and shape (-1 for a free dimension).</summary>
public sealed record TensorSpec(string Name, IReadOnlyList<long> Shape);

/// <summary>
/// An ONNX Runtime inference session over a model file, with float32 tensors in managed memory.
/// Thread-safe for <see cref="Run"/> (ONNX Runtime sessions are).
/// </summary>
public sealed unsafe class OnnxSession : IDisposable
{
    private static readonly Lazy<OrtEnvironmentHandle> s_env = new(() => new OrtEnvironmentHandle(OrtApi.CreateEnv("facecompat")));
    private readonly OrtSessionHandle _session;
    private readonly OrtMemoryInfoHandle _memory;

    /// <param name="allowSpinning">False when other work shares the cores with inference (see <see cref="OrtApi.CreateSessionOptions"/>).</param>
    /// <param name="device">CPU (default) or a CUDA device; CUDA needs a CUDA build of the library.</param>
    public OnnxSession(string modelPath, int intraOpThreads = 2, bool allowSpinning = true, ExecutionDevice device = default)
    {
        if (!File.Exists(modelPath))
        {
            throw new ModelException($"{modelPath}: model file not found. Pass --model-dir with the folder holding the .onnx files.");
        }

        OrtEnvironmentHandle env = s_env.Value; // before the options: execution providers log through it
        using var options = new OrtSessionOptionsHandle(OrtApi.CreateSessionOptions(intraOpThreads, sequential: true, allowSpinning, device));
        _session = new OrtSessionHandle(OrtApi.CreateSession(env, modelPath, options));
        _memory = new OrtMemoryInfoHandle(OrtApi.CreateCpuMemoryInfo());
        nint s = _session.DangerousGetHandle();
        Inputs = Enumerable.Range(0, OrtApi.InputCount(s)).Select(i => new TensorSpec(OrtApi.InputName(s, i), OrtApi.InputShape(s, i))).ToArray();
        Outputs = Enumerable.Range(0, OrtApi.OutputCount(s)).Select(i => new TensorSpec(OrtApi.OutputName(s, i), OrtApi.OutputShape(s, i))).ToArray();
    }

    /// <summary>True when libonnxruntime can be loaded.</summary>
    public static bool IsRuntimeAvailable => OrtApi.IsAvailable;

    /// <summary>The runtime's version, e.g. 1.30.0.</summary>
    public static string RuntimeVersion => OrtApi.Version;

    public static string RuntimeLibraryPath => OrtApi.LibraryPath;

    public IReadOnlyList<TensorSpec> Inputs { get; }

    public IReadOnlyList<TensorSpec> Outputs { get; }

    /// <summary>
    /// Runs the model on one float32 input and returns the named outputs (flat, row-major) and their shapes.
    /// A shape the model does not accept raises a <see cref="ModelException"/>.
    /// </summary>
    public (float[] Data, long[] Shape)[] Run(string inputName, ReadOnlySpan<float> input, ReadOnlySpan<long> shape, IReadOnlyList<string> outputNames)
    {
        long elements = 1;
        foreach (long d in shape)
        {
            elements *= d;
        }

        if (elements != input.Length)
        {
            throw new ModelException($"input '{inputName}': shape [{string.Join(',', shape.ToArray())}] needs {elements} values, got {input.Length}.");
        }

        int nOut = outputNames.Count;
        var names = new List<nint>(nOut + 1);
        nint[] outputs = new nint[nOut];
        bool added = false;
        try
        {
            _session.DangerousAddRef(ref added);
            names.Add(Marshal.StringToCoTaskMemUTF8(inputName));
            foreach (string o in outputNames)
            {
                names.Add(Marshal.StringToCoTaskMemUTF8(o));
            }

            fixed (float* data = input)
            {
                using var value = new OrtValueHandle(OrtApi.CreateTensor(_memory.DangerousGetHandle(), data, elements, shape));
                nint inputValue = value.DangerousGetHandle();
                nint[] nameArray = names.ToArray();
                fixed (nint* n = nameArray)
                fixed (nint* outs = outputs)
                {
                    OrtApi.Run(_session.DangerousGetHandle(), (byte**)n, &inputValue, 1, (byte**)(n + 1), nOut, outs);
                }
            }

            var result = new (float[], long[])[nOut];
            for (int i = 0; i < nOut; i++)
            {
                long[] outShape = OrtApi.TensorShape(outputs[i]);
                long count = 1;
                foreach (long d in outShape)
                {
                    count *= d;
                }

                float[] copy = new float[count];
                new ReadOnlySpan<float>(OrtApi.TensorData(outputs[i]), (int)count).CopyTo(copy);
                result[i] = (copy, outShape);
            }

            return result;
        }
        finally
        {
            foreach (nint o in outputs)
            {
                if (o != 0)
                {
                    OrtApi.Release(OrtApi.ReleaseValueIndex, o);
                }
            }

            foreach (nint n in names)
            {
                Marshal.FreeCoTaskMem(n);
            }

            if (added)
            {
                _session.DangerousRelease();
            }
        }
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var t in Inputs)
        {
            sb.Append("in ").Append(t.Name).Append(" [").AppendJoin(',', t.Shape).Append("] ");
        }

        foreach (var t in Outputs)
        {
            sb.Append("out ").Append(t.Name).Append(" [").AppendJoin(',', t.Shape).Append("] ");
        }

        return sb.ToString().TrimEnd();
    }

    public void Dispose()
    {
        _session.Dispose();
        _memory.Dispose();
    }
}
