using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FaceCompat.Data;
using FaceCompat.Evaluation;
using FaceCompat.LinearAlgebra;
using FaceCompat.Similarity;
using FaceCompat.Study;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat similarity</c>: CKA, mutual k-NN and the Procrustes angle of two models, with their permutation nulls (docs/similarity.md).</summary>
internal static class SimilarityCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Dataset folder (index.csv + embeddings/<model>.npy).", Required = true };
        var source = new Option<string>("--source") { Description = "One model.", Required = true };
        var target = new Option<string>("--target") { Description = "The other model.", Required = true };
        var seeds = OptionRules.IntegerList(new Option<string>("--seeds") { Description = "Split seeds, comma-separated: the measures use each split's held-out test rows.", DefaultValueFactory = _ => "0" }, 0, int.MaxValue, "0,1,2");
        var testPercent = OptionRules.Integer("--test-percent", "Share of identities held out for testing, 1 to 99 %.", 30, 1, 99);
        var allRows = new Option<bool>("--all-rows") { Description = "Use every row of the dataset instead of the test rows of each seed." };
        Option<int> k = SimilarityOptionRules.Neighbours("--k");
        Option<int> permutations = SimilarityOptionRules.Permutations("--permutations");
        var json = new Option<bool>("--json") { Description = "One JSON object per seed on stdout (the cell file's similarity object)." };
        var command = new Command("similarity", "Representation similarity of two models' embeddings of the same images: linear CKA (unbiased and biased HSIC), mutual k-NN alignment and the Procrustes shape angle, each calibrated against shuffled correspondences.")
        {
            data, source, target, seeds, testPercent, allRows, k, permutations, json,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var options = new SimilarityOptions { Neighbours = parse.GetValue(k), Permutations = parse.GetValue(permutations) };
            DatasetFolder folder = DatasetFolder.Open(parse.GetValue(data)!);
            string a = parse.GetValue(source)!, b = parse.GetValue(target)!;
            int?[] splits = parse.GetValue(allRows) ? [null] : ListArgument.Integers(parse.GetValue(seeds), "--seeds").Select(s => (int?)s).ToArray();
            if (!parse.GetValue(json))
            {
                Console.Out.WriteLine($"{"seed",-6} {"rows",7} {"measure",-18} {"value",9} {"null mean",10} {"null std",9} {"z",9} {"p",7}");
            }

            foreach (int? seed in splits)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                SimilarityResult r = ProtocolRunner.RunSimilarity(folder, a, b, seed, parse.GetValue(testPercent), options, DenseKernels.Default);
                double seconds = clock.Elapsed.TotalSeconds;
                if (parse.GetValue(json))
                {
                    Console.Out.WriteLine(Json(a, b, seed, r, seconds));
                }
                else
                {
                    foreach (Metric measure in MetricCatalogue.Similarity)
                    {
                        CalibratedValue v = r[measure];
                        string label = seed?.ToString(CultureInfo.InvariantCulture) ?? "all";
                        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-6} {r.Rows,7} {measure.Name,-18} {measure.Format(v.Value),9} {measure.Format(v.NullMean),10} {measure.Format(v.NullStd),9} {Fixed(v.Z, 2),9} {Fixed(v.PValue, 4),7}"));
                    }
                }

                Console.Out.Flush();
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Fixed(double v, int decimals) => double.IsFinite(v) ? v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : MetricCatalogue.NotDefined;

    private static string Json(string source, string target, int? seed, SimilarityResult r, double seconds)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("source", source);
            w.WriteString("target", target);
            if (seed is int s)
            {
                w.WriteNumber("seed", s);
            }

            StudyFolder.WriteSimilarity(w, r, seconds);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <summary>The similarity options shared by <c>similarity</c> and <c>study --similarity</c>: ranges checked while parsing (exit 2).</summary>
internal static class SimilarityOptionRules
{
    public static Option<int> Neighbours(string name) =>
        OptionRules.Integer(name, $"Neighbours per image of mutual k-NN alignment, 1 to {SimilarityOptions.MaxNeighbours} (Huh et al. use 10).", 10, 1, SimilarityOptions.MaxNeighbours);

    public static Option<int> Permutations(string name) =>
        OptionRules.Integer(name, $"Shuffled correspondences of the permutation null, 0 to {SimilarityOptions.MaxPermutations} (0: raw values only).", 10, 0, SimilarityOptions.MaxPermutations);
}
