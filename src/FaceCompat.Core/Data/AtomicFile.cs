using System.Globalization;
using System.Text;

namespace FaceCompat.Data;

/// <summary>
/// The one way FaceCompat writes a result file: the content goes to a temporary file beside the
/// target (<c>&lt;name&gt;.tmp-&lt;process&gt;-&lt;n&gt;</c>), is flushed and fsynced, and is then renamed
/// over the target. A reader therefore sees the old file or the whole new one, never a torn one; a
/// killed writer leaves only a stray temporary file, which <see cref="RemoveTemporaryFiles"/> deletes.
/// </summary>
public static class AtomicFile
{
    /// <summary>What every temporary file name holds after the target's name.</summary>
    public const string TemporaryMarker = ".tmp-";

    private static long s_counter;

    /// <summary>Writes <paramref name="path"/> atomically, replacing it; <paramref name="write"/> fills the stream. The folder is created when missing.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string temp = WriteTemporary(full, write);
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>
    /// Creates <paramref name="path"/> atomically only if it does not exist yet: false, with nothing
    /// written, when it does (another writer, even another process, was first).
    /// </summary>
    public static bool TryCreate(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string temp = WriteTemporary(full, write);
        try
        {
            File.Move(temp, full, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(full))
        {
            File.Delete(temp);
            return false;
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark, atomically.</summary>
    public static void WriteText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, s => s.Write(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Whether <paramref name="path"/> names a temporary file of this writer (never a result).</summary>
    public static bool IsTemporary(string path) => Path.GetFileName(path).Contains(TemporaryMarker, StringComparison.Ordinal);

    /// <summary>Deletes the temporary files a killed writer left anywhere under <paramref name="directory"/>.</summary>
    public static void RemoveTemporaryFiles(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (string file in Directory.EnumerateFiles(directory, "*" + TemporaryMarker + "*", SearchOption.AllDirectories))
        {
            File.Delete(file);
        }
    }

    /// <summary>The content in a flushed and fsynced temporary file beside <paramref name="full"/>; returns its path.</summary>
    private static string WriteTemporary(string full, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        string? dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        // The process id and a per-process counter: two threads or two processes never share a temporary file.
        string temp = full + TemporaryMarker + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Interlocked.Increment(ref s_counter).ToString(CultureInfo.InvariantCulture);
        try
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            write(stream);
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        return temp;
    }
}
