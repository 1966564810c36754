using System.Text;
using static FaceCompat.Tests.Corpus.CorpusWorkspace;

namespace FaceCompat.Tests.Corpus;

/// <summary>Malformed adapters, study folders, images, models, landmark files, LFW pairs, classifier and CelebA files.</summary>
public static partial class MalformedInputCorpus
{
    private static IEnumerable<CorpusCase> Adapters()
    {
        yield return AdapterCase("adapter-empty", _ => []);
        yield return AdapterCase("adapter-random-bytes-1", _ => RandomBytes(64, 21));
        yield return AdapterCase("adapter-random-bytes-2", _ => RandomBytes(4096, 22));
        yield return AdapterCase("adapter-random-bytes-3", _ => [0x50, 0x4B, 0x03, 0x04, .. RandomBytes(2000, 23)]);
        foreach (double share in new[] { 0.05, 0.3, 0.6, 0.9, 0.99 })
        {
            yield return AdapterCase($"adapter-truncated-{share * 100:F0}pct", good => good[..(int)(good.Length * share)]);
        }

        yield return AdapterCase("adapter-no-weights", good => Rezip(good, drop: "weights.npy"));
        yield return AdapterCase("adapter-no-meta", good => Rezip(good, drop: n => n.EndsWith(".json", StringComparison.Ordinal)));
        yield return AdapterCase("adapter-weights-wrong-shape", good => Rezip(good, "weights.npy", Npy("<f8", false, "(3, 5)", new byte[3 * 5 * 8])));
        yield return AdapterCase("adapter-weights-nan", good => Rezip(good, "weights.npy", Npy("<f8", false, "(16, 12)", Enumerable.Repeat(BitConverter.GetBytes(double.NaN), 16 * 12).SelectMany(b => b).ToArray())));
        yield return AdapterCase("adapter-mean-wrong-length", good => Rezip(good, "source_mean.npy", Npy("<f8", false, "(1, 3)", new byte[24])));
        yield return AdapterCase("adapter-meta-garbage", good => Rezip(good, n => n.EndsWith(".json", StringComparison.Ordinal), "{not json"u8.ToArray()));
        yield return AdapterCase("adapter-meta-unknown-method", good => Rezip(good, n => n.EndsWith(".json", StringComparison.Ordinal), json => json.Replace("\"ridge\"", "\"magic\"", StringComparison.Ordinal).Replace("\"procrustes\"", "\"magic\"", StringComparison.Ordinal)));
        yield return new CorpusCase("adapter-missing-file", 3, (ws, dir) => ["apply", "--adapter", Path.Combine(dir, "none.fcmap"), "--embeddings", Path.Combine(ws.Good, "embeddings", "a.npy"), "--out", Path.Combine(dir, "o.npy")], "{dir}/none.fcmap");
        yield return new CorpusCase("audit-adapter-garbage", 3, (ws, dir) =>
        {
            string path = Path.Combine(dir, "map.fcmap");
            File.WriteAllBytes(path, RandomBytes(300, 24));
            return ["audit", "--data", ws.Good, "--adapter", path, "--bootstrap", "0"];
        }, "{dir}/map.fcmap");
        yield return new CorpusCase("audit-adapter-wrong-models", 3, (ws, dir) => ["audit", "--data", ws.Good, "--adapter", ws.Adapter, "--source", "b", "--target", "a", "--bootstrap", "0"], "dimensions");
    }

    private static IEnumerable<CorpusCase> Studies()
    {
        yield return new CorpusCase("report-study-missing", 3, (ws, dir) => ["report", "--study", Path.Combine(dir, "none"), "--out", Path.Combine(dir, "r.html")], "{dir}/none");
        yield return new CorpusCase("report-study-empty", 3, (ws, dir) => ["report", "--study", dir, "--out", Path.Combine(dir, "r.html")], "{dir}");
        yield return new CorpusCase("study-json-empty-in-folder", 3, (ws, dir) =>
        {
            CopyFolder(ws.Study, Path.Combine(dir, "study"));
            File.WriteAllText(Path.Combine(dir, "study", "study.json"), "");
            return ["study", "--data", ws.Good, "--models", "a,b", "--methods", "baseline,ridge", "--seeds", "0", "--out", Path.Combine(dir, "study")];
        }, "{dir}/study/study.json");
        yield return StudyCase("report-every-cell-corrupt", study =>
        {
            foreach (string cell in Cells(study))
            {
                File.WriteAllText(cell, "{\"protocol\": ");
            }
        }, "{dir}/study");
        yield return StudyCase("report-cells-deleted", study => Directory.Delete(Path.Combine(study, "cells"), recursive: true), "{dir}/study");
        yield return StudyCase("report-cell-wrong-types", study =>
        {
            foreach (string cell in Cells(study))
            {
                File.WriteAllText(cell, "{\"protocol\": 5, \"method\": [], \"rank1\": \"high\"}");
            }
        }, "{dir}/study");
        yield return new CorpusCase("study-other-definition-in-folder", 3, (ws, dir) =>
        {
            CopyFolder(ws.Study, Path.Combine(dir, "study"));
            return ["study", "--data", ws.Good, "--models", "a,b", "--methods", "baseline", "--seeds", "0", "--out", Path.Combine(dir, "study")];
        }, "{dir}/study/study.json");
        yield return new CorpusCase("study-json-garbage-in-folder", 3, (ws, dir) =>
        {
            Directory.CreateDirectory(Path.Combine(dir, "study"));
            File.WriteAllText(Path.Combine(dir, "study", "study.json"), "garbage");
            return ["study", "--data", ws.Good, "--models", "a,b", "--methods", "baseline", "--seeds", "0", "--out", Path.Combine(dir, "study")];
        }, "{dir}/study/study.json");
        yield return new CorpusCase("study-merge-with-missing-cells", 3, (ws, dir) =>
        {
            CopyFolder(ws.Study, Path.Combine(dir, "study"));
            File.Delete(Cells(Path.Combine(dir, "study")).First());
            return ["study", "--data", ws.Good, "--models", "a,b", "--methods", "baseline,ridge", "--seeds", "0", "--merge", "--out", Path.Combine(dir, "study")];
        }, "missing");
        yield return new CorpusCase("study-resumes-over-torn-and-garbage-cells", 0, (ws, dir) =>
        {
            string study = Path.Combine(dir, "study");
            CopyFolder(ws.Study, study);
            string[] cells = Cells(study);
            File.WriteAllText(cells[0], File.ReadAllText(cells[0])[..20]);
            File.WriteAllBytes(cells[1], RandomBytes(200, 25));
            return ["study", "--data", ws.Good, "--models", "a,b", "--methods", "baseline,ridge", "--seeds", "0", "--out", study];
        });
    }

    private static IEnumerable<CorpusCase> ExtractionInputs()
    {
        yield return ExtractCase("extract-model-garbage-onnx", (ws, dir) => [.. Images(dir), .. LandmarksFor(dir), .. Manifest(dir, onnx: RandomBytes(5000, 31))], 4, "{dir}/models");
        yield return ExtractCase("extract-model-empty-onnx", (ws, dir) => [.. Images(dir), .. LandmarksFor(dir), .. Manifest(dir, onnx: [])], 4, "{dir}/models");
        yield return ExtractCase("extract-model-file-missing", (ws, dir) => [.. Images(dir), .. LandmarksFor(dir), "--models", "mfn512", "--model-dir", Path.Combine(dir, "models")], 4, "mfn512");
        yield return ExtractCase("extract-unknown-preset", (ws, dir) => [.. Images(dir), .. LandmarksFor(dir), "--models", "nosuchnet", "--model-dir", dir], 4, "nosuchnet");
        yield return ExtractCase("extract-manifest-garbage", (ws, dir) =>
        {
            string manifest = Path.Combine(dir, "m.json");
            File.WriteAllText(manifest, "{ \"name\": ");
            return [.. Images(dir), .. LandmarksFor(dir), "--models", manifest, "--model-dir", dir];
        }, 4, "{dir}/m.json");
        yield return ExtractCase("extract-landmarks-missing", (ws, dir) => [.. Images(dir), "--landmarks", Path.Combine(dir, "none.tsv"), "--models", "mfn512", "--model-dir", dir], 3, "{dir}/none.tsv");
        yield return ExtractCase("extract-landmarks-empty", (ws, dir) => [.. Images(dir), .. Landmarks(dir, ""), "--models", "mfn512", "--model-dir", dir], 3, "{dir}/lm.tsv");
        yield return ExtractCase("extract-landmarks-bad-header", (ws, dir) => [.. Images(dir), .. Landmarks(dir, "file\tx\ty\n"), "--models", "mfn512", "--model-dir", dir], 3, "{dir}/lm.tsv", "header");
        yield return ExtractCase("extract-landmarks-not-a-number", (ws, dir) => [.. Images(dir), .. Landmarks(dir, LandmarkHeader + "a/1.jpg\t1\t2\tthree\t4\t5\t6\t7\t8\t9\t10\n"), "--models", "mfn512", "--model-dir", dir], 3, "{dir}/lm.tsv", "row 2");
        yield return ExtractCase("extract-landmarks-nan", (ws, dir) => [.. Images(dir), .. Landmarks(dir, LandmarkHeader + "a/1.jpg\tNaN\t2\t3\t4\t5\t6\t7\t8\t9\t10\n"), "--models", "mfn512", "--model-dir", dir], 3, "{dir}/lm.tsv", "row 2");
        yield return ExtractCase("extract-landmarks-short-row", (ws, dir) => [.. Images(dir), .. Landmarks(dir, LandmarkHeader + "a/1.jpg\t1\t2\n"), "--models", "mfn512", "--model-dir", dir], 3, "{dir}/lm.tsv", "row 2");
        yield return ExtractCase("extract-landmarks-binary", (ws, dir) => [.. Images(dir), .. Landmarks(dir, Encoding.Latin1.GetString(RandomBytes(800, 32))), "--models", "mfn512", "--model-dir", dir], 3, "{dir}/lm.tsv");
        yield return ExtractCase("extract-images-missing", (ws, dir) => ["extract", "--images", Path.Combine(dir, "none"), "--landmarks", Path.Combine(dir, "x.tsv"), "--models", "mfn512", "--model-dir", dir, "--out", Path.Combine(dir, "out")], 3, "{dir}/none");
        yield return ExtractCase("micro-landmarks-garbage", (ws, dir) =>
        {
            string[] images = Images(dir);
            string[] landmarks = Landmarks(dir, "garbage\n");
            return ["geometry", "micro", "--images", images[1], "--landmarks", landmarks[1], "--models", "mfn512", "--model-dir", dir];
        }, 3, "{dir}/lm.tsv");
    }

    private static IEnumerable<CorpusCase> Lfw10Inputs()
    {
        yield return LfwCase("lfw10-pairs-missing", null, "{dir}/pairs.txt");
        yield return LfwCase("lfw10-pairs-empty", "", "{dir}/pairs.txt");
        yield return LfwCase("lfw10-pairs-bad-first-line", "ten folds\nP00 1 2\n", "{dir}/pairs.txt", "row 1");
        yield return LfwCase("lfw10-pairs-truncated", "2 1\nP00 1 2\nP01 1 P02 1\n", "{dir}/pairs.txt", "truncated");
        yield return LfwCase("lfw10-pairs-bad-row", "2 1\nP00 one two\nP01 1 P02 1\nP00 1 2\nP01 1 P02 1\n", "{dir}/pairs.txt", "row 2");
        yield return LfwCase("lfw10-pairs-unknown-image", "2 1\nP00 1 9\nP01 1 P02 1\nP00 1 2\nP01 1 P02 1\n", "{dir}/pairs.txt", "row 2");
        yield return LfwCase("lfw10-pairs-mismatched-row-in-matched-fold", "2 1\nP01 1 P02 1\nP01 1 P02 1\nP00 1 2\nP01 1 P02 1\n", "{dir}/pairs.txt", "row 2");
        yield return LfwCase("lfw10-pairs-binary", Encoding.Latin1.GetString(RandomBytes(600, 41)), "{dir}/pairs.txt");
    }

    private static IEnumerable<CorpusCase> ClassmapInputs()
    {
        yield return ClassmapCase("classmap-labels-not-whole", labels: "0\n1.5\n2\n", mention: "{dir}/labels.csv");
        yield return ClassmapCase("classmap-labels-negative", labels: "0\n-1\n2\n", mention: "{dir}/labels.csv");
        yield return ClassmapCase("classmap-labels-two-columns", labels: "0,1\n1,2\n2,0\n", mention: "{dir}/labels.csv");
        yield return ClassmapCase("classmap-labels-beyond-classes", labels: string.Concat(Enumerable.Range(0, 12).Select(i => $"{i % 3 + 5}\n")), mention: "class");
        yield return ClassmapCase("classmap-features-rows-mismatch", featuresBRows: 7, mention: "rows");
        yield return ClassmapCase("classmap-weights-dimension-mismatch", weightsAColumns: 5, mention: "dimension");
        yield return ClassmapCase("classmap-features-corrupt", corruptFeaturesA: true, mention: "{dir}/fa.npy");
        yield return new CorpusCase("macro-attributes-garbage", 3, (ws, dir) => ["geometry", "macro", "--data", ws.Good, "--attributes", Write(dir, "attr.txt", "not\ncelebA")], "{dir}/attr.txt");
        yield return new CorpusCase("macro-attributes-missing", 3, (ws, dir) => ["geometry", "macro", "--data", ws.Good, "--attributes", Path.Combine(dir, "none.txt")], "{dir}/none.txt");
        yield return new CorpusCase("macro-identities-garbage", 3, (ws, dir) => ["geometry", "macro", "--data", ws.Good, "--attributes", Write(dir, "attr.txt", $"1\nSmiling\nimg000.jpg 1\n"), "--identities", Write(dir, "ids.txt", "one two three\n")], "{dir}/ids.txt");
        yield return new CorpusCase("macro-no-attribute-columns", 2, (ws, dir) => ["geometry", "macro", "--data", ws.Good], "--attributes");
        yield return new CorpusCase("scales-bad-embeddings", 3, (ws, dir) =>
        {
            string data = ws.CopyOfGood(dir);
            File.WriteAllBytes(Path.Combine(data, "embeddings", "b.npy"), RandomBytes(100, 42));
            return ["geometry", "scales", "--data", data];
        }, "{dir}/data/embeddings/b.npy");
    }

    private const string LandmarkHeader = "image\tleye_x\tleye_y\treye_x\treye_y\tnose_x\tnose_y\tlmouth_x\tlmouth_y\trmouth_x\trmouth_y\n";

    private static CorpusCase AdapterCase(string name, Func<byte[], byte[]> corrupt) =>
        new(name, 3, (ws, dir) =>
        {
            string path = Path.Combine(dir, "map.fcmap");
            File.WriteAllBytes(path, corrupt(File.ReadAllBytes(ws.Adapter)));
            return ["apply", "--adapter", path, "--embeddings", Path.Combine(ws.Good, "embeddings", "a.npy"), "--out", Path.Combine(dir, "out.npy")];
        }, "{dir}/map.fcmap");

    private static byte[] Rezip(byte[] zip, string drop) => Rezip(zip, n => n == drop, (Func<string, string>?)null, remove: true);

    private static byte[] Rezip(byte[] zip, Func<string, bool> drop) => Rezip(zip, drop, (Func<string, string>?)null, remove: true);

    private static byte[] Rezip(byte[] zip, string member, byte[] content) => Rezip(zip, n => n == member, content);

    private static byte[] Rezip(byte[] zip, Func<string, bool> member, byte[] content)
    {
        List<(string Name, byte[] Content)> members = ReadZipBytes(zip);
        return Zip([.. members.Select(m => member(m.Name) ? (m.Name, content) : m)]);
    }

    private static byte[] Rezip(byte[] zip, Func<string, bool> member, Func<string, string>? edit, bool remove = false)
    {
        List<(string Name, byte[] Content)> members = ReadZipBytes(zip);
        return Zip([.. members.Where(m => !(remove && member(m.Name))).Select(m => !remove && member(m.Name) && edit is not null ? (m.Name, Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(m.Content)))) : m)]);
    }

    private static List<(string Name, byte[] Content)> ReadZipBytes(byte[] zip)
    {
        string temp = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(temp, zip);
            return ReadZip(temp);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static CorpusCase StudyCase(string name, Action<string> corrupt, params string[] mentions) =>
        new(name, 3, (ws, dir) =>
        {
            string study = Path.Combine(dir, "study");
            CopyFolder(ws.Study, study);
            corrupt(study);
            return ["report", "--study", study, "--out", Path.Combine(dir, "r.html")];
        }, mentions);

    private static string[] Cells(string study) =>
        Directory.EnumerateFiles(Path.Combine(study, "cells"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

    private static CorpusCase ExtractCase(string name, Func<CorpusWorkspace, string, string[]> args, int exit, params string[] mentions) =>
        new(name, exit, (ws, dir) =>
        {
            string[] a = args(ws, dir);
            return a[0] is "extract" or "geometry" ? a : ["extract", .. a, "--out", Path.Combine(dir, "out")];
        }, mentions);

    /// <summary>An image folder with one corrupt JPEG and one valid PGM.</summary>
    private static string[] Images(string dir)
    {
        string images = Path.Combine(dir, "images", "a");
        Directory.CreateDirectory(images);
        File.WriteAllBytes(Path.Combine(images, "1.jpg"), [0xFF, 0xD8, 0xFF, .. RandomBytes(500, 33)]);
        File.WriteAllBytes(Path.Combine(images, "2.pgm"), [.. "P5\n4 4\n255\n"u8, .. new byte[16]]);
        return ["--images", Path.Combine(dir, "images")];
    }

    private static string[] Landmarks(string dir, string text) => ["--landmarks", Write(dir, "lm.tsv", text)];

    private static string[] LandmarksFor(string dir) => Landmarks(dir, LandmarkHeader + "a/1.jpg\t38\t51\t73\t51\t56\t71\t41\t92\t70\t92\na/2.pgm\t1\t1\t3\t1\t2\t2\t1\t3\t3\t3\n");

    /// <summary>A manifest for a 112 x 112 model whose .onnx file holds <paramref name="onnx"/>.</summary>
    private static string[] Manifest(string dir, byte[] onnx)
    {
        string models = Path.Combine(dir, "models");
        Directory.CreateDirectory(models);
        File.WriteAllBytes(Path.Combine(models, "bad.onnx"), onnx);
        string manifest = Write(dir, "bad.json", "{\"name\": \"bad\", \"file\": \"bad.onnx\", \"inputSize\": 112, \"dimension\": 128}");
        return ["--models", manifest, "--model-dir", models];
    }

    private static CorpusCase LfwCase(string name, string? pairs, params string[] mentions) =>
        new(name, 3, (ws, dir) =>
        {
            string data = Path.Combine(dir, "lfw");
            string[] ids = Enumerable.Range(0, 12).Select(i => $"P{i / 3:D2}").ToArray();
            WriteDataset(data, 7, ids);
            File.WriteAllText(Path.Combine(data, "index.csv"), "path,identity\n" + string.Concat(ids.Select((id, i) => $"{id}/{id}_{(i % 3) + 1:D4}.jpg,{id}\n")));
            string path = Path.Combine(dir, "pairs.txt");
            if (pairs is not null)
            {
                File.WriteAllText(path, pairs);
            }

            return ["lfw10", "--data", data, "--pairs", path, "--all"];
        }, mentions);

    private static CorpusCase ClassmapCase(string name, string? labels = null, int featuresBRows = 12, int weightsAColumns = 6, bool corruptFeaturesA = false, string mention = "") =>
        new(name, 3, (ws, dir) =>
        {
            string fa = Path.Combine(dir, "fa.npy"), wa = Path.Combine(dir, "wa.npy"), fb = Path.Combine(dir, "fb.npy"), wb = Path.Combine(dir, "wb.npy");
            byte[] featuresA = Npy("<f4", false, "(12, 6)", Floats(12, 6, 51));
            File.WriteAllBytes(fa, corruptFeaturesA ? featuresA[..90] : featuresA);
            File.WriteAllBytes(wa, Npy("<f4", false, $"(3, {weightsAColumns})", Floats(3, weightsAColumns, 52)));
            File.WriteAllBytes(fb, Npy("<f4", false, $"({featuresBRows}, 4)", Floats(featuresBRows, 4, 53)));
            File.WriteAllBytes(wb, Npy("<f4", false, "(3, 4)", Floats(3, 4, 54)));
            string labelFile = Write(dir, "labels.csv", labels ?? string.Concat(Enumerable.Range(0, 12).Select(i => $"{i % 3}\n")));
            return ["classmap", "--features-a", fa, "--weights-a", wa, "--features-b", fb, "--weights-b", wb, "--labels", labelFile];
        }, mention);

    private static string Write(string dir, string name, string text)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
