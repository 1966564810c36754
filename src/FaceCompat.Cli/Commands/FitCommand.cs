using System.CommandLine;
using FaceCompat.Data;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat fit</c>: fit a map on a dataset and save it as a portable adapter file.</summary>
internal static class FitCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Dataset folder holding both models' embeddings of the same images.", Required = true };
        var source = new Option<string>("--source") { Description = "The model whose templates will be mapped (the old model).", Required = true };
        var target = new Option<string>("--target") { Description = "The model they are mapped into (the new model).", Required = true };
        var method = OptionRules.Choice("--method", "baseline | procrustes | linear | ridge | null | unpaired | unpaired-gw | unpaired-disjoint | unpaired-gw-disjoint | mlp (the unpaired methods fit without the row correspondence, the -disjoint ones on identity-disjoint halves: docs/unpaired.md; mlp: docs/mlp.md).", "procrustes", "baseline", "procrustes", "linear", "ridge", "null", "unpaired", "unpaired-gw", "unpaired-disjoint", "unpaired-gw-disjoint", "mlp");
        var lambda = OptionRules.Real("--lambda", "Ridge regularisation. A finite number > 0 (--method linear is the unregularised fit).", 0.1, 0, 1e6, minInclusive: false);
        var seed = OptionRules.OptionalInteger("--split-seed", "Fit only on the fitting identities of this split (PROTOCOL.md), keeping the test identities unseen; default: all rows.", 0, int.MaxValue, 0);
        var testPercent = OptionRules.Integer("--test-percent", "Test share for --split-seed, 1 to 99 %.", 30, 1, 99);
        var output = OptionRules.Writable(new Option<string>("--out") { Description = "Adapter file to write (e.g. arcface-to-adaface.fcmap).", Required = true }, folder: false, example: "map.fcmap");
        var mlp = new MlpArguments();
        var command = new Command("fit", "Fit a map from one model's space to another's and save it as an adapter file for 'apply'.")
        {
            data, source, target, method, lambda, seed, testPercent, output,
        };
        foreach (Option option in mlp.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CommandRunner.Run(() =>
        {
            if (!MapMethods.TryParse(parse.GetValue(method)!, out MapMethod chosen))
            {
                throw new UsageException($"--method: unknown method '{parse.GetValue(method)}'; expected {MapMethods.Expected}.");
            }

            DatasetFolder dataset = DatasetFolder.Open(parse.GetValue(data)!);
            string s = parse.GetValue(source)!;
            string t = parse.GetValue(target)!;
            Matrix<float> sourceRows = dataset.Embeddings(s);
            Matrix<float> targetRows = dataset.Embeddings(t);
            int[] rows = Enumerable.Range(0, dataset.Index.Count).ToArray();
            string selection = "all rows";
            if (parse.GetValue(seed) is int splitSeed)
            {
                rows = IdentitySplit.Create(dataset.Index, splitSeed, parse.GetValue(testPercent)).FitRows;
                selection = $"fitting identities of split seed {splitSeed}, test share {parse.GetValue(testPercent)}%";
            }

            if (rows.Length < 2)
            {
                throw new DataFormatException($"{dataset.Root}: {selection} leaves {rows.Length} row(s); a map needs at least 2. Use a smaller --test-percent, no --split-seed, or more data.") { FilePath = dataset.Root };
            }

            MlpFitting? fitting = chosen == MapMethod.Mlp
                ? new MlpFitting(rows.Select(r => dataset.Index.IdentityCodes[r]).ToArray(), parse.GetValue(seed) ?? 0, mlp.Options(parse))
                : null;
            int[] fitIdentityCodes = rows.Select(r => dataset.Index.IdentityCodes[r]).ToArray();
            FittedMap map = chosen.IsIdentityDisjoint()
                ? MapFitter.Fit(sourceRows.SelectRows(rows), targetRows.SelectRows(rows), [chosen], parse.GetValue(lambda), DenseKernels.Default, new FittingIdentities(fitIdentityCodes, parse.GetValue(seed) ?? 0))[0]
                : MapFitter.Fit(sourceRows.SelectRows(rows), targetRows.SelectRows(rows), [chosen], parse.GetValue(lambda), DenseKernels.Default, fitting)[0];
            var provenance = new AdapterProvenance(
                s,
                t,
                Path.GetFullPath(dataset.Root),
                rows.Length,
                rows.Select(r => dataset.Index.IdentityCodes[r]).Distinct().Count(),
                selection,
                AdapterFile.HashFiles([Path.Combine(dataset.Root, "index.csv"), dataset.EmbeddingPath(s), dataset.EmbeddingPath(t)]));
            AdapterFile.Save(parse.GetValue(output)!, map, provenance);
            if (map.MlpTraining is MlpTrainingReport report)
            {
                Console.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"fit: mlp kept epoch {report.BestEpoch} of {report.EpochsRun} (validation loss {report.BestValidationLoss:F5}; the linear start {report.LinearValidationLoss:F5}; {report.TrainingRows} training and {report.ValidationRows} validation rows)"));
            }

            Console.Error.WriteLine($"fit: {chosen.ToName()} map {s} ({map.SourceDimension}-d) -> {t} ({map.TargetDimension}-d) on {rows.Length} rows written to {parse.GetValue(output)}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
