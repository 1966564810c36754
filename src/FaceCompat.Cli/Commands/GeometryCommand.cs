using System.CommandLine;
using System.Globalization;
using FaceCompat.Geometry;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat geometry</c>: measures of "Attributes Shape the Embedding Space" (PROTOCOL.md, GEOMETRY).</summary>
internal static class GeometryCommand
{
    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Independent trainings (fresh data and weights).", DefaultValueFactory = _ => 30 };
        var epochs = new Option<int>("--epochs") { Description = "Full-batch Adam steps per run.", DefaultValueFactory = _ => 300 };
        var seed = new Option<int>("--seed") { Description = "Base seed.", DefaultValueFactory = _ => 0 };
        var study = new Option<string?>("--study") { Description = "Study folder: writes <study>/geometry/energy.csv." };
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
                double[] values = g.Select(e => e.Energy).ToArray();
                double mean = values.Average();
                double sd = values.Length < 2 ? 0.0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
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
                string folder = Path.Combine(dir, "geometry");
                Directory.CreateDirectory(folder);
                File.WriteAllText(Path.Combine(folder, "energy.csv"), EnergyTable.ToCsv("toy-mlp", energies));
            }

            return ExitCodes.Success;
        }));
        return new Command("geometry", "Embedding-space geometry: identity scales, macroscale KS, microscale invariance energy.") { toy };
    }
}
