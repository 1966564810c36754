using System.Runtime.InteropServices;

namespace FaceCompat.Extraction.Onnx;

internal static unsafe partial class OrtApi
{
    public static nint CreateEnv(string logId)
    {
        nint env;
        byte[] id = Utf8(logId);
        fixed (byte* p = id)
        {
            Check(((delegate* unmanaged[Cdecl]<int, byte*, nint*, nint>)Fn(CreateEnvIndex))(3, p, &env), "CreateEnv");
        }

        return env;
    }

    /// <param name="allowSpinning">
    /// Whether idle intra-op threads spin (ORT's default, lowest latency) or sleep; sleeping leaves the
    /// cores to work that runs beside inference (decoding and aligning the next chunk).
    /// </param>
    public static nint CreateSessionOptions(int intraOpThreads, bool sequential, bool allowSpinning = true, ExecutionDevice device = default)
    {
        nint options;
        Check(((delegate* unmanaged[Cdecl]<nint*, nint>)Fn(CreateSessionOptionsIndex))(&options), "CreateSessionOptions");
        try
        {
            Check(((delegate* unmanaged[Cdecl]<nint, int, nint>)Fn(SetIntraOpNumThreadsIndex))(options, intraOpThreads), "SetIntraOpNumThreads");
            Check(((delegate* unmanaged[Cdecl]<nint, int, nint>)Fn(SetInterOpNumThreadsIndex))(options, 1), "SetInterOpNumThreads");
            Check(((delegate* unmanaged[Cdecl]<nint, int, nint>)Fn(SetSessionExecutionModeIndex))(options, sequential ? 0 : 1), "SetSessionExecutionMode");
            Check(((delegate* unmanaged[Cdecl]<nint, int, nint>)Fn(SetSessionGraphOptimizationLevelIndex))(options, 99), "SetSessionGraphOptimizationLevel");
            // Flush denormals to zero in the compute threads: on Intel cores every denormal operand
            // takes a microcode assist, and these networks produce many (measured on a 5th-generation
            // Xeon, mfn512: 20 images/s without, 142 with; AMD cores barely notice). Outputs move by
            // far less than the float32 noise of the models (tests: parity with the reference embeddings).
            AddSessionConfigEntry(options, "session.set_denormal_as_zero", "1");

            if (!allowSpinning)
            {
                AddSessionConfigEntry(options, "session.intra_op.allow_spinning", "0");
                AddSessionConfigEntry(options, "session.inter_op.allow_spinning", "0");
            }

            if (device.IsCuda)
            {
                AppendCuda(options, device.Id);
            }
        }
        catch
        {
            Release(ReleaseSessionOptionsIndex, options);
            throw;
        }

        return options;
    }

    private static void AddSessionConfigEntry(nint options, string key, string value)
    {
        byte[] k = Utf8(key);
        byte[] v = Utf8(value);
        fixed (byte* pk = k)
        fixed (byte* pv = v)
        {
            Check(((delegate* unmanaged[Cdecl]<nint, byte*, byte*, nint>)Fn(AddSessionConfigEntryIndex))(options, pk, pv), "AddSessionConfigEntry");
        }
    }

    public static nint CreateSession(OrtEnvironmentHandle env, string modelPath, OrtSessionOptionsHandle options)
    {
        nint session;
        byte[] path = Utf8(modelPath);
        bool addedEnv = false, addedOptions = false;
        try
        {
            env.DangerousAddRef(ref addedEnv);
            options.DangerousAddRef(ref addedOptions);
            fixed (byte* p = path)
            {
                Check(((delegate* unmanaged[Cdecl]<nint, byte*, nint, nint*, nint>)Fn(CreateSessionIndex))(
                    env.DangerousGetHandle(), p, options.DangerousGetHandle(), &session), $"loading {modelPath}");
            }
        }
        finally
        {
            if (addedEnv)
            {
                env.DangerousRelease();
            }

            if (addedOptions)
            {
                options.DangerousRelease();
            }
        }

        return session;
    }

    public static int InputCount(nint session) => (int)Count(session, SessionGetInputCountIndex);

    public static int OutputCount(nint session) => (int)Count(session, SessionGetOutputCountIndex);

    private static nuint Count(nint session, int index)
    {
        nuint n;
        Check(((delegate* unmanaged[Cdecl]<nint, nuint*, nint>)Fn(index))(session, &n), "SessionGet*Count");
        return n;
    }

    public static string InputName(nint session, int i) => Name(session, i, SessionGetInputNameIndex);

    public static string OutputName(nint session, int i) => Name(session, i, SessionGetOutputNameIndex);

    private static string Name(nint session, int i, int index)
    {
        nint allocator;
        Check(((delegate* unmanaged[Cdecl]<nint*, nint>)Fn(GetAllocatorWithDefaultOptionsIndex))(&allocator), "GetAllocatorWithDefaultOptions");
        byte* name;
        Check(((delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint>)Fn(index))(session, (nuint)i, allocator, &name), "SessionGet*Name");
        try
        {
            return Marshal.PtrToStringUTF8((nint)name) ?? string.Empty;
        }
        finally
        {
            Check(((delegate* unmanaged[Cdecl]<nint, void*, nint>)Fn(AllocatorFreeIndex))(allocator, name), "AllocatorFree");
        }
    }

    public static long[] InputShape(nint session, int i) => Shape(session, i, SessionGetInputTypeInfoIndex);

    public static long[] OutputShape(nint session, int i) => Shape(session, i, SessionGetOutputTypeInfoIndex);

    private static long[] Shape(nint session, int i, int index)
    {
        nint typeInfo;
        Check(((delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint>)Fn(index))(session, (nuint)i, &typeInfo), "SessionGet*TypeInfo");
        try
        {
            nint tensorInfo;
            Check(((delegate* unmanaged[Cdecl]<nint, nint*, nint>)Fn(CastTypeInfoToTensorInfoIndex))(typeInfo, &tensorInfo), "CastTypeInfoToTensorInfo");
            if (tensorInfo == 0)
            {
                throw new ModelException("ONNX Runtime: an input or output of the model is not a tensor.");
            }

            return Dimensions(tensorInfo);
        }
        finally
        {
            Release(ReleaseTypeInfoIndex, typeInfo);
        }
    }

    private static long[] Dimensions(nint tensorInfo)
    {
        nuint count;
        Check(((delegate* unmanaged[Cdecl]<nint, nuint*, nint>)Fn(GetDimensionsCountIndex))(tensorInfo, &count), "GetDimensionsCount");
        long[] dims = new long[(int)count];
        fixed (long* d = dims)
        {
            Check(((delegate* unmanaged[Cdecl]<nint, long*, nuint, nint>)Fn(GetDimensionsIndex))(tensorInfo, d, count), "GetDimensions");
        }

        return dims;
    }

    public static nint CreateCpuMemoryInfo()
    {
        nint info;
        Check(((delegate* unmanaged[Cdecl]<int, int, nint*, nint>)Fn(CreateCpuMemoryInfoIndex))(0, 0, &info), "CreateCpuMemoryInfo");
        return info;
    }

    /// <summary>A float tensor over <paramref name="data"/>, which must stay pinned while the value lives.</summary>
    public static nint CreateTensor(nint memoryInfo, float* data, long elements, ReadOnlySpan<long> shape)
    {
        nint value;
        fixed (long* s = shape)
        {
            Check(((delegate* unmanaged[Cdecl]<nint, void*, nuint, long*, nuint, int, nint*, nint>)Fn(CreateTensorWithDataAsOrtValueIndex))(
                memoryInfo, data, (nuint)(elements * sizeof(float)), s, (nuint)shape.Length, 1, &value), "CreateTensorWithDataAsOrtValue");
        }

        return value;
    }

    public static void Run(nint session, byte** inputNames, nint* inputs, int inputCount, byte** outputNames, int outputCount, nint* outputs)
    {
        Check(((delegate* unmanaged[Cdecl]<nint, nint, byte**, nint*, nuint, byte**, nuint, nint*, nint>)Fn(RunIndex))(
            session, 0, inputNames, inputs, (nuint)inputCount, outputNames, (nuint)outputCount, outputs), "Run");
    }

    public static float* TensorData(nint value)
    {
        void* data;
        Check(((delegate* unmanaged[Cdecl]<nint, void**, nint>)Fn(GetTensorMutableDataIndex))(value, &data), "GetTensorMutableData");
        return (float*)data;
    }

    public static long[] TensorShape(nint value)
    {
        nint info;
        Check(((delegate* unmanaged[Cdecl]<nint, nint*, nint>)Fn(GetTensorTypeAndShapeIndex))(value, &info), "GetTensorTypeAndShape");
        try
        {
            return Dimensions(info);
        }
        finally
        {
            Release(ReleaseTensorTypeAndShapeInfoIndex, info);
        }
    }

    private static byte[] Utf8(string s)
    {
        byte[] bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(s) + 1];
        System.Text.Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }
}
