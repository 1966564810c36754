namespace FaceCompat.Tests.Corpus;

/// <summary>Wrong command lines: unknown commands and options, missing and malformed values, out-of-range values, unwritable outputs.</summary>
public static partial class MalformedInputCorpus
{
    /// <summary>A valid command line per command (with <c>{good}</c>, <c>{adapter}</c>, <c>{study}</c>, <c>{dir}</c> placeholders), to which one bad option is added.</summary>
    private static readonly (string Name, string[] Args)[] s_commands =
    [
        ("demo", ["demo", "--out", "{dir}/demo"]),
        ("study", ["study", "--data", "{good}", "--out", "{dir}/study"]),
        ("evaluate", ["evaluate", "--data", "{good}", "--source", "a", "--target", "b"]),
        ("fit", ["fit", "--data", "{good}", "--source", "a", "--target", "b", "--out", "{dir}/m.fcmap"]),
        ("apply", ["apply", "--adapter", "{adapter}", "--embeddings", "{good}/embeddings/a.npy", "--out", "{dir}/o.npy"]),
        ("export", ["export", "--adapter", "{adapter}", "--out", "{dir}/o.onnx"]),
        ("audit", ["audit", "--data", "{good}", "--source", "a", "--target", "b"]),
        ("extract", ["extract", "--images", "{dir}", "--landmarks", "{dir}/lm.tsv", "--models", "mfn512", "--out", "{dir}/x"]),
        ("report", ["report", "--study", "{study}", "--out", "{dir}/r.html"]),
        ("lfw10", ["lfw10", "--data", "{good}", "--pairs", "{dir}/pairs.txt", "--all"]),
        ("classmap", ["classmap", "--synthetic"]),
        ("geometry-scales", ["geometry", "scales", "--data", "{good}"]),
        ("geometry-macro", ["geometry", "macro", "--data", "{good}"]),
        ("geometry-micro", ["geometry", "micro", "--images", "{dir}", "--landmarks", "{dir}/lm.tsv", "--models", "mfn512", "--model-dir", "{dir}"]),
        ("geometry-toy", ["geometry", "toy"]),
    ];

    private static IEnumerable<CorpusCase> CommandLines()
    {
        foreach ((string name, string[] args) in s_commands)
        {
            yield return Usage($"{name}-unknown-option", [.. args, "--frobnicate", "3"], "--frobnicate");
        }

        foreach ((string name, string[] args, string missing) in new (string, string[], string)[]
        {
            ("study", ["study", "--out", "{dir}/s"], "--data"),
            ("evaluate", ["evaluate", "--data", "{good}", "--source", "a"], "--target"),
            ("fit", ["fit", "--data", "{good}", "--source", "a", "--target", "b"], "--out"),
            ("apply", ["apply", "--adapter", "{adapter}", "--out", "{dir}/o.npy"], "--embeddings"),
            ("audit", ["audit", "--source", "a", "--target", "b"], "--data"),
            ("extract", ["extract", "--images", "{dir}", "--out", "{dir}/x"], "--models"),
            ("report", ["report"], "--study"),
            ("lfw10", ["lfw10", "--data", "{good}", "--all"], "--pairs"),
            ("geometry-scales", ["geometry", "scales"], "--data"),
            ("geometry-micro", ["geometry", "micro", "--images", "{dir}"], "--landmarks"),
        })
        {
            yield return Usage($"{name}-missing-{missing.TrimStart('-')}", args, missing);
        }

        yield return Usage("unknown-command", ["frobnicate"], "frobnicate");
        yield return Usage("unknown-geometry-command", ["geometry", "frobnicate"], "frobnicate");
        yield return Usage("no-command", [], "command");
        yield return Usage("option-without-value", ["evaluate", "--data", "{good}", "--source", "a", "--target", "b", "--lambda"], "--lambda");

        foreach (string command in new[] { "study", "evaluate", "audit" })
        {
            string[] args = s_commands.First(c => c.Name == command).Args;
            foreach (string value in new[] { "-1", "0", "NaN", "Infinity", "abc", "1e400" })
            {
                yield return Usage($"{command}-lambda-{value}", [.. args, "--lambda", value], "--lambda", "e.g. --lambda 0.1");
            }

            foreach (string value in new[] { "0", "100", "-5", "30.5", "x" })
            {
                yield return Usage($"{command}-test-percent-{value}", [.. args, "--test-percent", value], "--test-percent", "1 to 99");
            }

            foreach ((string label, string value) in new[] { ("letters", "a,b"), ("empty", ","), ("negative", "-1"), ("repeated", "0,0"), ("decimal", "0.5"), ("huge", "99999999999") })
            {
                yield return Usage($"{command}-seeds-{label}", [.. args, "--seeds", value], "--seeds");
            }

            foreach (string value in new[] { "magic", "procrustes,magic" })
            {
                string option = command == "evaluate" ? "--method" : "--methods";
                yield return Usage($"{command}-{option.TrimStart('-')}-{value.Replace(',', '-')}", [.. args, option, value], option, "procrustes");
            }
        }

        string[] study = s_commands.First(c => c.Name == "study").Args;
        foreach (string value in new[] { "0", "-3", "ten", "5,5" })
        {
            yield return Usage($"study-fit-identities-{value.Replace(',', '-')}", [.. study, "--fit-identities", value], "--fit-identities");
        }

        yield return Usage("study-models-repeated", ["study", "--data", "{good}", "--models", "a,a", "--out", "{dir}/study"], "--models", "'a' is listed twice");
        yield return Usage("study-methods-repeated", [.. study, "--methods", "baseline,baseline"], "--methods", "'baseline' is listed twice");
        yield return Usage("study-data-repeated", ["study", "--data", "{good},{good}", "--out", "{dir}/study"], "--data", "listed twice");
        yield return Usage("extract-models-repeated", [.. s_commands.First(c => c.Name == "extract").Args[..^4], "--models", "mfn512,mfn512", "--out", "{dir}/x"], "--models");
        yield return Usage("macro-models-repeated", ["geometry", "macro", "--data", "{good}", "--models", "a,a"], "--models");
        yield return Usage("study-impostors-some", [.. study, "--impostors", "some"], "--impostors", "balanced");
        yield return Usage("study-shard-garbage", [.. study, "--shard", "x/y"], "--shard");
        string[] audit = s_commands.First(c => c.Name == "audit").Args;
        foreach (string value in new[] { "0", "-1", "NaN" })
        {
            yield return Usage($"audit-omega-{value}", [.. audit, "--omega", value], "--omega");
        }

        foreach (string value in new[] { "-1", "1000000000", "many" })
        {
            yield return Usage($"audit-bootstrap-{value}", [.. audit, "--bootstrap", value], "--bootstrap");
        }

        yield return Usage("audit-adapter-and-fit-data", [.. audit, "--adapter", "{adapter}", "--fit-data", "{good}"], "--adapter", "--fit-data");
        yield return Usage("demo-identities-0", ["demo", "--out", "{dir}/demo", "--identities", "0"], "--identities");
        yield return Usage("demo-identities-huge", ["demo", "--out", "{dir}/demo", "--identities", "100000000"], "--identities");
        yield return Usage("fit-split-seed-negative", [.. s_commands.First(c => c.Name == "fit").Args, "--split-seed", "-1"], "--split-seed");
        yield return Usage("fit-mlp-hidden-0", [.. s_commands.First(c => c.Name == "fit").Args, "--method", "mlp", "--mlp-hidden", "0"], "--mlp-hidden", "from 1 to 8192");
        yield return Usage("evaluate-mlp-layers-3", [.. s_commands.First(c => c.Name == "evaluate").Args, "--method", "mlp", "--mlp-layers", "3"], "--mlp-layers");
        yield return Usage("study-mlp-loss-hinge", [.. study, "--methods", "mlp", "--mlp-loss", "hinge"], "--mlp-loss", "regression, contrastive");
        yield return Usage("study-mlp-learning-rate-0", [.. study, "--methods", "mlp", "--mlp-learning-rate", "0"], "--mlp-learning-rate");
        yield return Usage("apply-side-left", [.. s_commands.First(c => c.Name == "apply").Args, "--side", "left"], "--side", "source, target");
        string[] extract = s_commands.First(c => c.Name == "extract").Args;
        yield return Usage("extract-threads-0", [.. extract, "--threads", "0"], "--threads");
        yield return Usage("extract-batch-0", [.. extract, "--batch", "0"], "--batch");
        yield return Usage("extract-device-tpu", [.. extract, "--device", "tpu"], "--device");
        yield return Usage("extract-detector-magic", ["extract", "--images", "{dir}", "--detector", "magic", "--models", "mfn512", "--out", "{dir}/x"], "--detector");
        yield return Usage("extract-landmarks-and-detector", [.. extract, "--detector", "scrfd"], "--landmarks", "--detector");
        string[] micro = s_commands.First(c => c.Name == "geometry-micro").Args;
        yield return Usage("micro-steps-even", [.. micro, "--steps", "4"], "--steps");
        yield return Usage("micro-steps-1", [.. micro, "--steps", "1"], "--steps");
        yield return Usage("micro-threads-0", [.. micro, "--threads", "0"], "--threads");
        yield return Usage("toy-runs-0", ["geometry", "toy", "--runs", "0"], "--runs");
        yield return Usage("toy-epochs-negative", ["geometry", "toy", "--epochs", "-1"], "--epochs");
        yield return Usage("macro-max-cloud-1", ["geometry", "macro", "--data", "{good}", "--max-cloud", "1"], "--max-cloud");
        yield return Usage("classmap-without-files", ["classmap", "--features-a", "{good}/embeddings/a.npy"], "--weights-a");
        yield return Usage("classmap-test-percent-0", ["classmap", "--synthetic", "--test-percent", "0"], "--test-percent");
        yield return Usage("lfw10-without-pair-choice", ["lfw10", "--data", "{good}", "--pairs", "{dir}/pairs.txt"], "--source", "--all");

        foreach ((string name, string[] args, string option) in new (string, string[], string)[]
        {
            ("study", ["study", "--data", "{good}", "--out", "/proc/facecompat-study"], "--out"),
            ("demo", ["demo", "--out", "/proc/facecompat-demo"], "--out"),
            ("fit", ["fit", "--data", "{good}", "--source", "a", "--target", "b", "--out", "/proc/m.fcmap"], "--out"),
            ("apply", ["apply", "--adapter", "{adapter}", "--embeddings", "{good}/embeddings/a.npy", "--out", "/proc/o.npy"], "--out"),
            ("audit", ["audit", "--data", "{good}", "--source", "a", "--target", "b", "--out", "/proc/audit"], "--out"),
            ("report", ["report", "--study", "{study}", "--out", "/proc/r.html"], "--out"),
            ("classmap", ["classmap", "--synthetic", "--out", "/proc/classmap"], "--out"),
            ("toy", ["geometry", "toy", "--study", "/proc/study"], "--study"),
            ("scales", ["geometry", "scales", "--data", "{good}", "--study", "/proc/study"], "--study"),
            ("lfw10", ["lfw10", "--data", "{good}", "--pairs", "{dir}/p.txt", "--all", "--study", "/proc/study"], "--study"),
        })
        {
            yield return Usage($"{name}-output-not-writable", args, option, "/proc");
        }

        yield return Usage("fit-out-is-a-folder", ["fit", "--data", "{good}", "--source", "a", "--target", "b", "--out", "{dir}"], "--out", "is a folder");
        yield return Usage("study-out-is-a-file", ["study", "--data", "{good}", "--out", "{adapter}"], "--out", "is a file");
        yield return Usage("apply-out-under-a-file", ["apply", "--adapter", "{adapter}", "--embeddings", "{good}/embeddings/a.npy", "--out", "{adapter}/o.npy"], "--out", "is a file");
    }

    private static CorpusCase Usage(string name, string[] args, params string[] mentions) =>
        new("usage-" + name, 2, (ws, dir) => args.Select(a => a
            .Replace("{good}", ws.Good, StringComparison.Ordinal)
            .Replace("{adapter}", ws.Adapter, StringComparison.Ordinal)
            .Replace("{study}", ws.Study, StringComparison.Ordinal)
            .Replace("{dir}", dir, StringComparison.Ordinal)).ToArray(), mentions);
}
