using System.CommandLine;
using FaceCompat.Data;
using FaceCompat.Extraction.Detection;
using FaceCompat.Extraction.FaceAlignment;
using FaceCompat.Extraction.Models;
using FaceCompat.Extraction.Onnx;
using FaceCompat.Extraction.Pipeline;
using FaceCompat.Study;
using Spectre.Console;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat extract</c>: face images -> aligned crops -> embeddings of every model, as a dataset folder.</summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var images = new Option<string?>("--images") { Description = "Folder of images (sub-folder name = identity); required except with --merge." };
        var landmarks = new Option<string?>("--landmarks") { Description = "5-point landmark TSV (header image ... leye_x leye_y ... rmouth_y); or use --detector." };
        var detector = new Option<string?>("--detector") { Description = "Find faces and landmarks with a detector instead of --landmarks: scrfd (scrfd_500m_bnkps.onnx) or yunet (yunet.onnx), from --model-dir." };
        var oneBased = new Option<bool>("--one-based") { Description = "The landmark file uses 1-based (MATLAB) pixel coordinates: subtract 1." };
        var models = OptionRules.DistinctList(new Option<string?>("--models") { Description = "Comma-separated presets (mfn512, mfn128, mobileface256, faceres1024, faceresdeep1024, dlib128) or manifest .json paths; required except with --merge." }, "mfn512,mfn128");
        var modelDir = new Option<string>("--model-dir") { Description = "Folder holding the .onnx files.", DefaultValueFactory = _ => "." };
        var output = OptionRules.Writable(new Option<string>("--out") { Description = "Dataset folder to write (index.csv, embeddings/<model>.npy, manifest.json).", Required = true }, folder: true);
        var threads = OptionRules.Integer("--threads", "ONNX Runtime intra-op threads per model session (and the detector's), 1 to 256; default 1, the cores going to --workers.", 1, 1, 256);
        var workers = OptionRules.Integer("--workers", "Models run at the same time (different models, or one model on consecutive chunks), each with --threads ONNX Runtime threads; 0 = the cores over --threads. 0 to 256.", 0, 0, 256);
        var batch = OptionRules.Integer("--batch", "Images per chunk (and per batch for models with a free batch size), 1 to 4096.", 32, 1, 4096);
        var device = new Option<string>("--device") { Description = "cpu | cuda | cuda:N (CUDA needs FACECOMPAT_ORT_LIB pointing at a CUDA build of ONNX Runtime).", DefaultValueFactory = _ => "cpu" };
        var saveCrops = new Option<bool>("--save-crops") { Description = "Also write the aligned crops as PPM under <out>/crops/<size>/." };
        var shard = new Option<string?>("--shard")
        {
            Description = "Extract only shard i of n (i/n, numbered from 0) of the sorted image list into <out>/shards/<i>-of-<n>/; "
                + "inside a Slurm array task it defaults to SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN of SLURM_ARRAY_TASK_COUNT. Then --merge.",
        };
        var merge = new Option<bool>("--merge") { Description = "Concatenate the finished shards under <out>/shards/ into <out> (index.csv order, failures kept); needs only --out." };
        var command = new Command("extract", "Align faces by 5 landmarks and write each model's embeddings into a dataset folder.")
        {
            images, landmarks, detector, oneBased, models, modelDir, output, threads, workers, batch, device, saveCrops, shard, merge,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            if (parse.GetValue(merge))
            {
                if (parse.GetValue(shard) is not null)
                {
                    throw new UsageException("--merge and --shard: give one; the shards run first (--shard i/n), then one --merge joins them.");
                }

                ExtractionResult joined = ExtractionShards.Merge(parse.GetValue(output)!);
                Console.Error.WriteLine($"merged the shards of {Path.GetFullPath(parse.GetValue(output)!)}: {joined.Embedded} images embedded; {joined.Failures.Count} failures (listed in manifest.json).");
                return ExitCodes.Success;
            }

            string imagesDirectory = parse.GetValue(images) ?? throw new UsageException("--images: required (the folder of images), except with --merge.");
            string modelList = parse.GetValue(models) ?? throw new UsageException("--models: required (e.g. --models mfn512,mfn128), except with --merge.");
            WorkShard? part = ShardArgument.Resolve(parse.GetValue(shard), "extract");
            string outDirectory = part is WorkShard p ? ExtractionShards.Directory(parse.GetValue(output)!, p) : parse.GetValue(output)!;
            if (!ExecutionDevice.TryParse(parse.GetValue(device), out ExecutionDevice chosenDevice))
            {
                throw new UsageException($"--device: unknown device '{parse.GetValue(device)}'; expected cpu, cuda or cuda:N.");
            }

            string? landmarkFile = parse.GetValue(landmarks), detectorName = parse.GetValue(detector);
            var manifests = modelList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(ModelManifest.Resolve).ToArray();
            bool needsLandmarks = manifests.Any(m => m.NeedsLandmarks);
            if (landmarkFile is not null && detectorName is not null)
            {
                throw new UsageException("give one of --landmarks TSV and --detector scrfd|yunet, not both.");
            }

            if (needsLandmarks && landmarkFile is null && detectorName is null)
            {
                throw new UsageException($"give --landmarks TSV or --detector scrfd|yunet: {string.Join(", ", manifests.Where(m => m.NeedsLandmarks).Select(m => m.Name))} take aligned faces (only whole-image models, crop \"image\", run without landmarks).");
            }

            if (detectorName is not null && detectorName is not ("scrfd" or "yunet"))
            {
                throw new UsageException($"--detector: unknown detector '{detectorName}'; expected scrfd or yunet.");
            }

            if (!Directory.Exists(imagesDirectory))
            {
                throw new DataFormatException($"{imagesDirectory}: image folder not found (--images). Give a folder of images, one sub-folder per identity.") { FilePath = imagesDirectory };
            }

            using IFaceDetector? faceDetector = detectorName is null ? null : CreateDetector(detectorName, parse.GetValue(modelDir)!, parse.GetValue(threads));
            var options = new ExtractionOptions
            {
                ImagesDirectory = imagesDirectory,
                Shard = part,
                Landmarks = landmarkFile is not null
                    ? LandmarkFile.Read(landmarkFile, parse.GetValue(oneBased))
                    : new Dictionary<string, double[]>(),
                Detector = faceDetector,
                NoLandmarksReason = landmarkFile is not null ? "no face: no landmarks for this image" : $"no face detected ({detectorName})",
                Models = manifests,
                ModelDirectory = parse.GetValue(modelDir)!,
                OutputDirectory = outDirectory,
                IntraOpThreads = parse.GetValue(threads),
                Workers = parse.GetValue(workers),
                BatchSize = parse.GetValue(batch),
                SaveCrops = parse.GetValue(saveCrops),
                Device = chosenDevice,
            };
            ExtractionResult? result = null;
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("extracting");
                    var progress = new SynchronousProgress<ExtractionProgress>(p =>
                    {
                        task.MaxValue = p.Total;
                        task.Value = p.Done;
                        task.Description = $"{p.Done}/{p.Total} images, {p.ImagesPerSecond:F1} img/s";
                    });
                    result = FaceExtractor.Run(options, progress);
                });
            Console.Error.WriteLine($"embedded {result!.Embedded} images in {result.Seconds:F1} s; {result.Failures.Count} failures (listed in manifest.json).");
            return 0;
        }));
        return command;
    }

    private static IFaceDetector CreateDetector(string name, string modelDir, int threads) =>
        name == "yunet"
            ? new YuNetDetector(Path.Combine(modelDir, YuNetDetector.FileName), threads)
            : new ScrfdDetector(Path.Combine(modelDir, ScrfdDetector.FileName), threads);
}
