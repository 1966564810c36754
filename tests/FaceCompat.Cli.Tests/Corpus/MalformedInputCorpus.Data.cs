using System.Text;
using static FaceCompat.Tests.Corpus.CorpusWorkspace;

namespace FaceCompat.Tests.Corpus;

/// <summary>Malformed embeddings (.npy, .npz, .csv), index.csv files and identity structures.</summary>
public static partial class MalformedInputCorpus
{
    private const string BadA = "{dir}/data/embeddings/a";

    private static readonly byte[] s_goodA = Floats(Rows, 16, 1, GoodIdentities());

    private static IEnumerable<CorpusCase> Embeddings()
    {
        byte[] valid = Npy("<f4", false, $"({Rows}, 16)", s_goodA);
        yield return NpyCase("npy-empty-file", []);
        yield return NpyCase("npy-bad-magic", [.. "NOTNUMPY"u8, .. valid[8..]]);
        foreach (int cut in new[] { 3, 9, 40, valid.Length / 2, valid.Length - 1 })
        {
            yield return NpyCase($"npy-truncated-at-{cut}", valid[..cut]);
        }

        yield return NpyCase("npy-version-9", [.. valid[..6], 9, 0, .. valid[8..]]);
        yield return NpyCase("npy-header-length-beyond-file", [.. valid[..8], 0xFF, 0x7F, .. valid[10..200]]);
        yield return NpyCase("npy-int32-dtype", Npy("<i4", false, $"({Rows}, 16)", s_goodA));
        yield return NpyCase("npy-float16-dtype", Npy("<f2", false, $"({Rows}, 32)", s_goodA));
        yield return NpyCase("npy-object-dtype", Npy("|O", false, $"({Rows}, 16)", s_goodA));
        yield return NpyCase("npy-complex-dtype", Npy("<c8", false, $"({Rows}, 8)", s_goodA));
        yield return NpyCase("npy-fortran-order", Npy("<f4", true, $"({Rows}, 16)", s_goodA));
        yield return NpyCase("npy-one-dimensional", Npy("<f4", false, $"({Rows * 16},)", s_goodA));
        yield return NpyCase("npy-three-dimensional", Npy("<f4", false, $"({Rows}, 4, 4)", s_goodA));
        yield return NpyCase("npy-zero-columns", Npy("<f4", false, $"({Rows}, 0)", []));
        yield return NpyCase("npy-fewer-rows-than-index", Npy("<f4", false, $"({Rows - 1}, 16)", s_goodA[..((Rows - 1) * 64)]));
        yield return NpyCase("npy-more-rows-than-index", Npy("<f4", false, $"({Rows + 1}, 16)", [.. s_goodA, .. s_goodA[..64]]));
        yield return NpyCase("npy-shape-larger-than-data", Npy("<f4", false, $"({Rows}, 17)", s_goodA));
        yield return NpyCase("npy-huge-shape", Npy("<f4", false, "(1000000000000, 16)", s_goodA));
        yield return NpyCase("npy-negative-shape", Npy("<f4", false, $"(-{Rows}, 16)", s_goodA));
        yield return NpyCase("npy-header-not-a-dict", NpyRaw("['descr', '<f4']", s_goodA));
        yield return NpyCase("npy-header-missing-shape", NpyRaw("{'descr': '<f4', 'fortran_order': False, }", s_goodA));
        yield return NpyCase("npy-header-garbage", NpyRaw("{'descr': <f4 'shape': ((((", s_goodA));
        yield return NpyCase("npy-random-bytes", RandomBytes(3000, 11));
        yield return NpyCase("npy-nan-value", Npy("<f4", false, $"({Rows}, 16)", Floats(Rows, 16, 1, GoodIdentities(), (r, c, v) => r == 7 && c == 3 ? float.NaN : v)), ".npy", "row 8");
        yield return NpyCase("npy-infinite-value", Npy("<f4", false, $"({Rows}, 16)", Floats(Rows, 16, 1, GoodIdentities(), (r, c, v) => r == 0 && c == 0 ? float.PositiveInfinity : v)), ".npy", "row 1");
        yield return NpyCase("npy-all-zero-row", Npy("<f4", false, $"({Rows}, 16)", Floats(Rows, 16, 1, GoodIdentities(), (r, c, v) => r == 12 ? 0f : v)), ".npy", "row 13");
        yield return NpyCase("npy-zero-variance", Npy("<f4", false, $"({Rows}, 16)", Floats(Rows, 16, 1, GoodIdentities(), (r, c, v) => c + 1f)), ".npy", "same vector");
        yield return NpyCase("npz-random-bytes", RandomBytes(500, 12), ".npz");
        yield return NpyCase("npz-no-members", Zip(), ".npz");
        yield return NpyCase("npz-two-arrays", Zip(("x.npy", valid), ("y.npy", valid)), ".npz");
        yield return NpyCase("npz-corrupt-member", Zip(("x.npy", valid[..100])), ".npz");
        yield return NpyCase("npz-member-not-npy", Zip(("x.npy", "hello"u8.ToArray())), ".npz");
        byte[] npz = Zip(("x.npy", valid));
        yield return NpyCase("npz-truncated", npz[..(npz.Length / 2)], ".npz");
        string csv = CsvOf(s_goodA, 16);
        yield return NpyCase("csv-text-cell", Encoding.UTF8.GetBytes(ReplaceLine(csv, 4, "1,2,three,4,5,6,7,8,9,10,11,12,13,14,15,16")), ".csv", "row");
        yield return NpyCase("csv-ragged-row", Encoding.UTF8.GetBytes(ReplaceLine(csv, 10, "1,2,3")), ".csv", "row");
        yield return NpyCase("csv-empty", [], ".csv");
        yield return NpyCase("csv-nan-text", Encoding.UTF8.GetBytes(ReplaceLine(csv, 2, "NaN,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15")), ".csv", "row 3");
        yield return NpyCase("csv-binary", RandomBytes(2000, 13), ".csv");
    }

    private static IEnumerable<CorpusCase> Indexes()
    {
        yield return IndexCase("index-missing", null);
        yield return IndexCase("index-empty", "");
        yield return IndexCase("index-wrong-header", "name,id\n" + IndexBody());
        yield return IndexCase("index-header-only", "path,identity\n");
        yield return IndexCase("index-missing-identity-field", ReplaceLine("path,identity\n" + IndexBody(), 5, "person01/img004.jpg"), "row 6");
        yield return IndexCase("index-empty-identity", ReplaceLine("path,identity\n" + IndexBody(), 5, "person01/img004.jpg,"), "row 6");
        yield return IndexCase("index-duplicate-path", ReplaceLine("path,identity\n" + IndexBody(), 3, "person00/img000.jpg,person00"), "person00/img000.jpg");
        yield return IndexCase("index-unbalanced-quote", ReplaceLine("path,identity\n" + IndexBody(), 8, "\"person02/img006.jpg,person02"), "row 9");
        yield return IndexCase("index-binary", Encoding.Latin1.GetString(RandomBytes(1500, 14)));
        yield return new CorpusCase("index-unknown-model", 3, (ws, dir) => Evaluate(ws.CopyOfGood(dir), source: "arcface"), "arcface", "Available models: a, b");
        yield return new CorpusCase("index-no-embeddings-folder", 3, (ws, dir) =>
        {
            string data = ws.CopyOfGood(dir);
            Directory.Delete(Path.Combine(data, "embeddings"), recursive: true);
            return Evaluate(data);
        }, "{dir}/data/embeddings");
        yield return new CorpusCase("dataset-folder-missing", 3, (ws, dir) => Evaluate(Path.Combine(dir, "nothing-here")), "{dir}/nothing-here");
        yield return new CorpusCase("dataset-path-empty", 3, (ws, dir) => Evaluate(""), "path is empty");
        yield return new CorpusCase("dataset-is-a-file", 3, (ws, dir) =>
        {
            string file = Path.Combine(dir, "data");
            File.WriteAllText(file, "x");
            return Evaluate(file);
        }, "{dir}/data");
    }

    private static IEnumerable<CorpusCase> IdentityStructures()
    {
        string[] singletons = Enumerable.Range(0, Rows).Select(i => $"p{i:D3}").ToArray();
        string[] oneIdentity = Enumerable.Range(0, Rows).Select(_ => "everyone").ToArray();
        string[] twoIdentities = Enumerable.Range(0, Rows).Select(i => i < 2 ? $"p{i}" : "big").ToArray();
        foreach ((string name, string[] ids, string mention) in new[]
        {
            ("no-identity-with-two-images", singletons, "no identity"),
            ("one-identity", oneIdentity, "1 identity"),
            ("test-split-without-genuine-pairs", twoIdentities, "--test-percent"),
        })
        {
            yield return new CorpusCase($"{name}-evaluate", 3, (ws, dir) => Evaluate(Dataset(dir, ids)), "{dir}/data", mention);
            yield return new CorpusCase($"{name}-study", 3, (ws, dir) => ["study", "--data", Dataset(dir, ids), "--methods", "baseline,ridge", "--seeds", "0,1", "--out", Path.Combine(dir, "study")], "{dir}/data", mention);
            yield return new CorpusCase($"{name}-audit", 3, (ws, dir) => ["audit", "--data", Dataset(dir, ids), "--source", "a", "--target", "b", "--bootstrap", "0"], "{dir}/data", mention);
            if (ids != twoIdentities)
            {
                // Evaluated on all rows, two singletons and one identity of 88 images are a defined protocol.
                yield return new CorpusCase($"{name}-cross-evaluate", 3, (ws, dir) => Evaluate(Dataset(dir, ids), fitData: ws.Good), "{dir}/data", "evaluation set");
            }
        }

        yield return new CorpusCase("fit-identities-more-than-exist", 3, (ws, dir) => ["study", "--data", ws.Good, "--models", "a,b", "--methods", "ridge", "--seeds", "0", "--fit-identities", "5,500", "--out", Path.Combine(dir, "study")], "--fit-identities 500", "use values up to");
        yield return new CorpusCase("fit-on-one-row", 3, (ws, dir) => Evaluate(ws.Good, fitData: Dataset(dir, ["only"])), "{dir}/data");
        yield return new CorpusCase("fit-split-seed-one-identity", 3, (ws, dir) => ["fit", "--data", Dataset(dir, oneIdentity), "--source", "a", "--target", "b", "--split-seed", "0", "--out", Path.Combine(dir, "m.fcmap")], "{dir}/data", "at least 2");
        yield return new CorpusCase("study-nan-in-second-model", 3, (ws, dir) =>
        {
            string data = ws.CopyOfGood(dir);
            File.WriteAllBytes(Path.Combine(data, "embeddings", "b.npy"), Npy("<f4", false, $"({Rows}, 12)", Floats(Rows, 12, 5, GoodIdentities(), (r, c, v) => r == 40 ? float.NaN : v)));
            return ["study", "--data", data, "--out", Path.Combine(dir, "study")];
        }, "{dir}/data/embeddings/b.npy", "row 41");
        yield return new CorpusCase("study-truncated-npy", 3, (ws, dir) =>
        {
            string data = ws.CopyOfGood(dir);
            byte[] bytes = File.ReadAllBytes(Path.Combine(data, "embeddings", "a.npy"));
            File.WriteAllBytes(Path.Combine(data, "embeddings", "a.npy"), bytes[..(bytes.Length - 100)]);
            return ["study", "--data", data, "--seeds", "0", "--out", Path.Combine(dir, "study")];
        }, "{dir}/data/embeddings/a.npy");
        yield return new CorpusCase("study-cross-bad-second-dataset", 3, (ws, dir) =>
        {
            string data = ws.CopyOfGood(dir, "second");
            File.WriteAllText(Path.Combine(data, "index.csv"), "path,identity\n");
            return ["study", "--data", $"{ws.Good},{data}", "--cross", "--seeds", "0", "--out", Path.Combine(dir, "study")];
        }, "{dir}/second/index.csv");
        yield return new CorpusCase("study-two-datasets-one-name", 3, (ws, dir) =>
        {
            string copy = ws.CopyOfGood(dir, "good");
            return ["study", "--data", $"{ws.Good},{copy}", "--seeds", "0", "--out", Path.Combine(dir, "study")];
        }, "folder name");
        yield return new CorpusCase("study-unknown-model", 3, (ws, dir) => ["study", "--data", ws.Good, "--models", "a,zzz", "--seeds", "0", "--out", Path.Combine(dir, "study")], "zzz");
        yield return new CorpusCase("apply-embeddings-nan", 3, (ws, dir) =>
        {
            string file = Path.Combine(dir, "gallery.npy");
            File.WriteAllBytes(file, Npy("<f4", false, "(4, 16)", Floats(4, 16, 3, null, (r, c, v) => r == 2 ? float.NaN : v)));
            return ["apply", "--adapter", ws.Adapter, "--embeddings", file, "--out", Path.Combine(dir, "out.npy")];
        }, "{dir}/gallery.npy");
        yield return new CorpusCase("apply-embeddings-truncated", 3, (ws, dir) =>
        {
            string file = Path.Combine(dir, "gallery.npy");
            File.WriteAllBytes(file, Npy("<f4", false, "(4, 16)", Floats(4, 16, 3))[..150]);
            return ["apply", "--adapter", ws.Adapter, "--embeddings", file, "--out", Path.Combine(dir, "out.npy")];
        }, "{dir}/gallery.npy");
        yield return new CorpusCase("apply-embeddings-wrong-dimension", 3, (ws, dir) =>
        {
            string file = Path.Combine(dir, "gallery.npy");
            File.WriteAllBytes(file, Npy("<f4", false, "(4, 10)", Floats(4, 10, 3)));
            return ["apply", "--adapter", ws.Adapter, "--embeddings", file, "--out", Path.Combine(dir, "out.npy")];
        }, "{dir}/gallery.npy", "16");
    }

    private static CorpusCase NpyCase(string name, byte[] bytes, string extension = ".npy", params string[] extra) =>
        new(name, 3, (ws, dir) =>
        {
            string data = ws.CopyOfGood(dir);
            File.Delete(Path.Combine(data, "embeddings", "a.npy"));
            File.WriteAllBytes(Path.Combine(data, "embeddings", "a" + extension), bytes);
            return Evaluate(data);
        }, [BadA + extension, .. extra]);

    private static CorpusCase IndexCase(string name, string? index, params string[] extra) =>
        new(name, 3, (ws, dir) =>
        {
            string data = ws.CopyOfGood(dir);
            string path = Path.Combine(data, "index.csv");
            File.Delete(path);
            if (index is not null)
            {
                File.WriteAllText(path, index);
            }

            return Evaluate(data);
        }, ["{dir}/data/index.csv", .. extra]);

    private static string Dataset(string dir, string[] identities)
    {
        string data = Path.Combine(dir, "data");
        WriteDataset(data, seed: 4, identities);
        return data;
    }

    private static string[] Evaluate(string data, string source = "a", string? fitData = null)
    {
        string[] args = ["evaluate", "--data", data, "--source", source, "--target", "b", "--seeds", "0,1"];
        return fitData is null ? args : [.. args, "--fit-data", fitData];
    }

    private static string[] GoodIdentities() => Enumerable.Range(0, Rows).Select(i => $"person{i / PerIdentity:D2}").ToArray();

    private static string IndexBody()
    {
        string[] ids = GoodIdentities();
        return string.Concat(ids.Select((id, i) => $"{id}/img{i:D3}.jpg,{id}\n"));
    }

    private static string CsvOf(byte[] floats, int cols)
    {
        var sb = new StringBuilder();
        for (int r = 0; r < floats.Length / 4 / cols; r++)
        {
            sb.AppendJoin(',', Enumerable.Range(0, cols).Select(c => BitConverter.ToSingle(floats, ((r * cols) + c) * 4).ToString("R", System.Globalization.CultureInfo.InvariantCulture))).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Replaces line <paramref name="line"/> (0-based) of <paramref name="text"/>.</summary>
    private static string ReplaceLine(string text, int line, string replacement)
    {
        string[] lines = text.Split('\n');
        lines[line] = replacement;
        return string.Join('\n', lines);
    }
}
