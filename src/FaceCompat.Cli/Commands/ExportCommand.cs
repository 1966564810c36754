using System.CommandLine;
using System.Globalization;
using FaceCompat.Data;
using FaceCompat.Extraction.Export;
using FaceCompat.Extraction.Onnx;
using FaceCompat.Extraction.Onnx.Format;
using FaceCompat.Mapping;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat export</c>: a fitted adapter as an ONNX graph, alone or appended to an embedding model.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var adapter = new Option<string>("--adapter") { Description = "Adapter file written by 'facecompat fit'.", Required = true };
        var output = OptionRules.Writable(new Option<string>("--out") { Description = "ONNX file to write.", Required = true }, folder: false, example: "map.onnx");
        var compose = new Option<string?>("--compose") { Description = "Embedding model (.onnx) to append the adapter to: the result emits target-space templates from the model's input." };
        var modelOutput = new Option<string?>("--model-output") { Description = "With --compose: the model output that holds the embedding (needed when the model has several)." };
        var side = OptionRules.Choice(
            "--side",
            "source: map source-model templates into the target space (default); target: prepare target-model probes (centred with the adapter's target mean).",
            "source",
            "source",
            "target");
        var precision = OptionRules.Choice(
            "--precision",
            "Arithmetic inside the graph: float64 (default; the same arithmetic as 'apply') or float32 (for runtimes without float64 kernels; ill-conditioned maps lose digits). Input and output are float32 either way.",
            "float64",
            "float64",
            "float32");
        var verify = new Option<string?>("--verify") { Description = "Embeddings (.npy, .npz or .csv) of the graph's input model to check the written graph on through ONNX Runtime (default: 64 seeded random rows)." };
        var command = new Command("export", "Write a fitted adapter as an ONNX graph ([N, d] embeddings in, mapped unit rows out), or append it to an embedding model with --compose.")
        {
            adapter, output, compose, modelOutput, side, precision, verify,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            (FittedMap map, AdapterProvenance provenance) = AdapterFile.Load(parse.GetValue(adapter)!);
            AdapterSide chosen = parse.GetValue(side) == "target" ? AdapterSide.Target : AdapterSide.Source;
            AdapterPrecision arithmetic = parse.GetValue(precision) == "float32" ? AdapterPrecision.Float32 : AdapterPrecision.Float64;
            string path = parse.GetValue(output)!;
            string? composeWith = parse.GetValue(compose);
            if (composeWith is null)
            {
                if (parse.GetValue(modelOutput) is not null)
                {
                    throw new UsageException("--model-output: only meaningful with --compose MODEL.onnx.");
                }

                (Matrix<float> rows, string what) = CheckRows(map, chosen, parse.GetValue(verify));
                OnnxModelFile.Save(path, AdapterGraph.Standalone(map, provenance, chosen, arithmetic));
                Console.Error.WriteLine($"export: {map.Method.ToName()} adapter {provenance.SourceModel} -> {provenance.TargetModel} ({chosen.ToString().ToLowerInvariant()} side) written to {path}: input '{AdapterGraph.InputName}' [N, {(chosen == AdapterSide.Source ? map.SourceDimension : map.TargetDimension)}], output '{AdapterGraph.OutputName}' [N, {map.TargetDimension}]");
                Console.Error.WriteLine(SelfCheck(path, map, chosen, arithmetic, rows, what));
            }
            else
            {
                if (parse.GetValue(verify) is not null)
                {
                    throw new UsageException("--verify: checks a standalone adapter graph; a composed graph takes images, so check it with 'extract' through it and 'apply' (see docs/export.md).");
                }

                ModelProto model = OnnxModelFile.Load(composeWith);
                OnnxModelFile.Save(path, AdapterGraph.Compose(model, composeWith, parse.GetValue(modelOutput), map, provenance, chosen, arithmetic));
                Console.Error.WriteLine($"export: {composeWith} with the {map.Method.ToName()} adapter {provenance.SourceModel} -> {provenance.TargetModel} appended, written to {path}: output '{AdapterGraph.OutputName}' [N, {map.TargetDimension}]. Extract with it through a manifest whose file is {Path.GetFileName(path)} and output {AdapterGraph.OutputName}.");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The rows to check the graph on: the --verify file's (read before anything is written) or 64 seeded random rows.</summary>
    private static (Matrix<float> Rows, string What) CheckRows(FittedMap map, AdapterSide side, string? verifyWith)
    {
        int width = side == AdapterSide.Source ? map.SourceDimension : map.TargetDimension;
        Matrix<float> rows = AdapterCheck.RandomRows(64, width, seed: 1);
        string what = "64 random rows";
        if (verifyWith is not null)
        {
            rows = EmbeddingFile.Read(verifyWith);
            EmbeddingValidator.Validate(rows, verifyWith);
            if (rows.Columns != width)
            {
                throw DataFormatException.InFile(verifyWith, $"rows have {rows.Columns} dimensions, but the graph's input has {width}. Use embeddings of the adapter's {(side == AdapterSide.Source ? "source" : "target")} model.");
            }

            what = $"{rows.Rows} rows of {verifyWith}";
        }

        return (rows, what);
    }

    /// <summary>Runs the written graph through ONNX Runtime on the rows and compares with 'apply'.</summary>
    private static string SelfCheck(string path, FittedMap map, AdapterSide side, AdapterPrecision precision, Matrix<float> rows, string what)
    {
        if (!OnnxSession.IsRuntimeAvailable)
        {
            return "export: ONNX Runtime is not installed here, so the graph was not run (scripts/setup-native.sh installs it).";
        }

        double difference = AdapterCheck.MaxAbsDifference(path, map, side, rows);
        if (!(difference <= AdapterCheck.Tolerance) && precision == AdapterPrecision.Float32 && double.IsFinite(difference))
        {
            return string.Create(CultureInfo.InvariantCulture, $"export: warning: in float32 the graph's rows are up to {difference:G3} away from 'apply' on {what} (more than {AdapterCheck.Tolerance:G1}): the map is ill-conditioned. Export with --precision float64, or fit a ridge map.");
        }

        if (!(difference <= AdapterCheck.Tolerance))
        {
            throw new ModelException($"{path}: ONNX Runtime {OnnxSession.RuntimeVersion} gives rows {difference:G3} away from 'apply' (tolerance {AdapterCheck.Tolerance:G1}). This is a bug: please report it with the adapter file.");
        }

        return string.Create(CultureInfo.InvariantCulture, $"export: checked through ONNX Runtime {OnnxSession.RuntimeVersion}: max |onnx - apply| = {difference:G3} on {what} (tolerance {AdapterCheck.Tolerance:G1})");
    }
}
