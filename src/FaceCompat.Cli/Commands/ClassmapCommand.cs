using System.CommandLine;
using System.Globalization;
using FaceCompat.Data;
using FaceCompat.Experiments;
using FaceCompat.LinearAlgebra;
using FaceCompat.Synthetic;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat classmap</c>: closed-set classifier maps (McNeely-White et al.): analytic, ridge and the random-weights control.</summary>
internal static class ClassmapCommand
{
    public static Command Create()
    {
        var featuresA = new Option<string?>("--features-a") { Description = "Model A's features (.npy/.npz/.csv), one row per sample." };
        var weightsA = new Option<string?>("--weights-a") { Description = "Model A's linear classifier weights, classes x dimensions." };
        var featuresB = new Option<string?>("--features-b") { Description = "Model B's features of the same samples, same order." };
        var weightsB = new Option<string?>("--weights-b") { Description = "Model B's classifier weights, the same classes in the same order." };
        var labels = new Option<string?>("--labels") { Description = "Class of each sample (0-based row of the weights): .npy or a one-column .csv." };
        var synthetic = new Option<bool>("--synthetic") { Description = "Generate two closed-set models over 40 shared classes instead of reading files." };
        var seed = OptionRules.Integer("--seed", "Split seed (and the control's random weights), a whole number >= 0.", 0, 0, int.MaxValue);
        var testPercent = OptionRules.Integer("--test-percent", "Share of samples held out for the accuracies, 1 to 99 %.", 30, 1, 99);
        var lambda = OptionRules.Real("--lambda", "Ridge regularisation of the feature-only map. A finite number > 0 (--method linear is the unregularised fit).", 0.1, 0, 1e6, minInclusive: false);
        var output = OptionRules.Writable(new Option<string?>("--out") { Description = "Folder: writes <out>/classmap.csv." }, folder: true);
        var command = new Command("classmap", "Closed-set classifier maps: pinv(C_B) C_A, a ridge map on features only, and the random-weights control, with top-1 accuracies.")
        {
            featuresA, weightsA, featuresB, weightsB, labels, synthetic, seed, testPercent, lambda, output,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            ClosedSetData data = parse.GetValue(synthetic)
                ? ClosedSetSynthetic.Generate(classes: 40, perClass: 30, latent: 32, dimA: 64, dimB: 48, noise: 0.7, seed: (ulong)parse.GetValue(seed))
                : new ClosedSetData(
                    Read(parse.GetValue(featuresA), "--features-a"),
                    Read(parse.GetValue(weightsA), "--weights-a"),
                    Read(parse.GetValue(featuresB), "--features-b"),
                    Read(parse.GetValue(weightsB), "--weights-b"),
                    Labels(parse.GetValue(labels)));
            IReadOnlyList<ClassifierMapSystem> systems = ClassifierMapExperiment.Run(
                data.FeaturesA, data.WeightsA, data.FeaturesB, data.WeightsB, data.Labels,
                parse.GetValue(seed), parse.GetValue(testPercent), parse.GetValue(lambda), DenseKernels.Default);
            Console.Out.WriteLine($"{"system",-22} {"top-1 %",8}  what");
            foreach (ClassifierMapSystem s in systems)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Name,-22} {s.Top1Percent,8:F2}  {s.Description}"));
            }

            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"({systems[0].TestSamples} test samples, {data.WeightsA.Rows} classes: chance {100.0 / data.WeightsA.Rows:F2} %)"));
            if (parse.GetValue(output) is string folder)
            {
                AtomicFile.WriteText(
                    Path.Combine(folder, "classmap.csv"),
                    string.Concat(new[] { "system,top1_percent,test_samples" }.Concat(systems.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name},{s.Top1Percent:R},{s.TestSamples}"))).Select(line => line + "\n")));
            }

            return 0;
        }));
        return command;
    }

    private static Matrix<float> Read(string? path, string option) =>
        path is null
            ? throw new UsageException($"{option} is required (or use --synthetic).")
            : EmbeddingFile.Read(path);

    private static int[] Labels(string? path)
    {
        Matrix<float> m = Read(path, "--labels");
        if (m.Columns != 1 && m.Rows != 1)
        {
            throw DataFormatException.InFile(path!, $"labels must be one column (or one row) of class numbers, found {m.Rows} x {m.Columns}.");
        }

        int[] labels = new int[m.Values.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            float v = m.Values[i];
            if (v != MathF.Round(v) || v < 0)
            {
                throw DataFormatException.InFile(path!, $"label {i} is {v.ToString(CultureInfo.InvariantCulture)}; labels are 0-based whole class numbers.");
            }

            labels[i] = (int)v;
        }

        return labels;
    }
}
