using FaceCompat.Data;
using FaceCompat.Extraction.FaceAlignment;
using FaceCompat.Extraction.Models;
using FaceCompat.Extraction.Pipeline;

namespace FaceCompat.Tests.Pipeline;

public sealed class ResumeTests
{
    [OnnxRuntimeFact]
    public void An_interrupted_run_resumes_from_its_checkpoints_and_gives_the_same_dataset()
    {
        string data = SharedData.DataRoot!;
        string[] paths = ["Abdullah/Abdullah_0001.jpg", "Abdullah/Abdullah_0002.jpg", "Abdullah/Abdullah_0003.jpg", "Abdullah/Abdullah_0004.jpg", "AJ_Cook/AJ_Cook_0001.jpg", "Aaron_Guiel/Aaron_Guiel_0001.jpg"];
        var landmarks = LandmarkFile.Read(Path.Combine(data, "faces", "lfw", "landmarks_5pt.tsv"), oneBased: true);
        ((Dictionary<string, double[]>)landmarks).Remove("Aaron_Guiel/Aaron_Guiel_0001.jpg"); // one image without a face
        string root = Path.Combine(Path.GetTempPath(), "facecompat-resume-" + Guid.NewGuid().ToString("N"));
        ExtractionOptions Options(string dir) => new()
        {
            ImagesDirectory = Path.Combine(data, "faces", "lfw", "images"),
            Landmarks = landmarks,
            Models = [ModelPresets.All["mfn128"], ModelPresets.All["mobileface256"]],
            ModelDirectory = Path.Combine(data, "models"),
            OutputDirectory = dir,
            OnlyPaths = paths,
            BatchSize = 2,
            CheckpointEvery = 2,
        };
        try
        {
            using var cts = new CancellationTokenSource();
            var stopAfterTwoBlocks = new Progress(p =>
            {
                if (p.Done >= 4)
                {
                    cts.Cancel();
                }
            });
            var interrupted = () => FaceExtractor.Run(Options(Path.Combine(root, "a")), stopAfterTwoBlocks, cts.Token);
            interrupted.Should().Throw<OperationCanceledException>();
            File.Exists(Path.Combine(root, "a", "checkpoint", "block-00001.bin")).Should().BeTrue();
            File.Exists(Path.Combine(root, "a", "checkpoint", "block-00002.bin")).Should().BeFalse();

            var resumed = FaceExtractor.Run(Options(Path.Combine(root, "a")));
            var fresh = FaceExtractor.Run(Options(Path.Combine(root, "b")));
            resumed.Embedded.Should().Be(5);
            resumed.Failures.Should().ContainSingle().Which.Path.Should().Be("Aaron_Guiel/Aaron_Guiel_0001.jpg");
            File.ReadAllText(Path.Combine(root, "a", "index.csv")).Should().Be(File.ReadAllText(Path.Combine(root, "b", "index.csv")));
            foreach (string model in new[] { "mfn128", "mobileface256" })
            {
                NpyFile.ReadSingle(Path.Combine(root, "a", "embeddings", model + ".npy")).ToArray()
                    .Should().Equal(NpyFile.ReadSingle(Path.Combine(root, "b", "embeddings", model + ".npy")).ToArray());
            }

            fresh.Embedded.Should().Be(5);
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private sealed class Progress(Action<ExtractionProgress> report) : IProgress<ExtractionProgress>
    {
        public void Report(ExtractionProgress value) => report(value);
    }
}
