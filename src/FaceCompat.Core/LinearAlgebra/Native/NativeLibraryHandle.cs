using System.Runtime.InteropServices;

namespace FaceCompat.LinearAlgebra.Native;

/// <summary>A loaded shared library (NativeLibrary handle), freed when released.</summary>
internal sealed class NativeLibraryHandle : SafeHandle
{
    private NativeLibraryHandle(IntPtr handle)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Loads the first of <paramref name="names"/> that loads, or returns null.</summary>
    public static NativeLibraryHandle? TryLoad(params string[] names)
    {
        foreach (string name in names)
        {
            if (NativeLibrary.TryLoad(name, out IntPtr h))
            {
                return new NativeLibraryHandle(h);
            }
        }

        return null;
    }

    /// <summary>The address of an exported function, or zero when it is not exported.</summary>
    public IntPtr Export(string name) => NativeLibrary.TryGetExport(handle, name, out IntPtr address) ? address : IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeLibrary.Free(handle);
        return true;
    }
}
