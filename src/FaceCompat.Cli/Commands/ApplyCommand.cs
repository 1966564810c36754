using System.CommandLine;
using FaceCompat.Data;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat apply</c>: map stored templates of the source model into the target model's space.</summary>
internal static class ApplyCommand
{
    public static Command Create()
    {
        var adapter = new Option<string>("--adapter") { Description = "Adapter file written by 'facecompat fit'.", Required = true };
        var embeddings = new Option<string>("--embeddings") { Description = "Embeddings to map (.npy, .npz or .csv), one row per template.", Required = true };
        var output = OptionRules.Writable(new Option<string>("--out") { Description = "Where to write the result (.npy, float32).", Required = true }, folder: false);
        var side = OptionRules.Choice(
            "--side",
            "source: map old-model templates into the new space (default); target: prepare new-model probes (centre with the adapter's target mean) so they compare with mapped templates by cosine.",
            "source",
            "source",
            "target");
        var command = new Command("apply", "Map embeddings with a fitted adapter: migrate a stored gallery to a new model without re-enrolling.")
        {
            adapter, embeddings, output, side,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            (FittedMap map, AdapterProvenance provenance) = AdapterFile.Load(parse.GetValue(adapter)!);
            string input = parse.GetValue(embeddings)!;
            Matrix<float> rows = EmbeddingFile.Read(input);
            EmbeddingValidator.Validate(rows, input);
            bool isSource = parse.GetValue(side) switch
            {
                "source" => true,
                "target" => false,
                string other => throw new UsageException($"--side: unknown value '{other}'; expected source or target."),
                null => true,
            };
            int expected = isSource ? map.SourceDimension : map.TargetDimension;
            if (rows.Columns != expected)
            {
                throw DataFormatException.InFile(
                    input,
                    $"rows have {rows.Columns} dimensions, but this adapter's {(isSource ? "source" : "target")} model ({(isSource ? provenance.SourceModel : provenance.TargetModel)}) has {expected}. Use embeddings of that model, or --side {(isSource ? "target" : "source")}.");
            }

            Matrix<float> result = isSource ? map.MapSource(rows, DenseKernels.Default) : map.PrepareTarget(rows);
            NpyFile.Write(parse.GetValue(output)!, result);
            Console.Error.WriteLine($"apply: {rows.Rows} rows {(isSource ? $"mapped {provenance.SourceModel} -> {provenance.TargetModel}" : $"prepared as {provenance.TargetModel} probes")} into {parse.GetValue(output)} ({result.Columns}-d, unit length)");
            return ExitCodes.Success;
        }));
        return command;
    }
}
