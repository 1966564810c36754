using FaceCompat.Data;
using FaceCompat.Study;

namespace FaceCompat.Tests.Data;

/// <summary>Model families from a dataset's manifest.json (the shape 'extract' writes), and how studies combine them.</summary>
public sealed class DatasetManifestTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fc-manifest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Dataset(string name, string? manifest)
    {
        string root = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.Combine(root, "embeddings"));
        File.WriteAllText(Path.Combine(root, "index.csv"), "path,identity\na.jpg,x\nb.jpg,y\n");
        if (manifest is not null)
        {
            File.WriteAllText(Path.Combine(root, DatasetManifest.FileName), manifest);
        }

        return root;
    }

    private static string Manifest(params string[] entries) =>
        "{\"runtime\": \"onnxruntime 1.20\", \"models\": [" + string.Join(",", entries) + "], \"failures\": []}";

    private static string Entry(string name, string familyJson) =>
        "{\"manifest\": {\"name\": \"" + name + "\", \"file\": \"" + name + ".onnx\", \"inputSize\": 112" + (familyJson.Length > 0 ? ", \"family\": " + familyJson : "") + "}, \"sha256\": \"00\", \"dimension\": 4}";

    [Fact]
    public void Families_are_read_from_the_extract_manifest_and_missing_or_null_ones_are_unknown()
    {
        string root = Dataset("d", Manifest(Entry("m1", "\"face\""), Entry("m2", "null"), Entry("m3", ""), Entry("m4", "\"generic\"")));
        DatasetFolder.Open(root).Families.Should().Equal(new Dictionary<string, string> { ["m1"] = "face", ["m4"] = "generic" });
        DatasetFolder.Open(Dataset("none", null)).Families.Should().BeEmpty("a dataset without manifest.json (older, or hand-made) has no families");
        DatasetFolder.Open(Dataset("old", "{\"runtime\": \"x\"}")).Families.Should().BeEmpty("a manifest without models");
    }

    [Theory]
    [InlineData("\"\"", "\"\" (empty)")]
    [InlineData("\"  \"", "\"  \" (empty)")]
    [InlineData("3", "3 (a number, not a string)")]
    [InlineData("[\"face\"]", "[\"face\"] (an array, not a string)")]
    [InlineData("true", "true (a boolean, not a string)")]
    [InlineData("{}", "{} (an object, not a string)")]
    public void A_family_that_is_not_a_non_empty_string_names_the_manifest_the_model_and_the_fix(string family, string shown)
    {
        string root = Dataset("bad", Manifest(Entry("m1", "\"face\""), Entry("m2", family)));
        Action act = () => _ = DatasetFolder.Open(root).Families;
        act.Should().Throw<DataFormatException>()
            .WithMessage($"{Path.Combine(root, "manifest.json")}: models[1] (model 'm2'): family is {shown}. fix: give the family as a non-empty string*")
            .Which.FilePath.Should().Be(Path.Combine(root, "manifest.json"));
    }

    [Fact]
    public void A_manifest_that_is_not_json_names_the_file()
    {
        string root = Dataset("torn", "{\"models\": [");
        Action act = () => _ = DatasetFolder.Open(root).Families;
        act.Should().Throw<DataFormatException>().WithMessage($"{Path.Combine(root, "manifest.json")}: not valid JSON*fix:*");
    }

    [Fact]
    public void Datasets_that_disagree_on_a_family_are_a_problem_naming_both_manifests_and_an_unknown_one_does_not_count()
    {
        DatasetFolder a = DatasetFolder.Open(Dataset("a", Manifest(Entry("m1", "\"face\""), Entry("m2", "\"face\""))));
        DatasetFolder b = DatasetFolder.Open(Dataset("b", Manifest(Entry("m1", "\"face\""), Entry("m2", "\"generic\""))));
        DatasetFolder c = DatasetFolder.Open(Dataset("c", null));
        var problems = new List<string>();
        ModelFamilies.Combine(["m1", "m2", "m3"], [c, a, b], problems).Should().Equal(new Dictionary<string, string> { ["m1"] = "face", ["m2"] = "face" });
        problems.Should().ContainSingle().Which.Should().Be(
            $"model 'm2' has family \"face\" in {a.ManifestPath} but \"generic\" in {b.ManifestPath}. fix: make the two manifests agree (edit the model's \"family\" in one of them), or study the datasets separately.");

        problems.Clear();
        ModelFamilies.Combine(["m1", "m2"], [c, b], problems).Should().Equal(new Dictionary<string, string> { ["m1"] = "face", ["m2"] = "generic" });
        problems.Should().BeEmpty();
    }

    [Fact]
    public void The_synthetic_form_reads_back()
    {
        string root = Dataset("syn", null);
        DatasetManifest.Write(root, "test", [("x", "face"), ("y", null), ("z", "generic")]);
        DatasetFolder.Open(root).Families.Should().Equal(new Dictionary<string, string> { ["x"] = "face", ["z"] = "generic" });
    }
}
