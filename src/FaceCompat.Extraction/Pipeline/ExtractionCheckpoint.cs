using FaceCompat.Data;

namespace FaceCompat.Extraction.Pipeline;

/// <summary>
/// One finished block of images (paths, identities, failures, each model's rows), saved atomically under
/// <c>&lt;out&gt;/checkpoint/</c> so that an interrupted run resumes without redoing or losing work.
/// </summary>
internal sealed class ExtractionCheckpoint
{
    private const int Magic = 0x46434B31; // "FCK1"

    public required string[] Paths { get; init; }

    public required string[] Identities { get; init; }

    /// <summary>Per image: null when embedded, otherwise the failure reason.</summary>
    public required string?[] Errors { get; init; }

    /// <summary>Per model: rows of the embedded images, in order.</summary>
    public required List<float[]>[] Rows { get; init; }

    public static string FileFor(string outDir, int block) => Path.Combine(outDir, "checkpoint", $"block-{block:D5}.bin");

    public void Save(string file, IReadOnlyList<string> modelNames)
    {
        AtomicFile.Write(file, stream =>
        {
            using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            w.Write(Magic);
            w.Write(Paths.Length);
            for (int i = 0; i < Paths.Length; i++)
            {
                w.Write(Paths[i]);
                w.Write(Identities[i]);
                w.Write(Errors[i] ?? string.Empty);
                w.Write(Errors[i] is not null);
            }

            w.Write(modelNames.Count);
            for (int m = 0; m < modelNames.Count; m++)
            {
                w.Write(modelNames[m]);
                w.Write(Rows[m].Count);
                foreach (float[] row in Rows[m])
                {
                    w.Write(row.Length);
                    foreach (float v in row)
                    {
                        w.Write(v);
                    }
                }
            }
        });
    }

    /// <summary>The checkpoint, or null when absent, unreadable, or made for other images or models.</summary>
    public static ExtractionCheckpoint? TryLoad(string file, IReadOnlyList<string> expectedPaths, IReadOnlyList<string> modelNames)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        try
        {
            using var r = new BinaryReader(File.OpenRead(file));
            if (r.ReadInt32() != Magic || r.ReadInt32() != expectedPaths.Count)
            {
                return null;
            }

            int n = expectedPaths.Count;
            var paths = new string[n];
            var ids = new string[n];
            var errors = new string?[n];
            for (int i = 0; i < n; i++)
            {
                paths[i] = r.ReadString();
                ids[i] = r.ReadString();
                string e = r.ReadString();
                errors[i] = r.ReadBoolean() ? e : null;
                if (!string.Equals(paths[i], expectedPaths[i], StringComparison.Ordinal))
                {
                    return null;
                }
            }

            if (r.ReadInt32() != modelNames.Count)
            {
                return null;
            }

            var rows = new List<float[]>[modelNames.Count];
            for (int m = 0; m < modelNames.Count; m++)
            {
                if (!string.Equals(r.ReadString(), modelNames[m], StringComparison.Ordinal))
                {
                    return null;
                }

                int count = r.ReadInt32();
                rows[m] = new List<float[]>(count);
                for (int k = 0; k < count; k++)
                {
                    float[] row = new float[r.ReadInt32()];
                    for (int j = 0; j < row.Length; j++)
                    {
                        row[j] = r.ReadSingle();
                    }

                    rows[m].Add(row);
                }
            }

            return new ExtractionCheckpoint { Paths = paths, Identities = ids, Errors = errors, Rows = rows };
        }
        catch (EndOfStreamException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
