using System.CommandLine;
using System.Globalization;
using FaceCompat.Experiments;
using FaceCompat.Geometry;
using FaceCompat.Statistics;
using FaceCompat.Study;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat geometry</c>: measures of "Attributes Shape the Embedding Space" (PROTOCOL.md, GEOMETRY).</summary>
internal static class GeometryCommand
{
    public static Command Create()
    {
        var runs = OptionRules.Integer("--runs", "Independent trainings (fresh data and weights), 1 to 10,000.", 30, 1, 10_000);
        var epochs = OptionRules.Integer("--epochs", "Full-batch Adam steps per run, 1 to 1,000,000.", 300, 1, 1_000_000);
        var seed = OptionRules.Integer("--seed", "Base seed, a whole number >= 0.", 0, 0, int.MaxValue);
        var study = OptionRules.Writable(new Option<string?>("--study") { Description = "Study folder: writes <study>/geometry/energy.csv." }, folder: true);
        var toy = new Command("toy", "The paper's toy model: 3 blobs in 2 useful + 4 useless dimensions, a 16-16-3 MLP, invariance energies per dimension.")
        {
            runs, epochs, seed, study,
        };
        toy.SetAction(parse => CommandRunner.Run(() =>
        {
            IReadOnlyList<ToyEnergy> energies = ToyExperiment.Run(parse.GetValue(runs), 100, parse.GetValue(epochs), 0.01, ToyExperiment.DefaultScales, (ulong)parse.GetValue(seed));
            Console.Out.WriteLine($"{"dimension",-10} {"kind",-8} {"eps",6} {"energy mean",12} {"sd",8}");
            foreach (var g in energies.GroupBy(e => (e.Dimension, e.RelativeScale)).OrderBy(g => g.Key.Dimension).ThenBy(g => g.Key.RelativeScale))
            {
                (double mean, double sd) = SampleStatistics.MeanStd(g.Select(e => e.Energy));
                string kind = g.First().Useful ? "useful" : "useless";
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{g.Key.Dimension,-10} {kind,-8} {g.Key.RelativeScale,6:F2} {mean,12:F4} {sd,8:F4}"));
            }

            int runCount = parse.GetValue(runs);
            int cases = 0;
            int separated = 0;
            foreach (var r in energies.GroupBy(e => (e.Run, e.RelativeScale)))
            {
                cases++;
                separated += r.Where(e => !e.Useful).Min(e => e.Energy) > r.Where(e => e.Useful).Max(e => e.Energy) ? 1 : 0;
            }
            double accuracy = energies.GroupBy(e => e.Run).Average(r => r.First().TrainingAccuracy);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(run, scale) cases where every useless energy > every useful energy: {separated}/{cases} over {runCount} runs; mean training accuracy {100 * accuracy:F1}%"));
            string? dir = parse.GetValue(study);
            if (dir is not null)
            {
                StudyFolder.WriteTable(dir, StudyTable.Geometry, "energy.csv", EnergyTable.ToCsv("toy-mlp", energies));
            }

            return ExitCodes.Success;
        }));
        var data = new Option<string>("--data") { Description = "Dataset folder (index.csv + embeddings/<model>.npy).", Required = true };
        var scalesStudy = OptionRules.Writable(new Option<string?>("--study") { Description = "Study folder: writes <study>/geometry/identity-scales.csv." }, folder: true);
        var scales = new Command("scales", "Mean intra- and inter-identity cosine distance per model (the paper's Table 1).") { data, scalesStudy };
        scales.SetAction(parse => CommandRunner.Run(() =>
        {
            var folder = FaceCompat.Data.DatasetFolder.Open(parse.GetValue(data)!);
            IdentityScale[] rows = folder.Models.Select(m => IdentityScales.Compute(m, folder.Embeddings(m), folder.Index.IdentityCodes)).ToArray();
            Console.Out.WriteLine($"{"model",-28} {"intra",8} {"inter",8}");
            foreach (IdentityScale r in rows)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Model,-28} {Defined(r.MeanIntra),8} {Defined(r.MeanInter),8}"));
            }

            if (rows.Any(r => r.IntraPairs == 0 || r.InterPairs == 0))
            {
                Console.Error.WriteLine("scales: n/a = not defined: no identity has two images (intra) or there is a single identity (inter).");
            }

            string? dir = parse.GetValue(scalesStudy);
            if (dir is not null)
            {
                StudyFolder.WriteTable(dir, StudyTable.Geometry, "identity-scales.csv", IdentityScales.ToCsv(rows));
            }

            return ExitCodes.Success;
        }));
        return new Command("geometry", "Embedding-space geometry: identity scales, macroscale KS, microscale invariance energy.") { toy, scales, MacroCommand.Create(), MicroCommand.Create() };
    }

    private static string Defined(double v) => double.IsNaN(v) ? "n/a" : v.ToString("F4", CultureInfo.InvariantCulture);
}
