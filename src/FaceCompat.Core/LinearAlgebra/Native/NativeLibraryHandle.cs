using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace FaceCompat.LinearAlgebra.Native;

/// <summary>A loaded shared library, freed when released.</summary>
internal sealed class NativeLibraryHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public NativeLibraryHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Loads the first of <paramref name="names"/> that loads; null when none does.</summary>
    public static NativeLibraryHandle? TryLoad(params string[] names)
    {
        foreach (string name in names)
        {
            if (NativeLibrary.TryLoad(name, out IntPtr handle))
            {
                var safe = new NativeLibraryHandle();
                safe.SetHandle(handle);
                return safe;
            }
        }

        return null;
    }

    /// <summary>The address of an exported function, or zero.</summary>
    public IntPtr Export(string name) =>
        NativeLibrary.TryGetExport(handle, name, out IntPtr address) ? address : IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeLibrary.Free(handle);
        return true;
    }
}
