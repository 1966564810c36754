using System.CommandLine;
using FaceCompat.Cluster;
using FaceCompat.Data;
using FaceCompat.Extraction.Images;
using FaceCompat.Extraction.Pipeline;
using FaceCompat.Study;

namespace FaceCompat.Cli.Commands;

/// <summary>
/// <c>facecompat slurm study|extract|status|resubmit</c>: a study or an extraction as a Slurm job
/// array (one task per shard) plus a merge job that runs after it; status and re-submission of the
/// missing shards. README, "Running on a cluster".
/// </summary>
internal static partial class SlurmCommand
{
    public static Command Create()
    {
        var command = new Command("slurm", "Run a study or an extraction as a Slurm job array (one shard per task) plus a merge job; watch it and re-submit missing shards.");
        command.Subcommands.Add(StudySubcommand());
        command.Subcommands.Add(ExtractSubcommand());
        command.Subcommands.Add(StatusSubcommand());
        command.Subcommands.Add(ResubmitSubcommand());
        return command;
    }

    private static Command StudySubcommand()
    {
        var study = new StudyOptions();
        var job = new JobOptions();
        var report = new Option<bool>("--report") { Description = "The merge job also writes <out>/report.html (facecompat report)." };
        var command = new Command("study", "Write (and with --submit, submit) an sbatch job array running the study's shards, and a merge job after it.");
        foreach (Option option in study.All.Concat(job.All).Append(report))
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CommandRunner.Run(() =>
        {
            StudyDefinition definition = study.Definition(parse);
            string outDirectory = parse.GetValue(study.Out)!;
            (int shards, int maxParallel) = job.Shape(parse, StudyRunner.MaxShards(definition), "work units once a model pair and its reverse count as one (they share a shard)");
            IReadOnlyList<(StudyWorkUnit Unit, int Shard)> plan = StudyRunner.Plan(definition, outDirectory, shards);
            var outputs = Enumerable.Range(0, shards)
                .Select(s => (IReadOnlyList<string>)plan.Where(p => p.Shard == s).SelectMany(p => definition.Methods.Select(m => StudyFolder.CellPath(p.Unit, m))).ToList())
                .ToList();
            string[] facecompat = job.Facecompat(parse);
            string[] args = ["study", .. StudyOptions.Arguments(definition, outDirectory)];
            var merge = new List<string> { SlurmScript.CommandLine([.. facecompat, .. args, "--merge"]) };
            if (parse.GetValue(report))
            {
                merge.Add(SlurmScript.CommandLine([.. facecompat, "report", "--study", outDirectory, "--out", Path.Combine(outDirectory, "report.html")]));
            }

            ShardedJobFolder folder = job.Write(parse, outDirectory, "study", "summary.csv", outputs, SlurmScript.CommandLine([.. facecompat, .. args]) + " --shard {shard}", merge);
            return job.SubmitIfAsked(parse, folder);
        }));
        return command;
    }

    private static Command ExtractSubcommand()
    {
        var job = new JobOptions();
        var extractArgs = new Argument<string[]>("extract-options")
        {
            Description = "The options of 'facecompat extract' (--images, --landmarks or --detector, --models, --model-dir, --out, ...), after --.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("extract", "Write (and with --submit, submit) an sbatch job array extracting shards of the image list, and a merge job after it: facecompat slurm extract --array N [...] -- <extract options>.");
        foreach (Option option in job.All)
        {
            command.Options.Add(option);
        }

        command.Arguments.Add(extractArgs);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            string[] args = parse.GetValue(extractArgs) ?? [];
            ParseResult extract = Program.BuildRoot().Parse(["extract", .. args]);
            if (extract.Errors.Count > 0)
            {
                throw new UsageException($"the extract options after --: {string.Join(" ", extract.Errors.Select(e => e.Message))} (see 'facecompat extract --help').");
            }

            string outDirectory = extract.GetValue<string>("--out")!;
            string images = extract.GetValue<string?>("--images") ?? throw new UsageException("the extract options after --: --images is required.");
            if (extract.GetValue<bool>("--merge") || extract.GetValue<string?>("--shard") is not null)
            {
                throw new UsageException("the extract options after --: leave out --shard and --merge; the job array gives each task its shard and the merge job merges.");
            }

            (int shards, int maxParallel) = job.Shape(parse, CountImages(images), "images");
            var outputs = Enumerable.Range(0, shards)
                .Select(s => (IReadOnlyList<string>)[Path.GetRelativePath(outDirectory, Path.Combine(ExtractionShards.Directory(outDirectory, new WorkShard(s, shards)), "manifest.json"))])
                .ToList();
            string[] facecompat = job.Facecompat(parse);
            string merge = SlurmScript.CommandLine([.. facecompat, "extract", "--merge", "--out", outDirectory]);
            ShardedJobFolder folder = job.Write(parse, outDirectory, "extract", "manifest.json", outputs, SlurmScript.CommandLine([.. facecompat, "extract", .. args]) + " --shard {shard}", [merge]);
            return job.SubmitIfAsked(parse, folder);
        }));
        return command;
    }

    private static int CountImages(string images)
    {
        if (!Directory.Exists(images))
        {
            throw new DataFormatException($"{Path.GetFullPath(images)}: image folder not found.") { FilePath = images };
        }

        return Directory.EnumerateFiles(images, "*", SearchOption.AllDirectories).Count(f => ImageReader.Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()));
    }

    /// <summary>The options every array job takes, and what they write.</summary>
    private sealed class JobOptions
    {
        public Option<int?> Array { get; } = new("--array") { Description = "Number of shards = array tasks (at most the number of work units or images).", Required = true };

        public Option<int?> MaxParallel { get; } = new("--max-parallel") { Description = "At most this many tasks at once (the % of --array; default: all)." };

        public Option<string?> Partition { get; } = new("--partition") { Description = "Slurm partition." };

        public Option<string?> Account { get; } = new("--account") { Description = "Slurm account to charge." };

        public Option<string?> Time { get; } = new("--time") { Description = "Wall-time limit per task (e.g. 2:00:00)." };

        public Option<string?> Memory { get; } = new("--mem") { Description = "Memory per task (e.g. 8G)." };

        public Option<int?> Cpus { get; } = new("--cpus") { Description = "CPUs per task (--cpus-per-task)." };

        public Option<int?> Gpus { get; } = new("--gpus") { Description = "GPUs per array task (--gres=gpu:G; the merge job asks for none)." };

        public Option<string?> Command { get; } = new("--facecompat") { Description = "How the nodes run facecompat (default: this installation, e.g. 'dotnet /path/facecompat.dll'); a shell command line." };

        public Option<bool> Submit { get; } = new("--submit") { Description = "Submit the array (sbatch --parsable) and the merge job (--dependency=afterok) and print the array's job id." };

        public IEnumerable<Option> All => [Array, MaxParallel, Partition, Account, Time, Memory, Cpus, Gpus, Command, Submit];

        public (int Shards, int MaxParallel) Shape(ParseResult parse, int items, string what)
        {
            int shards = parse.GetValue(Array) ?? 0;
            if (shards < 1)
            {
                throw new UsageException($"--array: {shards} shards; give at least 1 (e.g. --array 4).");
            }

            ShardArgument.EnsureAtMost(shards, items, "--array", what);
            int cap = parse.GetValue(MaxParallel) ?? shards;
            if (cap < 1)
            {
                throw new UsageException($"--max-parallel: {cap}; give at least 1 task at once.");
            }

            foreach ((Option<int?> option, int? value) in new[] { (Cpus, parse.GetValue(Cpus)), (Gpus, parse.GetValue(Gpus)) })
            {
                if (value is < 0 || (value is 0 && option == Cpus))
                {
                    throw new UsageException($"{option.Name}: {value}; give a positive number or leave it out.");
                }
            }

            return (shards, Math.Min(cap, shards));
        }

        public string[] Facecompat(ParseResult parse)
        {
            if (parse.GetValue(Command) is string given)
            {
                return given.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            }

            string? process = Environment.ProcessPath;
            if (process is not null && Path.GetFileNameWithoutExtension(process) == "facecompat")
            {
                return [process];
            }

            string host = process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet";
            return [host, Path.Combine(AppContext.BaseDirectory, "facecompat.dll")];
        }

        public ShardedJobFolder Write(ParseResult parse, string workDirectory, string kind, string mergedMarker, IReadOnlyList<IReadOnlyList<string>> outputs, string shardCommand, IReadOnlyList<string> mergeCommands)
        {
            (int shards, int cap) = (outputs.Count, Math.Min(parse.GetValue(MaxParallel) ?? outputs.Count, outputs.Count));
            var resources = new SlurmResources
            {
                Partition = parse.GetValue(Partition),
                Account = parse.GetValue(Account),
                Time = parse.GetValue(Time),
                Memory = parse.GetValue(Memory),
                Cpus = parse.GetValue(Cpus),
                Gpus = parse.GetValue(Gpus),
            };
            string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(workDirectory)));
            string here = Environment.CurrentDirectory;
            ShardedJobFolder folder = ShardedJobFolder.Create(workDirectory, kind, cap, mergedMarker, outputs, f => (
                SlurmScript.Array($"fc-{kind}-{name}", shards, cap, resources, here, f.LogDirectory, shardCommand, $"Written by 'facecompat slurm {kind}' for {f.WorkDirectory}."),
                SlurmScript.Merge($"fc-merge-{name}", resources with { Gpus = null }, here, f.LogDirectory, mergeCommands, $"Written by 'facecompat slurm {kind}': merges the shards of {f.WorkDirectory} once every array task has succeeded.")));
            Console.Error.WriteLine($"slurm: wrote {folder.ArrayScript} ({shards} tasks, at most {cap} at once) and {folder.MergeScript}; task logs go to {folder.LogDirectory}.");
            return folder;
        }

        public int SubmitIfAsked(ParseResult parse, ShardedJobFolder folder)
        {
            if (!parse.GetValue(Submit))
            {
                Console.Error.WriteLine($"slurm: not submitted. Submit with 'facecompat slurm resubmit {folder.WorkDirectory}' (every shard not done, then the merge), or by hand: jid=$(sbatch --parsable {folder.ArrayScript}) && sbatch --dependency=afterok:$jid {folder.MergeScript}");
                return ExitCodes.Success;
            }

            (string array, string merge) = ShardedJobSubmission.Submit(folder, new SlurmClient(), Enumerable.Range(0, folder.Shards).ToArray(), []);
            Console.Out.WriteLine(array);
            Console.Error.WriteLine($"slurm: submitted array job {array} ({folder.Shards} tasks) and merge job {merge} (afterok:{array}). Watch it: facecompat slurm status {folder.WorkDirectory}");
            return ExitCodes.Success;
        }
    }
}
