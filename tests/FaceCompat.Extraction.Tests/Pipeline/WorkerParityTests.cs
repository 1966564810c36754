using FaceCompat.Extraction.Detection;
using FaceCompat.Extraction.FaceAlignment;
using FaceCompat.Extraction.Models;
using FaceCompat.Extraction.Pipeline;

namespace FaceCompat.Tests.Pipeline;

/// <summary>The concurrent paths of the extractor against the sequential one: the same dataset, bit for bit.</summary>
public sealed class WorkerParityTests
{
    private static readonly string[] s_paths =
    [
        "Abdullah/Abdullah_0001.jpg", "Abdullah/Abdullah_0002.jpg", "Abdullah/Abdullah_0003.jpg", "Abdullah/Abdullah_0004.jpg",
        "AJ_Cook/AJ_Cook_0001.jpg", "Aaron_Guiel/Aaron_Guiel_0001.jpg", "Aaron_Peirsol/Aaron_Peirsol_0001.jpg",
    ];

    [OnnxRuntimeFact]
    public void Several_workers_give_the_rows_of_one_worker()
    {
        string data = SharedData.DataRoot!;
        var landmarks = new Dictionary<string, double[]>(LandmarkFile.Read(Path.Combine(data, "faces", "lfw", "landmarks_5pt_scrfd.tsv"), oneBased: false));
        landmarks.Remove("Aaron_Guiel/Aaron_Guiel_0001.jpg"); // one image without a face
        string root = TempFolder();
        ExtractionOptions Options(string dir, int workers) => new()
        {
            ImagesDirectory = Path.Combine(data, "faces", "lfw", "images"),
            Landmarks = landmarks,
            Models = [ModelPresets.All["mfn128"], ModelPresets.All["mobileface256"], ModelPresets.All["dlib128"]],
            ModelDirectory = Path.Combine(data, "models"),
            OutputDirectory = dir,
            OnlyPaths = s_paths,
            IntraOpThreads = 1,
            Workers = workers,
            BatchSize = 2,
            CheckpointEvery = 4,
        };
        try
        {
            FaceExtractor.Run(Options(Path.Combine(root, "one"), 1)).Embedded.Should().Be(6);
            FaceExtractor.Run(Options(Path.Combine(root, "three"), 3)).Embedded.Should().Be(6);
            SameDataset(Path.Combine(root, "one"), Path.Combine(root, "three"), "mfn128", "mobileface256", "dlib128");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [OnnxRuntimeFact]
    public void Detection_inside_the_pipeline_gives_the_rows_of_detection_as_a_pass_of_its_own()
    {
        string data = SharedData.DataRoot!;
        string root = TempFolder();
        string images = Path.Combine(root, "images");
        foreach (string rel in s_paths.Take(4))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(images, rel))!);
            File.Copy(Path.Combine(data, "faces", "lfw", "images", rel), Path.Combine(images, rel));
        }

        Directory.CreateDirectory(Path.Combine(images, "Blank"));
        File.WriteAllBytes(Path.Combine(images, "Blank", "grey.ppm"), [.. "P6\n64 80\n255\n"u8, .. Enumerable.Repeat((byte)128, 64 * 80 * 3)]);
        string model = Path.Combine(data, "models", ScrfdDetector.FileName);
        ExtractionOptions Options(string dir, IReadOnlyDictionary<string, double[]> landmarks, IFaceDetector? detector) => new()
        {
            ImagesDirectory = images,
            Landmarks = landmarks,
            Detector = detector,
            NoLandmarksReason = "no face detected (scrfd)",
            Models = [ModelPresets.All["mfn128"], ModelPresets.All["mobileface256"]],
            ModelDirectory = Path.Combine(data, "models"),
            OutputDirectory = dir,
            IntraOpThreads = 1,
            Workers = 2,
            BatchSize = 2,
        };
        try
        {
            using var scrfd = new ScrfdDetector(model, intraOpThreads: 1);
            Dictionary<string, double[]> found = LandmarkDetection.Run(images, scrfd);
            found.Keys.Should().Contain(s_paths.Take(4));
            ExtractionResult before = FaceExtractor.Run(Options(Path.Combine(root, "pass"), found, null));
            ExtractionResult inside = FaceExtractor.Run(Options(Path.Combine(root, "inside"), new Dictionary<string, double[]>(), scrfd));
            inside.Embedded.Should().Be(before.Embedded);
            inside.Failures.Should().Equal(before.Failures);
            SameDataset(Path.Combine(root, "pass"), Path.Combine(root, "inside"), "mfn128", "mobileface256");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string TempFolder() => Path.Combine(Path.GetTempPath(), "facecompat-workers-" + Guid.NewGuid().ToString("N"));

    private static void SameDataset(string a, string b, params string[] models)
    {
        File.ReadAllText(Path.Combine(b, "index.csv")).Should().Be(File.ReadAllText(Path.Combine(a, "index.csv")));
        foreach (string model in models)
        {
            File.ReadAllBytes(Path.Combine(b, "embeddings", model + ".npy")).Should().Equal(File.ReadAllBytes(Path.Combine(a, "embeddings", model + ".npy")), model);
        }
    }
}
