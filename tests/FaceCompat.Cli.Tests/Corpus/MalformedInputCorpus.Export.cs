using static FaceCompat.Tests.Corpus.CorpusWorkspace;

namespace FaceCompat.Tests.Corpus;

/// <summary>Bad inputs of 'export': broken adapters and models, mismatched dimensions, bad options.</summary>
public static partial class MalformedInputCorpus
{
    private static IEnumerable<CorpusCase> Exports()
    {
        string Out(string dir) => Path.Combine(dir, "o.onnx");
        yield return new CorpusCase("export-adapter-garbage", 3, (ws, dir) =>
        {
            string path = Path.Combine(dir, "map.fcmap");
            File.WriteAllBytes(path, RandomBytes(500, 41));
            return ["export", "--adapter", path, "--out", Out(dir)];
        }, "{dir}/map.fcmap");
        yield return new CorpusCase("export-adapter-truncated", 3, (ws, dir) =>
        {
            string path = Path.Combine(dir, "map.fcmap");
            byte[] good = File.ReadAllBytes(ws.Adapter);
            File.WriteAllBytes(path, good[..(good.Length / 2)]);
            return ["export", "--adapter", path, "--out", Out(dir)];
        }, "{dir}/map.fcmap");
        yield return new CorpusCase("export-compose-model-missing", 4, (ws, dir) => ["export", "--adapter", ws.Adapter, "--compose", Path.Combine(dir, "none.onnx"), "--out", Out(dir)], "{dir}/none.onnx");
        yield return ComposeCase("export-compose-model-garbage", 4, _ => RandomBytes(3000, 42));
        yield return ComposeCase("export-compose-model-empty", 4, _ => []);
        yield return ComposeCase("export-compose-model-truncated", 4, good => good[..(good.Length * 2 / 3)]);
        yield return ComposeCase("export-compose-wrong-width", 3, _ => TinyModel(9, "emb"), "9-dimensional", "16-dimensional");
        yield return ComposeCase("export-compose-two-outputs", 4, _ => TinyModel(16, "emb", "other"), "--model-output");
        yield return new CorpusCase("export-compose-unknown-output", 4, (ws, dir) => ["export", "--adapter", ws.Adapter, "--compose", WriteModel(dir, TinyModel(16, "emb")), "--model-output", "nope", "--out", Out(dir)], "{dir}/model.onnx", "nope");
        yield return new CorpusCase("export-model-output-without-compose", 2, (ws, dir) => ["export", "--adapter", ws.Adapter, "--model-output", "emb", "--out", Out(dir)], "--model-output");
        yield return new CorpusCase("export-precision-unknown", 2, (ws, dir) => ["export", "--adapter", ws.Adapter, "--precision", "float16", "--out", Out(dir)], "--precision");
        yield return new CorpusCase("export-side-unknown", 2, (ws, dir) => ["export", "--adapter", ws.Adapter, "--side", "both", "--out", Out(dir)], "--side");
        yield return new CorpusCase("export-no-out", 2, (ws, dir) => ["export", "--adapter", ws.Adapter], "--out");
        yield return new CorpusCase("export-verify-wrong-model", 3, (ws, dir) => ["export", "--adapter", ws.Adapter, "--verify", Path.Combine(ws.Good, "embeddings", "b.npy"), "--out", Out(dir)], "b.npy", "16");
        yield return new CorpusCase("export-verify-with-compose", 2, (ws, dir) => ["export", "--adapter", ws.Adapter, "--compose", WriteModel(dir, TinyModel(16, "emb")), "--verify", Path.Combine(ws.Good, "embeddings", "a.npy"), "--out", Out(dir)], "--verify");
    }

    /// <summary>'export --compose' of the corpus' a -> b adapter (a is 16-d) with a model file made from a good tiny model's bytes.</summary>
    private static CorpusCase ComposeCase(string name, int exit, Func<byte[], byte[]> model, params string[] mentions) =>
        new(name, exit, (ws, dir) =>
        {
            string path = Path.Combine(dir, "model.onnx");
            File.WriteAllBytes(path, model(TinyModel(16, "emb")));
            return ["export", "--adapter", ws.Adapter, "--compose", path, "--out", Path.Combine(dir, "o.onnx")];
        }, ["{dir}/model.onnx", .. mentions]);

    private static byte[] TinyModel(int width, params string[] outputs)
    {
        using var stream = new MemoryStream();
        ProtoBuf.Serializer.Serialize(stream, TinyOnnxModels.Identity(13, width, outputs));
        return stream.ToArray();
    }

    private static string WriteModel(string dir, byte[] bytes)
    {
        string path = Path.Combine(dir, "model.onnx");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
