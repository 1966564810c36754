using FaceCompat.Data;

namespace FaceCompat.Study;

/// <summary>Cell files in a study folder: atomic writes, completeness checks, reading back.</summary>
public static class CellStore
{
    public static void Write(string studyDirectory, string relativePath, CellResult result)
    {
        string json = CellResultJson.Serialize(result, full: true);
        NpyFile.WriteAtomically(Path.Combine(studyDirectory, relativePath), s => s.Write(System.Text.Encoding.UTF8.GetBytes(json + "\n")));
    }

    /// <summary>Whether the cell exists and parses; a torn or unreadable one is deleted so it is recomputed.</summary>
    public static bool IsComplete(string studyDirectory, string relativePath)
    {
        string path = Path.Combine(studyDirectory, relativePath);
        if (!File.Exists(path))
        {
            return false;
        }

        if (TryRead(path) is not null)
        {
            return true;
        }

        File.Delete(path);
        return false;
    }

    public static CellResult? TryRead(string path)
    {
        try
        {
            return CellResultJson.Deserialize(File.ReadAllText(path));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Every readable cell under the study's cells/ folder, with its path relative to the study.</summary>
    public static IEnumerable<(string Path, CellResult Cell)> ReadAll(string studyDirectory)
    {
        string cells = Path.Combine(studyDirectory, "cells");
        if (!Directory.Exists(cells))
        {
            yield break;
        }

        foreach (string file in Directory.EnumerateFiles(cells, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (TryRead(file) is CellResult cell)
            {
                yield return (Path.GetRelativePath(studyDirectory, file), cell);
            }
        }
    }

    /// <summary>Removes temporary files left by a killed run (they never count as results).</summary>
    public static void RemoveTemporaryFiles(string studyDirectory)
    {
        string cells = Path.Combine(studyDirectory, "cells");
        if (!Directory.Exists(cells))
        {
            return;
        }

        foreach (string file in Directory.EnumerateFiles(cells, "*.tmp-*", SearchOption.AllDirectories))
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Removes the temporary files of these cells only (relative paths), so that a shard starting
    /// beside others never deletes a file another shard is writing.
    /// </summary>
    public static void RemoveTemporaryFiles(string studyDirectory, IEnumerable<string> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        foreach (var group in cells.GroupBy(c => Path.GetDirectoryName(Path.Combine(studyDirectory, c))!, StringComparer.Ordinal))
        {
            if (!Directory.Exists(group.Key))
            {
                continue;
            }

            var names = group.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
            foreach (string file in Directory.EnumerateFiles(group.Key, "*.tmp-*"))
            {
                string name = Path.GetFileName(file);
                if (names.Contains(name[..name.LastIndexOf(".tmp-", StringComparison.Ordinal)]))
                {
                    File.Delete(file);
                }
            }
        }
    }
}
