using System.Runtime.InteropServices;

namespace FaceCompat.Extraction.Images;

/// <summary>The imports from libpng's simplified API (Debian libpng16-16); only used by <see cref="PngDecoder"/>.</summary>
internal static partial class LibPng
{
    private const string Library = "libpng16.so.16";

    public const uint ImageVersion = 1;

    /// <summary>PNG_FORMAT_RGB: 8-bit red, green, blue.</summary>
    public const uint FormatRgb = 2;

    private static readonly Lazy<bool> s_available = new(() => NativeLibrary.TryLoad(Library, out _));

    public static bool IsAvailable => s_available.Value;

    [LibraryImport(Library, EntryPoint = "png_image_begin_read_from_memory")]
    public static unsafe partial int BeginReadFromMemory(ref PngImage image, byte* memory, nuint size);

    [LibraryImport(Library, EntryPoint = "png_image_finish_read")]
    public static unsafe partial int FinishRead(ref PngImage image, nint background, byte* buffer, int rowStride, nint colormap);

    [LibraryImport(Library, EntryPoint = "png_image_free")]
    public static partial void Free(ref PngImage image);

    /// <summary>png_image (png.h). Its <see cref="Opaque"/> control block lives only during one decode and is always freed with <see cref="Free"/>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct PngImage
    {
        public nint Opaque;
        public uint Version;
        public uint Width;
        public uint Height;
        public uint Format;
        public uint Flags;
        public uint ColormapEntries;
        public uint WarningOrError;
        public fixed byte Message[64];
    }
}
