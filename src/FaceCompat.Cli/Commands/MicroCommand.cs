using System.CommandLine;
using System.Globalization;
using FaceCompat.Data;
using FaceCompat.Extraction.Experiments;
using FaceCompat.Extraction.FaceAlignment;
using FaceCompat.Extraction.Models;
using FaceCompat.Study;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat geometry micro</c>: invariance energies of real models along brightness, hue and blur/sharpen curves of real faces.</summary>
internal static class MicroCommand
{
    public static Command Create()
    {
        var images = new Option<string>("--images") { Description = "Folder of face images, one subfolder per identity (e.g. LFW).", Required = true };
        var landmarks = new Option<string>("--landmarks") { Description = "5-point landmarks TSV (as for extract).", Required = true };
        var oneBased = new Option<bool>("--one-based") { Description = "Landmarks are 1-based (MATLAB): subtract 1." };
        var models = OptionRules.DistinctList(new Option<string>("--models") { Description = "Preset names or manifest .json paths, comma-separated.", Required = true }, "mfn512,mfn128");
        var modelDir = new Option<string>("--model-dir") { Description = "Folder holding the .onnx files.", Required = true };
        var identities = OptionRules.Integer("--identities", "Identities (seeded choice among those with enough images), 1 to 100,000.", 30, 1, 100_000);
        var perIdentity = OptionRules.Integer("--images-per-identity", "Images per identity (curves per identity cloud), 1 to 1,000.", 2, 1, 1_000);
        var steps = OptionRules.Integer("--steps", "Points per curve, odd, 3 to 101 (the middle one is the unchanged image).", 9, 3, 101);
        var seed = OptionRules.Integer("--seed", "Seed of the identity choice and of the energy's neighbour sampling, a whole number >= 0.", 0, 0, int.MaxValue);
        var threads = OptionRules.Integer("--threads", "ONNX Runtime intra-op threads, 1 to 256.", 2, 1, 256);
        var study = OptionRules.Writable(new Option<string?>("--study") { Description = "Study folder: writes <study>/geometry/microscale.csv." }, folder: true);
        var command = new Command("micro", "Microscale: invariance energy per model along brightness (-50..+50), hue (-40..+40 degrees) and blur-to-sharpen curves of real faces.")
        {
            images, landmarks, oneBased, models, modelDir, identities, perIdentity, steps, seed, threads, study,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            if (parse.GetValue(steps) < 3 || parse.GetValue(steps) % 2 == 0)
            {
                throw new UsageException("--steps must be odd and at least 3 (the middle point is the unchanged image).");
            }

            if (!Directory.Exists(parse.GetValue(images)))
            {
                throw new DataFormatException($"{parse.GetValue(images)}: image folder not found (--images). Give a folder of face images, one sub-folder per identity.") { FilePath = parse.GetValue(images) };
            }

            var options = new MicroscaleOptions
            {
                ImagesDirectory = parse.GetValue(images)!,
                Landmarks = LandmarkFile.Read(parse.GetValue(landmarks)!, parse.GetValue(oneBased)),
                Models = parse.GetValue(models)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ModelManifest.Resolve).ToArray(),
                ModelDirectory = parse.GetValue(modelDir)!,
                Identities = parse.GetValue(identities),
                ImagesPerIdentity = parse.GetValue(perIdentity),
                Steps = parse.GetValue(steps),
                Seed = parse.GetValue(seed),
                IntraOpThreads = parse.GetValue(threads),
            };
            MicroscaleResult result = MicroscaleExperiment.Run(options, new SynchronousProgress<string>(line => Console.Error.WriteLine(line)));
            double[] scales = options.RelativeScales.ToArray();
            Console.Out.WriteLine($"{result.Images} images of {result.Identities} identities; energy E(a, eps): -1 aligned field (sensitive), ~0 disordered (invariant)");
            Console.Out.WriteLine($"{"model",-16} {"attribute",-13} " + string.Join(" ", scales.Select(s => string.Create(CultureInfo.InvariantCulture, $"{"eps=" + s.ToString("0.##", CultureInfo.InvariantCulture),9}"))) + "  same identity");
            foreach (IGrouping<(string Model, string Attribute), MicroscaleEnergy> g in result.Energies.GroupBy(e => (e.Model, e.Attribute)))
            {
                string values = string.Join(" ", g.OrderBy(e => e.RelativeScale).Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Energy,9:F4}")));
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{g.Key.Model,-16} {g.Key.Attribute,-13} {values}  {100 * result.SameIdentityShare[g.Key.Model],6:F1} %"));
            }

            if (parse.GetValue(study) is string dir)
            {
                StudyFolder.WriteTable(dir, StudyTable.Geometry, "microscale.csv", MicroscaleExperiment.ToCsv(result));
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
