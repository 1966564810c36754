using System.CommandLine;
using FaceCompat.Data;
using FaceCompat.Evaluation;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;
using FaceCompat.Study;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat evaluate</c>: one (source, target, method) over seeds, as the reference prints it.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Dataset folder (index.csv + embeddings/<model>.npy) to evaluate on.", Required = true };
        var source = new Option<string>("--source") { Description = "Model whose embeddings are the queries (mapped).", Required = true };
        var target = new Option<string>("--target") { Description = "Model whose embeddings are the gallery.", Required = true };
        var method = OptionRules.Choice("--method", "baseline | procrustes | linear | ridge | null | unpaired | unpaired-gw | unpaired-disjoint | unpaired-gw-disjoint | mlp (the unpaired methods fit without the row correspondence, the -disjoint ones on identity-disjoint halves: docs/unpaired.md; mlp: docs/mlp.md).", "procrustes", "baseline", "procrustes", "linear", "ridge", "null", "unpaired", "unpaired-gw", "unpaired-disjoint", "unpaired-gw-disjoint", "mlp");
        var lambda = OptionRules.Real("--lambda", "Ridge regularisation. A finite number > 0 (--method linear is the unregularised fit).", 0.1, 0, 1e6, minInclusive: false);
        var seeds = OptionRules.IntegerList(new Option<string>("--seeds") { Description = "Split seeds, comma-separated (intra-dataset protocol).", DefaultValueFactory = _ => "0,1,2,3,4" }, 0, int.MaxValue, "0,1,2");
        var testPercent = OptionRules.Integer("--test-percent", "Share of identities held out for testing, 1 to 99 %.", 30, 1, 99);
        var impostors = OptionRules.Choice("--impostors", "all (every impostor pair, exact) | balanced (as many as genuine pairs).", "all", "all", "balanced");
        var fitData = new Option<string?>("--fit-data") { Description = "Cross-dataset protocol: fit the map on all of this dataset, evaluate on all of --data." };
        var json = new Option<bool>("--json") { Description = "One JSON object per seed on stdout, with the reference's keys." };
        var leaveOneOut = new Option<bool>("--leave-one-out") { Description = "Identification leaves each query's own image out of the gallery (own-space checks: --source = --target, --method baseline); queries without another image of their identity are not counted." };
        var openSet = new Option<bool>("--open-set") { Description = "Also run open-set identification (NIST FRTE protocol, docs/metrics.md): FNIR at FPIR 0.3/1/10 %, FNIR at rank 1 and R with no threshold, bob.measure's DIR(rank 1, FAR) curve." };
        var nonMatedPercent = OptionRules.Integer("--non-mated-percent", "Open-set: share of test identities never enrolled (non-mated searches), 1 to 99 %.", 30, 1, 99);
        var openSetRank = OptionRules.Integer("--open-set-rank", "Open-set: candidate-list length R (FNIR at FPIR and FNIR(R, T=0)), 1 to 1000000.", OpenSetIdentification.DefaultRank, 1, 1_000_000);
        var scoring = new ScoringArguments();
        var command = new Command("evaluate", "Fit a map from one model's space to another's and score cross-model identification and verification.")
        {
            data, source, target, method, lambda, seeds, testPercent, impostors, fitData, json, leaveOneOut, openSet, nonMatedPercent, openSetRank,
        };
        var mlp = new MlpArguments();
        foreach (Option option in scoring.All.Concat(mlp.All))
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CommandRunner.Run(() =>
        {
            string methodName = parse.GetValue(method)!;
            if (!MapMethods.TryParse(methodName, out MapMethod chosen))
            {
                throw new UsageException($"--method: unknown method '{methodName}'; expected {MapMethods.Expected}.");
            }

            var options = new ProtocolOptions
            {
                RidgeLambda = parse.GetValue(lambda),
                TestPercent = parse.GetValue(testPercent),
                Impostors = ParseImpostors(parse.GetValue(impostors)),
                LeaveOneOut = parse.GetValue(leaveOneOut),
                OpenSet = parse.GetValue(openSet) ? new OpenSetOptions(parse.GetValue(nonMatedPercent), parse.GetValue(openSetRank)) : null,
                Scoring = scoring.Options(parse),
                Mlp = mlp.Options(parse),
                Kernels = DenseKernels.Default,
            };
            DatasetFolder evalData = DatasetFolder.Open(parse.GetValue(data)!);
            DatasetFolder? fitFolder = parse.GetValue(fitData) is string fitPath ? DatasetFolder.Open(fitPath) : null;
            int[] seedList = ListArgument.Integers(parse.GetValue(seeds), "--seeds");
            string sourceModel = parse.GetValue(source)!, targetModel = parse.GetValue(target)!;

            // Every input is read and checked before the first seed runs.
            foreach (DatasetFolder folder in fitFolder is null ? new[] { evalData } : [fitFolder, evalData])
            {
                folder.Embeddings(sourceModel);
                folder.Embeddings(targetModel);
            }

            ProtocolChecks.ThrowIfAny(fitFolder is null ? ProtocolChecks.Intra(evalData, seedList, options.TestPercent, scoring: options.Scoring) : ProtocolChecks.Cross(fitFolder, evalData, scoring: options.Scoring));
            IEnumerable<CellResult> results = fitFolder is null
                ? seedList.Select(seed => ProtocolRunner.RunIntra(evalData, sourceModel, targetModel, seed, [chosen], options)[0])
                : [ProtocolRunner.RunCross(fitFolder, evalData, sourceModel, targetModel, [chosen], options)[0]];
            var table = new CellTable(Console.Out);
            var cells = new List<CellResult>();
            foreach (CellResult result in results)
            {
                cells.Add(result);
                if (parse.GetValue(json))
                {
                    Console.Out.WriteLine(StudyFolder.FormatCell(result, full: false));
                    Console.Out.Flush();
                }
                else
                {
                    table.Add(result);
                }
            }

            table.Finish();
            if (!parse.GetValue(json))
            {
                PrintOpenSet(cells);
                PrintHubness(cells);
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>One line per cell with open-set metrics: the catalogue's open-set columns, and the reason where a value is not defined.</summary>
    private static void PrintOpenSet(IEnumerable<CellResult> cells)
    {
        foreach (CellResult cell in cells)
        {
            if (cell.OpenSet is not OpenSetMetrics o)
            {
                continue;
            }

            string values = string.Join("  ", MetricCatalogue.OpenSet.Select(m => $"{m.Name.Replace("(R,", $"(R={o.Rank},", StringComparison.Ordinal)} {m.Format(o.ValueOf(m))}"));
            Console.Out.WriteLine($"open-set seed {cell.Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} ({o.EnrolledCount} enrolled, {o.MatedSearchCount} mated, {o.NonMatedSearchCount} non-mated searches): {values}");
            foreach (FnirAtFpir p in o.AtFpir.Where(p => p.NotDefinedReason is not null))
            {
                Console.Out.WriteLine($"  n/a: {p.NotDefinedReason}");
            }
        }
    }

    /// <summary>One line per cell that collected neighbourhoods: its scoring, k and the gallery's k-occurrence skewness.</summary>
    private static void PrintHubness(IEnumerable<CellResult> cells)
    {
        foreach (CellResult cell in cells.Where(c => c.Scoring.CollectsNeighbourhoods))
        {
            Metric skew = MetricCatalogue.HubnessSkew;
            Console.Out.WriteLine($"scoring {cell.Scoring.Name} (k = {cell.Scoring.K}) seed {cell.Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}: {skew.Name} {skew.Format(skew.ValueOf(cell.Metrics))}");
        }
    }

    internal static ImpostorSampling ParseImpostors(string? value) => value switch
    {
        "all" or null => ImpostorSampling.All,
        "balanced" => ImpostorSampling.Balanced,
        _ => throw new UsageException($"--impostors: unknown value '{value}'; expected all or balanced."),
    };
}
