using System.CommandLine;
using System.Globalization;
using FaceCompat.Data;
using FaceCompat.Geometry;
using FaceCompat.Statistics;
using FaceCompat.Study;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat geometry macro</c>: per binary attribute and modality, KS of intra- vs inter-modality distances; intra-entropy; Spearman.</summary>
internal static class MacroCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Dataset folder; binary attribute columns of index.csv are used unless --attributes is given.", Required = true };
        var models = OptionRules.DistinctList(new Option<string?>("--models") { Description = "Models, comma-separated (default: all)." }, "mfn512,mfn128");
        var attributes = new Option<string?>("--attributes") { Description = "CelebA list_attr_celeba.txt (rows matched to index.csv by file name)." };
        var identities = new Option<string?>("--identities") { Description = "CelebA identity_CelebA.txt: identities by file name, replacing index.csv's." };
        var maxCloud = OptionRules.Integer("--max-cloud", "Largest modality cloud (identities per modality), 2 to 1,000,000.", 500, 2, 1_000_000);
        var seed = OptionRules.Integer("--seed", "Seed of the image per identity and the cloud subsamples, a whole number >= 0.", 0, 0, int.MaxValue);
        var study = OptionRules.Writable(new Option<string?>("--study") { Description = "Study folder: writes <study>/geometry/macroscale.csv and macroscale-spearman.csv." }, folder: true);
        var command = new Command("macro", "Macroscale: KS between intra- and inter-modality distances per binary attribute, intra-entropy, Spearman.")
        {
            data, models, attributes, identities, maxCloud, seed, study,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            DatasetFolder folder = DatasetFolder.Open(parse.GetValue(data)!);
            string[] chosenModels = parse.GetValue(models) is string list
                ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : folder.Models.ToArray();
            var embeddings = chosenModels.ToDictionary(m => m, folder.Embeddings, StringComparer.Ordinal);
            string[] fileNames = folder.Index.Paths.Select(p => Path.GetFileName(p)).ToArray();
            IReadOnlyDictionary<string, string[]> attributeValues = parse.GetValue(attributes) is string attributeFile
                ? CelebAFiles.AttributesFor(attributeFile, fileNames)
                : folder.Index.Attributes;
            int[] identityCodes = parse.GetValue(identities) is string identityFile
                ? CelebAFiles.IdentityCodesFor(identityFile, fileNames)
                : folder.Index.IdentityCodes;
            if (attributeValues.Count == 0)
            {
                throw new UsageException($"{folder.Root}: index.csv has no attribute columns; add binary columns after path,identity or pass --attributes list_attr_celeba.txt.");
            }

            MacroscaleResult result = Macroscale.Run(identityCodes, embeddings, attributeValues, parse.GetValue(seed), parse.GetValue(maxCloud));
            Print(result);
            if (parse.GetValue(study) is string dir)
            {
                StudyFolder.WriteTable(dir, StudyTable.Geometry, MacroscaleTable.FileName, MacroscaleTable.ToCsv(result));
                StudyFolder.WriteTable(dir, StudyTable.Geometry, MacroscaleTable.SpearmanFileName, MacroscaleTable.SpearmanToCsv(result));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static void Print(MacroscaleResult result)
    {
        foreach (IGrouping<string, AttributeMacroscale> model in result.Attributes.GroupBy(a => a.Model))
        {
            Console.Out.WriteLine($"{model.Key}: {"attribute",-24} {"mean KS",8} {"entropy",8}  per modality (KS, p, cloud)");
            foreach (AttributeMacroscale a in model)
            {
                string modalities = string.Join("  ", a.Modalities.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Modality}: {m.Ks.Statistic:F4} p={m.Ks.PValue:G3} n={m.CloudSize}")));
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {a.Attribute,-24} {a.MeanKs,8:F4} {a.IntraEntropy,8:F4}  {modalities}"));
            }

            if (result.Spearman.TryGetValue(model.Key, out SpearmanResult s))
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Spearman(intra-entropy, mean KS) = {s.Rho:F4}, p = {s.PValue:G4}"));
            }
        }

        foreach (string skip in result.Skipped)
        {
            Console.Error.WriteLine($"skipped {skip}");
        }
    }
}
