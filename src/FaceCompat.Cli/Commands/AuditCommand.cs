using System.CommandLine;
using FaceCompat.Audit;
using FaceCompat.Data;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;
using FaceCompat.Study;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat audit</c>: can records of one system be linked to another system's records of the same people?</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Dataset folder holding both systems' templates of the same images (embeddings/<source>.npy and <target>.npy).", Required = true };
        var source = new Option<string?>("--source") { Description = "Model of the first system's records (mapped by the attacker). Default with --adapter: the adapter's source model." };
        var target = new Option<string?>("--target") { Description = "Model of the second system's records. Default with --adapter: the adapter's target model." };
        var fitData = new Option<string?>("--fit-data") { Description = "The attacker's public paired data: fit every map on all of it, audit all of --data." };
        var adapter = new Option<string?>("--adapter") { Description = "Audit an existing adapter (from 'facecompat fit'), e.g. a migration map that could leak, on all of --data." };
        var methods = OptionRules.NameList(new Option<string>("--methods") { Description = "Attack maps, comma-separated (baseline = no map).", DefaultValueFactory = _ => "baseline,procrustes,linear,ridge" }, "baseline,procrustes", "baseline", "procrustes", "linear", "ridge", "null", "unpaired", "unpaired-gw", "unpaired-disjoint", "unpaired-gw-disjoint");
        var seeds = OptionRules.IntegerList(new Option<string>("--seeds") { Description = "Split seeds when the attacker's paired data are other identities of --data.", DefaultValueFactory = _ => "0" }, 0, int.MaxValue, "0,1,2");
        var testPercent = OptionRules.Integer("--test-percent", "Share of identities audited (the rest are the attacker's paired data), 1 to 99 %.", 30, 1, 99);
        var lambda = OptionRules.Real("--lambda", "Ridge regularisation. A finite number > 0 (--method linear is the unregularised fit).", 0.1, 0, 1e6, minInclusive: false);
        var omega = OptionRules.Real("--omega", "Prior ratio P(mated) / P(non-mated) of the linkability measure, a finite number > 0.", 1.0, 0, 1e12, minInclusive: false);
        var bootstrap = OptionRules.Integer("--bootstrap", "Bootstrap resamples over the source records' identities for D_sys's 95 % interval (0: none; at most 100,000).", 1000, 0, 100_000);
        var json = new Option<bool>("--json") { Description = "One JSON object per cell on stdout (metrics, D_sys and the D(s) curves) instead of the table." };
        var output = OptionRules.Writable(new Option<string?>("--out") { Description = "Also write audit.md, audit.jsonl and audit-curves.csv into this folder." }, folder: true);
        var command = new Command("audit", "Template-linkability audit: how well an attacker with a fitted map can link one system's templates to another's (Gomez-Barrero et al.'s D_sys, linkage rate).")
        {
            data, source, target, fitData, adapter, methods, seeds, testPercent, lambda, omega, bootstrap, json, output,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            if (parse.GetValue(adapter) is not null && parse.GetValue(fitData) is not null)
            {
                throw new UsageException("--adapter and --fit-data exclude each other: an adapter is already fitted.");
            }

            (FittedMap Map, AdapterProvenance Provenance)? loaded = parse.GetValue(adapter) is string path ? AdapterFile.Load(path) : null;
            string sourceModel = parse.GetValue(source) ?? loaded?.Provenance.SourceModel ?? throw new UsageException("--source is required (or give --adapter).");
            string targetModel = parse.GetValue(target) ?? loaded?.Provenance.TargetModel ?? throw new UsageException("--target is required (or give --adapter).");
            double prior = parse.GetValue(omega);
            if (!(prior > 0) || !double.IsFinite(prior))
            {
                throw new UsageException($"--omega: {prior} is not a positive number.");
            }

            var plan = new AuditPlan
            {
                Data = DatasetFolder.Open(parse.GetValue(data)!),
                Source = sourceModel,
                Target = targetModel,
                FitData = parse.GetValue(fitData) is string fit ? DatasetFolder.Open(fit) : null,
                Adapter = loaded is (FittedMap map, AdapterProvenance provenance) ? (map, provenance.Dataset) : null,
                Methods = StudyCommand.ParseMethods(parse.GetValue(methods)),
                Seeds = ListArgument.Integers(parse.GetValue(seeds), "--seeds"),
                Options = new ProtocolOptions
                {
                    TestPercent = parse.GetValue(testPercent),
                    RidgeLambda = parse.GetValue(lambda),
                    LinkabilityOmega = prior,
                    LinkabilityBootstrap = parse.GetValue(bootstrap) >= 0 ? parse.GetValue(bootstrap) : throw new UsageException("--bootstrap: the number of resamples cannot be negative."),
                    Kernels = DenseKernels.Default,
                },
            };
            IReadOnlyList<CellResult> cells = AuditRunner.Run(plan, new SynchronousProgress<string>(line => Console.Error.WriteLine($"audit: {line}")));
            var summary = AuditSummary.Create(plan, cells);
            if (parse.GetValue(json))
            {
                foreach (CellResult cell in cells)
                {
                    Console.Out.WriteLine(StudyFolder.FormatCell(cell, full: true));
                }
            }
            else
            {
                summary.WriteMarkdown(Console.Out);
            }

            if (parse.GetValue(output) is string outDirectory)
            {
                summary.WriteFiles(outDirectory);
                Console.Error.WriteLine($"audit: wrote {Path.GetFullPath(outDirectory)}/audit.md, audit.jsonl, audit-curves.csv");
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
