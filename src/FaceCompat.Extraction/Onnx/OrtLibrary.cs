using System.Runtime.InteropServices;

namespace FaceCompat.Extraction.Onnx;

/// <summary>
/// Finds and loads libonnxruntime: <c>FACECOMPAT_ORT_LIB</c>, then the repository's
/// <c>.cache/onnxruntime</c> (filled by <c>scripts/setup-native.d/onnxruntime.sh</c>), then the system.
/// </summary>
internal static class OrtLibrary
{
    private const string CacheRelative = ".cache/onnxruntime/package/bin/napi-v6/linux/x64/libonnxruntime.so.1";

    public const string InstallHint =
        "ONNX Runtime (libonnxruntime.so.1) was not found. Run 'bash scripts/setup-native.d/onnxruntime.sh' in the repository " +
        "(it fetches the npm package onnxruntime-node into .cache/onnxruntime), or set FACECOMPAT_ORT_LIB to a libonnxruntime.so file.";

    /// <summary>The candidate paths, in lookup order.</summary>
    public static IEnumerable<string> Candidates()
    {
        string? env = Environment.GetEnvironmentVariable("FACECOMPAT_ORT_LIB");
        if (!string.IsNullOrEmpty(env))
        {
            yield return env;
        }

        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            string? dir = start;
            while (dir is not null)
            {
                string candidate = Path.Combine(dir, CacheRelative);
                if (File.Exists(candidate))
                {
                    yield return candidate;
                    break;
                }

                dir = Path.GetDirectoryName(dir);
            }
        }

        yield return "libonnxruntime.so.1";
        yield return "libonnxruntime.so";
    }

    /// <summary>Loads the first library that exports OrtGetApiBase; null when none does.</summary>
    public static (nint Handle, nint GetApiBase, string Path)? TryLoad()
    {
        foreach (string candidate in Candidates())
        {
            if (NativeLibrary.TryLoad(candidate, out nint handle))
            {
                if (NativeLibrary.TryGetExport(handle, "OrtGetApiBase", out nint export))
                {
                    return (handle, export, candidate);
                }

                NativeLibrary.Free(handle);
            }
        }

        return null;
    }
}
