using System.Runtime.InteropServices;

namespace FaceCompat.Extraction.Onnx;

/// <summary>
/// The OrtApi function table (onnxruntime_c_api.h). Indices are the positions of the function
/// pointers in <c>struct OrtApi</c>; they are fixed since API version 1 for everything used here
/// (note KernelInfoGetAttribute_string at 87, which shifts every Release* after it).
/// Every status goes through <see cref="Check"/>, which always releases it.
/// </summary>
internal static unsafe partial class OrtApi
{
    private const int CreateEnvIndex = 3;
    private const int CreateSessionIndex = 7;
    private const int RunIndex = 9;
    private const int CreateSessionOptionsIndex = 10;
    private const int SetSessionExecutionModeIndex = 13;
    private const int SetSessionGraphOptimizationLevelIndex = 23;
    private const int SetIntraOpNumThreadsIndex = 24;
    private const int SetInterOpNumThreadsIndex = 25;
    private const int SessionGetInputCountIndex = 30;
    private const int AddSessionConfigEntryIndex = 130; // API version 5: after ReleaseCustomOpDomain (101), 17 v2, 6 v3, 2 v4 and 3 v5 entries

    private const int SessionGetOutputCountIndex = 31;
    private const int SessionGetInputTypeInfoIndex = 33;
    private const int SessionGetOutputTypeInfoIndex = 34;
    private const int SessionGetInputNameIndex = 36;
    private const int SessionGetOutputNameIndex = 37;
    private const int CreateTensorWithDataAsOrtValueIndex = 49;
    private const int GetTensorMutableDataIndex = 51;
    private const int CastTypeInfoToTensorInfoIndex = 55;
    private const int GetDimensionsCountIndex = 61;
    private const int GetDimensionsIndex = 62;
    private const int GetTensorTypeAndShapeIndex = 65;
    private const int CreateCpuMemoryInfoIndex = 69;
    private const int AllocatorFreeIndex = 76;
    private const int GetAllocatorWithDefaultOptionsIndex = 78;
    private const int GetErrorMessageIndex = 2;
    internal const int ReleaseEnvIndex = 92;
    private const int ReleaseStatusIndex = 93;
    internal const int ReleaseMemoryInfoIndex = 94;
    internal const int ReleaseSessionIndex = 95;
    internal const int ReleaseValueIndex = 96;
    private const int ReleaseTypeInfoIndex = 98;
    private const int ReleaseTensorTypeAndShapeInfoIndex = 99;
    internal const int ReleaseSessionOptionsIndex = 100;

    private static readonly Lazy<Table?> s_table = new(Load);

    /// <summary>The loaded API table (a class, not a record: a generated PrintMembers over the pointer property cannot be compiled ahead of time).</summary>
    private sealed class Table(nint apiAddress, string version, string libraryPath)
    {
        public nint* Api => (nint*)apiAddress;

        public string Version => version;

        public string LibraryPath => libraryPath;
    }

    /// <summary>True when a usable ONNX Runtime library was found.</summary>
    public static bool IsAvailable => s_table.Value is not null;

    /// <summary>The runtime's version string (e.g. 1.30.0).</summary>
    public static string Version => Require().Version;

    /// <summary>Where the library was loaded from.</summary>
    public static string LibraryPath => Require().LibraryPath;

    private static Table Require() => s_table.Value ?? throw new ModelException(OrtLibrary.InstallHint);

    private static nint Fn(int index) => Require().Api[index];

    private static Table? Load()
    {
        var loaded = OrtLibrary.TryLoad();
        if (loaded is null)
        {
            return null;
        }

        var getApiBase = (delegate* unmanaged[Cdecl]<nint*>)loaded.Value.GetApiBase;
        nint* apiBase = getApiBase();
        var getApi = (delegate* unmanaged[Cdecl]<uint, nint*>)apiBase[0];
        var getVersion = (delegate* unmanaged[Cdecl]<byte*>)apiBase[1];
        string version = Marshal.PtrToStringUTF8((nint)getVersion()) ?? "unknown";
        uint wanted = 30;
        string[] parts = version.Split('.');
        if (parts.Length > 1 && uint.TryParse(parts[1], out uint minor))
        {
            wanted = minor;
        }

        for (uint v = wanted; v >= 1; v--)
        {
            nint* api = getApi(v);
            if (api is not null)
            {
                return new Table((nint)api, version, loaded.Value.Path);
            }
        }

        return null;
    }

    /// <summary>Throws a <see cref="ModelException"/> carrying the status message; always releases the status.</summary>
    public static void Check(nint status, string what)
    {
        if (status == 0)
        {
            return;
        }

        string message;
        try
        {
            var getMessage = (delegate* unmanaged[Cdecl]<nint, byte*>)Fn(GetErrorMessageIndex);
            message = Marshal.PtrToStringUTF8((nint)getMessage(status)) ?? "unknown error";
        }
        finally
        {
            ((delegate* unmanaged[Cdecl]<nint, void>)Fn(ReleaseStatusIndex))(status);
        }

        throw new ModelException($"ONNX Runtime: {what}: {message}");
    }

    /// <summary>Calls one of the Release* functions.</summary>
    public static void Release(int index, nint handle) => ((delegate* unmanaged[Cdecl]<nint, void>)Fn(index))(handle);
}
