using System.CommandLine;
using FaceCompat.Data;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;
using FaceCompat.Study;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat study</c>: every ordered pair x method x seed x dataset, resumable.</summary>
internal static class StudyCommand
{
    public static Command Create()
    {
        var options = new StudyOptions();
        var shard = new Option<string?>("--shard")
        {
            Description = "Run only shard i of n (i/n, numbered from 0) of the work units, split by estimated cost, and write no summaries; "
                + "inside a Slurm array task the shard defaults to SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN of SLURM_ARRAY_TASK_COUNT. Then --merge.",
        };
        var merge = new Option<bool>("--merge") { Description = "Write the summaries, matrices and clustering of a sharded study once every cell exists (else list the missing cells, exit 3)." };
        var command = new Command("study", "Run every ordered model pair x method x seed x dataset into a folder; a re-run skips finished cells.");
        foreach (Option option in options.All.Append(shard).Append(merge))
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CommandRunner.Run(() =>
        {
            StudyDefinition definition = options.Definition(parse);
            string outDirectory = parse.GetValue(options.Out)!;
            string? shardText = parse.GetValue(shard);
            if (parse.GetValue(merge))
            {
                if (shardText is not null)
                {
                    throw new UsageException("--merge and --shard: give one; the shards run first (--shard i/n), then one --merge writes the summaries.");
                }

                StudySummary merged = StudyRunner.Merge(definition, outDirectory);
                Console.Error.WriteLine($"study: merged every cell of {Path.GetFullPath(outDirectory)}");
                StudyPrinter.Print(merged, Console.Out);
                return ExitCodes.Success;
            }

            if (ShardArgument.Resolve(shardText, "study") is WorkShard part)
            {
                ShardArgument.EnsureAtMost(part.Count, StudyRunner.MaxShards(definition), "--shard", "work units once a model pair and its reverse count as one (they share a shard)");
                IReadOnlyList<StudyWorkUnit> units = RunShard(definition, outDirectory, part);
                Console.Error.WriteLine($"study: shard {part}: {units.Count} work units ({units.Count * definition.Methods.Count} cells) in {Path.GetFullPath(outDirectory)}; no summaries written: run the same command with --merge instead of --shard once every shard is done.");
                return ExitCodes.Success;
            }

            StudySummary summary = Run(definition, outDirectory);
            StudyPrinter.Print(summary, Console.Out);
            return ExitCodes.Success;
        }));
        return command;
    }

    internal static StudySummary Run(StudyDefinition definition, string outDirectory)
    {
        StudySummary summary = WithProgress("study", (progress, cancel) => StudyRunner.Run(definition, outDirectory, DenseKernels.Default, progress, cancel));
        Console.Error.WriteLine($"study: results in {Path.GetFullPath(outDirectory)} (kernels: {DenseKernels.Default.Name})");
        return summary;
    }

    private static IReadOnlyList<StudyWorkUnit> RunShard(StudyDefinition definition, string outDirectory, WorkShard shard) =>
        WithProgress($"study {shard}", (progress, cancel) => StudyRunner.RunShard(definition, outDirectory, shard, DenseKernels.Default, progress, cancel));

    /// <summary>Runs study work with progress on stderr; Ctrl+C cancels it (finished cells are kept).</summary>
    private static T WithProgress<T>(string title, Func<IProgress<StudyProgress>, CancellationToken, T> work)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        return ConsoleProgress.Run(title, progress => work(new Progress(progress), cancel.Token));
    }

    internal static IReadOnlyList<MapMethod> ParseMethods(string? text)
    {
        var result = new List<MapMethod>();
        foreach (string name in ListArgument.Strings(text))
        {
            if (!MapMethods.TryParse(name, out MapMethod m))
            {
                throw new UsageException($"--methods: unknown method '{name}'; expected {MapMethods.Expected}.");
            }

            result.Add(m);
        }

        return result.Count > 0 ? result : throw new UsageException("--methods: expected at least one method.");
    }

    internal static string[] ResolveModels(string? text, string[] dataPaths)
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
