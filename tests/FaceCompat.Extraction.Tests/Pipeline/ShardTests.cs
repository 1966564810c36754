using FaceCompat.Data;
using FaceCompat.Extraction.FaceAlignment;
using FaceCompat.Extraction.Models;
using FaceCompat.Extraction.Pipeline;
using FaceCompat.Study;

namespace FaceCompat.Tests.Pipeline;

public sealed class ShardTests
{
    [OnnxRuntimeFact]
    public void Three_shards_merged_give_the_dataset_of_one_run_with_every_failure_kept()
    {
        string data = SharedData.DataRoot!;
        string[] paths = ["Abdullah/Abdullah_0001.jpg", "Abdullah/Abdullah_0002.jpg", "Abdullah/Abdullah_0003.jpg", "Abdullah/Abdullah_0004.jpg", "AJ_Cook/AJ_Cook_0001.jpg", "Aaron_Guiel/Aaron_Guiel_0001.jpg", "Aaron_Peirsol/Aaron_Peirsol_0001.jpg"];
        var landmarks = LandmarkFile.Read(Path.Combine(data, "faces", "lfw", "landmarks_5pt.tsv"), oneBased: true);
        ((Dictionary<string, double[]>)landmarks).Remove("Aaron_Guiel/Aaron_Guiel_0001.jpg"); // one image without a face
        string root = Path.Combine(Path.GetTempPath(), "facecompat-shards-" + Guid.NewGuid().ToString("N"));
        ExtractionOptions Options(string dir, WorkShard? shard) => new()
        {
            ImagesDirectory = Path.Combine(data, "faces", "lfw", "images"),
            Landmarks = landmarks,
            Models = [ModelPresets.All["mfn128"], ModelPresets.All["mobileface256"]],
            ModelDirectory = Path.Combine(data, "models"),
            OutputDirectory = shard is WorkShard s ? ExtractionShards.Directory(dir, s) : dir,
            OnlyPaths = paths,
            BatchSize = 2,
            Shard = shard,
        };
        try
        {
            string single = Path.Combine(root, "single"), sharded = Path.Combine(root, "sharded");
            FaceExtractor.Run(Options(single, null));
            FaceExtractor.Run(Options(sharded, new WorkShard(0, 3)));
            FaceExtractor.Run(Options(sharded, new WorkShard(2, 3)));
            var early = () => ExtractionShards.Merge(sharded);
            early.Should().Throw<DataFormatException>().WithMessage("*shards 1/3 are not finished*");

            FaceExtractor.Run(Options(sharded, new WorkShard(1, 3)));
            ExtractionResult merged = ExtractionShards.Merge(sharded);
            merged.Embedded.Should().Be(6);
            merged.Failures.Should().ContainSingle().Which.Path.Should().Be("Aaron_Guiel/Aaron_Guiel_0001.jpg");
            File.ReadAllText(Path.Combine(sharded, "index.csv")).Should().Be(File.ReadAllText(Path.Combine(single, "index.csv")));
            foreach (string model in new[] { "mfn128", "mobileface256" })
            {
                NpyFile.ReadSingle(Path.Combine(sharded, "embeddings", model + ".npy")).ToArray()
                    .Should().Equal(NpyFile.ReadSingle(Path.Combine(single, "embeddings", model + ".npy")).ToArray());
            }

            File.ReadAllText(Path.Combine(sharded, "manifest.json")).Should().Contain("\"shards\": 3").And.Contain("Aaron_Guiel_0001.jpg");
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }
}
