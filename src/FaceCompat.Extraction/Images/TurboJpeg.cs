using System.Runtime.InteropServices;

namespace FaceCompat.Extraction.Images;

/// <summary>The imports from libturbojpeg (Debian libturbojpeg0); only used by <see cref="JpegDecoder"/>.</summary>
internal static partial class TurboJpeg
{
    private const string Library = "libturbojpeg.so.0";

    public const int PixelFormatRgb = 0;

    private static readonly Lazy<bool> s_available = new(() => NativeLibrary.TryLoad(Library, out _));

    public static bool IsAvailable => s_available.Value;

    [LibraryImport(Library, EntryPoint = "tjInitDecompress")]
    public static partial nint InitDecompress();

    [LibraryImport(Library, EntryPoint = "tjDecompressHeader3")]
    public static unsafe partial int DecompressHeader3(nint handle, byte* jpeg, nuint size, out int width, out int height, out int subsampling, out int colorspace);

    [LibraryImport(Library, EntryPoint = "tjDecompress2")]
    public static unsafe partial int Decompress2(nint handle, byte* jpeg, nuint size, byte* dst, int width, int pitch, int height, int pixelFormat, int flags);

    [LibraryImport(Library, EntryPoint = "tjGetErrorStr2")]
    public static partial nint GetErrorStr2(nint handle);

    [LibraryImport(Library, EntryPoint = "tjDestroy")]
    public static partial int Destroy(nint handle);
}

/// <summary>A TurboJPEG decompressor handle.</summary>
internal sealed class TurboJpegHandle : Microsoft.Win32.SafeHandles.SafeHandleZeroOrMinusOneIsInvalid
{
    public TurboJpegHandle()
        : base(ownsHandle: true)
    {
        SetHandle(TurboJpeg.InitDecompress());
    }

    protected override bool ReleaseHandle() => TurboJpeg.Destroy(handle) == 0;
}
