using Microsoft.Win32.SafeHandles;

namespace FaceCompat.Extraction.Onnx;

/// <summary>A native ONNX Runtime object released through its OrtApi Release* function.</summary>
internal abstract class OrtHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private readonly int _releaseIndex;

    protected OrtHandle(nint handle, int releaseIndex)
        : base(ownsHandle: true)
    {
        _releaseIndex = releaseIndex;
        SetHandle(handle);
    }

    protected override bool ReleaseHandle()
    {
        OrtApi.Release(_releaseIndex, handle);
        return true;
    }
}

internal sealed class OrtEnvironmentHandle : OrtHandle
{
    public OrtEnvironmentHandle(nint handle)
        : base(handle, OrtApi.ReleaseEnvIndex)
    {
    }
}

internal sealed class OrtSessionOptionsHandle : OrtHandle
{
    public OrtSessionOptionsHandle(nint handle)
        : base(handle, OrtApi.ReleaseSessionOptionsIndex)
    {
    }
}

internal sealed class OrtSessionHandle : OrtHandle
{
    public OrtSessionHandle(nint handle)
        : base(handle, OrtApi.ReleaseSessionIndex)
    {
    }
}

internal sealed class OrtMemoryInfoHandle : OrtHandle
{
    public OrtMemoryInfoHandle(nint handle)
        : base(handle, OrtApi.ReleaseMemoryInfoIndex)
    {
    }
}

internal sealed class OrtValueHandle : OrtHandle
{
    public OrtValueHandle(nint handle)
        : base(handle, OrtApi.ReleaseValueIndex)
    {
    }
}
