using System.CommandLine;
using FaceCompat.Alignment;
using FaceCompat.Data;
using FaceCompat.LinearAlgebra;
using FaceCompat.Study;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat study</c>: every ordered pair x method x seed x dataset, resumable.</summary>
internal static class StudyCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Dataset folders, comma-separated.", Required = true };
        var models = new Option<string?>("--models") { Description = "Models, comma-separated (default: every model all datasets have)." };
        var methods = OptionRules.NameList(new Option<string>("--methods") { Description = "Methods, comma-separated.", DefaultValueFactory = _ => "baseline,procrustes,linear,ridge" }, "baseline,procrustes", "baseline", "procrustes", "linear", "ridge", "null");
        var seeds = OptionRules.IntegerList(new Option<string>("--seeds") { Description = "Split seeds, comma-separated.", DefaultValueFactory = _ => "0,1,2,3,4" }, 0, int.MaxValue, "0,1,2");
        var testPercent = OptionRules.Integer("--test-percent", "Share of identities held out for testing, 1 to 99 %.", 30, 1, 99);
        var lambda = OptionRules.Real("--lambda", "Ridge regularisation. A finite number > 0 (--method linear is the unregularised fit).", 0.1, 0, 1e6, minInclusive: false);
        var impostors = OptionRules.Choice("--impostors", "all | balanced.", "all", "all", "balanced");
        var cross = new Option<bool>("--cross") { Description = "Also fit on each dataset and evaluate on each other one." };
        var fitIdentities = OptionRules.IntegerList(new Option<string?>("--fit-identities") { Description = "Training-size experiment: numbers of fitting identities, e.g. 10,20,50,100 (each at most the fitting identities every seed leaves)." }, 1, int.MaxValue, "10,20,50");
        var linkability = new Option<bool>("--linkability") { Description = "Also measure template linkability (D_sys) in every cell and write linkability/ matrices (about doubles the scoring time)." };
        var output = OptionRules.Writable(new Option<string>("--out") { Description = "Study folder (created; re-running resumes).", Required = true }, folder: true);
        var command = new Command("study", "Run every ordered model pair x method x seed x dataset into a folder; a re-run skips finished cells.")
        {
            data, models, methods, seeds, testPercent, lambda, impostors, cross, fitIdentities, linkability, output,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            string[] dataPaths = ListArgument.Strings(parse.GetValue(data));
            var definition = new StudyDefinition
            {
                Datasets = dataPaths,
                Models = ResolveModels(parse.GetValue(models), dataPaths),
                Methods = ParseMethods(parse.GetValue(methods)),
                Seeds = ListArgument.Integers(parse.GetValue(seeds), "--seeds"),
                TestPercent = parse.GetValue(testPercent),
                RidgeLambda = parse.GetValue(lambda),
                Impostors = EvaluateCommand.ParseImpostors(parse.GetValue(impostors)),
                Cross = parse.GetValue(cross),
                FitIdentities = parse.GetValue(fitIdentities) is string f ? ListArgument.Integers(f, "--fit-identities") : [],
                Linkability = parse.GetValue(linkability),
            };
            StudySummary summary = Run(definition, parse.GetValue(output)!);
            StudyPrinter.Print(summary, Console.Out);
            return ExitCodes.Success;
        }));
        return command;
    }

    internal static StudySummary Run(StudyDefinition definition, string outDirectory)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        StudySummary summary = ConsoleProgress.Run("study", progress =>
            StudyRunner.Run(definition, outDirectory, DenseKernels.Default, new Progress(progress), cancel.Token));
        Console.Error.WriteLine($"study: results in {Path.GetFullPath(outDirectory)} (kernels: {DenseKernels.Default.Name})");
        return summary;
    }

    internal static IReadOnlyList<MapMethod> ParseMethods(string? text)
    {
        var result = new List<MapMethod>();
        foreach (string name in ListArgument.Strings(text))
        {
            if (!MapMethods.TryParse(name, out MapMethod m))
            {
                throw new UsageException($"--methods: unknown method '{name}'; expected baseline, procrustes, linear, ridge or null (a random orthogonal control).");
            }

            result.Add(m);
        }

        return result.Count > 0 ? result : throw new UsageException("--methods: expected at least one method.");
    }

    private static string[] ResolveModels(string? text, string[] dataPaths)
    {
        string[] given = ListArgument.Strings(text);
        if (given.Length > 0)
        {
            return given;
        }

        IEnumerable<string>? common = null;
        foreach (string path in dataPaths)
        {
            IReadOnlyList<string> models = DatasetFolder.Open(path).Models;
            common = common is null ? models : common.Intersect(models, StringComparer.Ordinal);
        }

        return common?.ToArray() ?? [];
    }

    private sealed class Progress(IProgress<(int Done, int Total, string? Last)> inner) : IProgress<StudyProgress>
    {
        public void Report(StudyProgress value) => inner.Report((value.Done, value.Total, value.Last));
    }
}
