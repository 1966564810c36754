using System.Runtime.InteropServices;

namespace FaceCompat.Extraction.Onnx;

internal static unsafe partial class OrtApi
{
    private const int SessionOptionsAppendExecutionProviderCudaIndex = 152; // API version 6

    /// <summary>
    /// Adds the CUDA execution provider (OrtApi::SessionOptionsAppendExecutionProvider_CUDA with
    /// the header's defaults). A library built without CUDA answers with an error status, which
    /// becomes a <see cref="ModelException"/> that says how to get a CUDA build.
    /// </summary>
    public static void AppendCuda(nint options, int deviceId)
    {
        var cuda = new CudaProviderOptions
        {
            DeviceId = deviceId,
            GpuMemLimit = nuint.MaxValue,
            DoCopyInDefaultStream = 1,
        };
        try
        {
            Check(((delegate* unmanaged[Cdecl]<nint, CudaProviderOptions*, nint>)Fn(SessionOptionsAppendExecutionProviderCudaIndex))(options, &cuda), "SessionOptionsAppendExecutionProvider_CUDA");
        }
        catch (ModelException e)
        {
            throw new ModelException(
                $"{e.Message.TrimEnd('.', '\n', ' ')}. --device cuda needs an ONNX Runtime built with CUDA ({LibraryPath} is not one or cannot reach the GPU): "
                + "point FACECOMPAT_ORT_LIB at the libonnxruntime.so.1 of an onnxruntime-gpu release (with its CUDA and cuDNN libraries on LD_LIBRARY_PATH), or use --device cpu.");
        }
    }

    /// <summary>OrtCUDAProviderOptions (onnxruntime_c_api.h), field for field.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct CudaProviderOptions
    {
        public int DeviceId;
        public int CudnnConvAlgoSearch;
        public nuint GpuMemLimit;
        public int ArenaExtendStrategy;
        public int DoCopyInDefaultStream;
        public int HasUserComputeStream;
        public nint UserComputeStream;
        public nint DefaultMemoryArenaCfg;
        public int TunableOpEnable;
        public int TunableOpTuningEnable;
        public int TunableOpMaxTuningDurationMs;
    }
}
