using System.Text.Json;
using FaceCompat.Data;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;
using FaceCompat.Study;

namespace FaceCompat.Tests.Evaluation;

/// <summary>
/// Our numbers against what shared/reference/facecompat_ref.py printed for the same inputs
/// (tests/fixtures/protocol, made by make_fixtures.py there), within PROTOCOL.md's tolerances:
/// AUC and mAP 1e-4, Rank-k, EER and TMR 0.05 percentage points.
/// </summary>
public sealed class ReferenceParityTests
{
    public static TheoryData<string, string> Expected()
    {
        var data = new TheoryData<string, string>();
        foreach (string provider in FaceCompat.Tests.LinearAlgebra.KernelProviders.List())
        {
            foreach (string line in File.ReadLines(SharedData.Fixture("protocol", "expected.jsonl")))
            {
                data.Add(provider, line);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void Metrics_match_the_reference(string provider, string expectedLine)
    {
        using JsonDocument doc = JsonDocument.Parse(expectedLine);
        JsonElement e = doc.RootElement;
        string source = e.GetProperty("source").GetString()!;
        string target = e.GetProperty("target").GetString()!;
        MapMethods.TryParse(e.GetProperty("method").GetString()!, out MapMethod method).Should().BeTrue();
        var options = new ProtocolOptions { Kernels = DenseKernels.Choose(provider) };
        DatasetFolder data = DatasetFolder.Open(SharedData.Fixture("protocol", e.GetProperty("dataset").GetString()!));
        CellResult result = e.GetProperty("protocol").GetString() == "intra"
            ? ProtocolRunner.RunIntra(data, source, target, e.GetProperty("seed").GetInt32(), [method], options)[0]
            : ProtocolRunner.RunCross(DatasetFolder.Open(SharedData.Fixture("protocol", e.GetProperty("fit_dataset").GetString()!)), data, source, target, [method], options)[0];

        AssertMatches(result, e);
    }

    internal static void AssertMatches(CellResult result, JsonElement e)
    {
        var m = result.Metrics;
        m.TestImages.Should().Be(e.GetProperty("test_images").GetInt32());
        m.TestIdentities.Should().Be(e.GetProperty("test_identities").GetInt32());
        m.Genuine.Should().Be(e.GetProperty("genuine").GetInt64());
        m.Impostor.Should().Be(e.GetProperty("impostor").GetInt64());
        m.Auc.Should().BeApproximately(e.GetProperty("AUC").GetDouble(), 1e-4, "AUC");
        m.MeanAveragePrecision.Should().BeApproximately(e.GetProperty("mAP").GetDouble(), 1e-4, "mAP");
        m.Rank1.Should().BeApproximately(e.GetProperty("rank1").GetDouble(), 0.05, "Rank-1");
        m.Rank5.Should().BeApproximately(e.GetProperty("rank5").GetDouble(), 0.05, "Rank-5");
        m.Rank10.Should().BeApproximately(e.GetProperty("rank10").GetDouble(), 0.05, "Rank-10");
        m.Eer.Should().BeApproximately(e.GetProperty("EER").GetDouble(), 0.05, "EER");
        m.TmrAtFmr1.Should().BeApproximately(e.GetProperty("TMR@FMR=1%").GetDouble(), 0.05, "TMR@FMR=1%");
        m.TmrAtFmr01.Should().BeApproximately(e.GetProperty("TMR@FMR=0.1%").GetDouble(), 0.05, "TMR@FMR=0.1%");
    }
}
