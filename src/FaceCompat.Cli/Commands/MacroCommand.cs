using System.CommandLine;
using System.Globalization;
using System.Text;
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
                ? FromCelebA(attributeFile, fileNames)
                : folder.Index.Attributes;
            int[] identityCodes = parse.GetValue(identities) is string identityFile
                ? IdentityCodes(identityFile, fileNames)
                : folder.Index.IdentityCodes;
            if (attributeValues.Count == 0)
            {
                throw new UsageException($"{folder.Root}: index.csv has no attribute columns; add binary columns after path,identity or pass --attributes list_attr_celeba.txt.");
            }

            MacroscaleResult result = Macroscale.Run(identityCodes, embeddings, attributeValues, parse.GetValue(seed), parse.GetValue(maxCloud));
            Print(result);
            if (parse.GetValue(study) is string dir)
            {
                StudyFolder.WriteTable(dir, StudyTable.Geometry, "macroscale.csv", Csv(result));
                StudyFolder.WriteTable(
                    dir,
                    StudyTable.Geometry,
                    "macroscale-spearman.csv",
                    string.Concat(new[] { "model,rho,p_value,attributes" }.Concat(result.Spearman.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key},{s.Value.Rho:R},{s.Value.PValue:R},{result.Attributes.Count(a => a.Model == s.Key)}"))).Select(line => line + "\n")));
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

    private static string Csv(MacroscaleResult result)
    {
        var csv = new StringBuilder("model,attribute,modality,cloud_size,ks,p_value,exact,mean_ks,intra_entropy\n");
        foreach (AttributeMacroscale a in result.Attributes)
        {
            foreach (ModalityKs m in a.Modalities)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{a.Model},{a.Attribute},{m.Modality},{m.CloudSize},{m.Ks.Statistic:R},{m.Ks.PValue:R},{(m.Ks.Exact ? "exact" : "asymptotic")},{a.MeanKs:R},{a.IntraEntropy:R}\n");
            }
        }

        return csv.ToString();
    }

    private static Dictionary<string, string[]> FromCelebA(string path, string[] fileNames)
    {
        (string[] names, Dictionary<string, string[]> byImage) = CelebAFiles.ReadAttributes(path);
        if (!fileNames.Any(byImage.ContainsKey))
        {
            throw DataFormatException.InFile(path, "no image of index.csv is listed; rows are matched by file name (e.g. 000001.jpg).");
        }

        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (int a = 0; a < names.Length; a++)
        {
            result[names[a]] = fileNames.Select(f => byImage.TryGetValue(f, out string[]? v) ? v[a] : string.Empty).ToArray();
        }

        return result;
    }

    private static int[] IdentityCodes(string path, string[] fileNames)
    {
        Dictionary<string, string> identities = CelebAFiles.ReadIdentities(path);
        int missing = Array.FindIndex(fileNames, f => !identities.ContainsKey(f));
        if (missing >= 0)
        {
            throw DataFormatException.InFile(path, $"{fileNames[missing]} (index.csv row {missing + 2}) has no identity here; every image needs one.");
        }

        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        return fileNames.Select(f => codes.TryGetValue(identities[f], out int c) ? c : codes[identities[f]] = codes.Count).ToArray();
    }
}
