using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FaceCompat.Data;
using FaceCompat.Study;

namespace FaceCompat.Extraction.Pipeline;

/// <summary>
/// A sharded extraction: shard i of n writes a complete dataset folder of its own under
/// <c>&lt;out&gt;/shards/&lt;i&gt;-of-&lt;n&gt;/</c> (index.csv, embeddings/, manifest.json; its manifest is
/// written last, so it marks the shard done), and <see cref="Merge"/> concatenates the shards in
/// shard order, which is the sorted image order of one unsharded run, into <c>&lt;out&gt;</c>.
/// </summary>
public static partial class ExtractionShards
{
    public static string Directory(string outDirectory, WorkShard shard) =>
        Path.Combine(outDirectory, "shards", string.Create(CultureInfo.InvariantCulture, $"{shard.Index}-of-{shard.Count}"));

    /// <summary>Whether the shard's folder is finished (its manifest.json exists).</summary>
    public static bool IsDone(string outDirectory, WorkShard shard) => File.Exists(Path.Combine(Directory(outDirectory, shard), "manifest.json"));

    /// <summary>
    /// Writes index.csv, embeddings/&lt;model&gt;.npy and manifest.json of the whole extraction from its
    /// shards: rows in index.csv order, failures of every shard kept, <c>embedded</c> and
    /// <c>seconds</c> summed. Refuses (<see cref="DataFormatException"/>) when a shard is missing
    /// or the shards disagree on models or dimensions.
    /// </summary>
    public static ExtractionResult Merge(string outDirectory)
    {
        int count = ShardCount(outDirectory);
        var shards = Enumerable.Range(0, count).Select(i => new WorkShard(i, count)).ToArray();
        string[] missing = shards.Where(s => !IsDone(outDirectory, s)).Select(s => s.ToString()).ToArray();
        if (missing.Length > 0)
        {
            throw new DataFormatException(
                $"{outDirectory}: shards {string.Join(", ", missing)} are not finished (no manifest.json in shards/<i>-of-{count}/), so the extraction cannot be merged yet. Run them again ('facecompat slurm resubmit {outDirectory}' or 'facecompat extract ... --shard i/{count}'), then merge.")
            { FilePath = outDirectory };
        }

        var paths = new List<string>();
        var identities = new List<string>();
        var failures = new JsonArray();
        JsonObject? merged = null;
        string[] models = [];
        List<Matrix<float>>[] rows = [];
        double seconds = 0;
        foreach (WorkShard shard in shards)
        {
            string dir = Directory(outDirectory, shard);
            var manifest = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")))!;
            string[] names = manifest["models"]!.AsArray().Select(m => (string)m!["manifest"]!["name"]!).ToArray();
            if (merged is null)
            {
                merged = manifest;
                models = names;
                rows = models.Select(_ => new List<Matrix<float>>()).ToArray();
            }
            else if (!names.SequenceEqual(models, StringComparer.Ordinal))
            {
                throw new DataFormatException($"{dir}: models {string.Join(",", names)}, but shard 0 has {string.Join(",", models)}; every shard must run the same --models. Delete {Path.Combine(outDirectory, "shards")} and extract again.") { FilePath = dir };
            }

            DatasetIndex index = DatasetIndex.Read(Path.Combine(dir, "index.csv"));
            paths.AddRange(index.Paths);
            identities.AddRange(index.Identities);
            for (int m = 0; m < models.Length; m++)
            {
                rows[m].Add(NpyFile.ReadSingle(Path.Combine(dir, "embeddings", models[m] + ".npy")));
            }

            foreach (JsonNode? failure in manifest["failures"]!.AsArray())
            {
                failures.Add(failure!.DeepClone());
            }

            seconds += (double)manifest["seconds"]!;
        }

        string embeddings = Path.Combine(outDirectory, "embeddings");
        System.IO.Directory.CreateDirectory(embeddings);
        for (int m = 0; m < models.Length; m++)
        {
            NpyFile.Write(Path.Combine(embeddings, models[m] + ".npy"), Concatenate(rows[m], models[m], outDirectory));
        }

        new DatasetIndex(paths, identities).Write(Path.Combine(outDirectory, "index.csv"));
        merged!["embedded"] = paths.Count;
        merged["seconds"] = Math.Round(seconds, 3);
        merged["failures"] = failures;
        merged["shards"] = count;
        AtomicFile.WriteText(Path.Combine(outDirectory, "manifest.json"), merged.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var failed = failures.Select(f => new ExtractionFailure((string)f!["path"]!, (string)f["reason"]!)).ToList();
        return new ExtractionResult(paths.Count, failed, seconds);
    }

    private static Matrix<float> Concatenate(List<Matrix<float>> parts, string model, string outDirectory)
    {
        int columns = parts.Where(p => p.Rows > 0).Select(p => p.Columns).FirstOrDefault();
        if (parts.Any(p => p.Rows > 0 && p.Columns != columns))
        {
            throw new DataFormatException($"{outDirectory}: the shards' {model}.npy have different dimensions ({string.Join(", ", parts.Select(p => p.Columns))}); every shard must use the same model file.") { FilePath = outDirectory };
        }

        var all = new Matrix<float>(parts.Sum(p => p.Rows), columns);
        int row = 0;
        foreach (Matrix<float> part in parts.Where(p => p.Rows > 0))
        {
            part.Values.CopyTo(all.MutableValues().Slice(row * columns));
            row += part.Rows;
        }

        return all;
    }

    private static int ShardCount(string outDirectory)
    {
        string root = Path.Combine(outDirectory, "shards");
        int[] counts = System.IO.Directory.Exists(root)
            ? System.IO.Directory.EnumerateDirectories(root).Select(d => ShardName().Match(Path.GetFileName(d))).Where(m => m.Success)
                .Select(m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).Distinct().ToArray()
            : [];
        return counts.Length switch
        {
            0 => throw new DataFormatException($"{root}: no shard folders (<i>-of-<n>); run 'facecompat extract ... --shard i/n' into {outDirectory} first.") { FilePath = outDirectory },
            1 => counts[0],
            _ => throw new DataFormatException($"{root}: shards of different counts ({string.Join(", ", counts.Order().Select(c => "of-" + c))}); keep the folders of one --shard count and delete the others.") { FilePath = outDirectory },
        };
    }

    [GeneratedRegex(@"^(\d+)-of-(\d+)$")]
    private static partial Regex ShardName();
}
