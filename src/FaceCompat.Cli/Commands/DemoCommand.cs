using System.CommandLine;
using System.Diagnostics;
using FaceCompat.Data;
using FaceCompat.Mapping;
using FaceCompat.Report;
using FaceCompat.Study;
using FaceCompat.Synthetic;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat demo</c>: synthetic data with model families, the whole study, the tables.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var output = OptionRules.Writable(new Option<string>("--out") { Description = "Folder for the demo's data and study.", DefaultValueFactory = _ => "demo-study" }, folder: true);
        var identities = OptionRules.Integer("--identities", "Identities in the main synthetic dataset (20 to 50,000; the second has a quarter, at least 50).", 1000, 20, 50_000);
        var seeds = OptionRules.IntegerList(new Option<string>("--seeds") { Description = "Split seeds.", DefaultValueFactory = _ => "0,1" }, 0, int.MaxValue, "0,1,2");
        var command = new Command("demo", "Generate a synthetic 6-model dataset (two model families, 128-1024 dimensions), run the whole study and print its tables.")
        {
            output, identities, seeds,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var clock = Stopwatch.StartNew();
            string root = parse.GetValue(output)!;
            string main = Path.Combine(root, "data", "synthetic-a");
            string other = Path.Combine(root, "data", "synthetic-b");
            var spec = new SyntheticStudySpec { Identities = parse.GetValue(identities), DataSeed = 1 };
            EnsureData(spec, main);
            EnsureData(spec with { Identities = Math.Max(50, spec.Identities / 4), DataSeed = 2 }, other);
            var definition = new StudyDefinition
            {
                Datasets = [main, other],
                Models = spec.Models.Select(m => m.Name).ToArray(),
                Methods = MapMethods.All,
                Seeds = ListArgument.Integers(parse.GetValue(seeds), "--seeds"),
                Cross = true,
            };
            StudySummary summary = StudyCommand.Run(definition, Path.Combine(root, "study"));
            StudyPrinter.Print(summary, Console.Out);

            string reportPath = Path.Combine(root, "report.html");
            HtmlReportWriter.Write(StudyReport.Load(Path.Combine(root, "study")), reportPath);
            Console.Error.WriteLine($"demo: report written to {Path.GetFullPath(reportPath)}");
            Console.Error.WriteLine($"demo: done in {clock.Elapsed.TotalSeconds:F1} s; tables in {Path.GetFullPath(Path.Combine(root, "study"))} (summary.md, compatibility/, clustering/, asymmetry/)");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void EnsureData(SyntheticStudySpec spec, string directory)
    {
        bool complete = File.Exists(Path.Combine(directory, "index.csv")) && File.Exists(Path.Combine(directory, DatasetManifest.FileName))
            && spec.Models.All(m => File.Exists(Path.Combine(directory, "embeddings", m.Name + ".npy")));
        if (!complete)
        {
            Console.Error.WriteLine($"demo: generating {spec.Identities} identities x {spec.ImagesPerIdentity} images through {spec.Models.Count} models into {directory}");
            SyntheticDataset.Write(spec, directory);
        }
    }
}
