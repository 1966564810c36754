using System.Text.Json;
using FaceCompat.Data;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;
using FaceCompat.Study;

namespace FaceCompat.Tests.Study;

/// <summary>The identity-disjoint unpaired methods run through a study: study.json, the cells and the summary name them.</summary>
public sealed class UnpairedStudyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fc-unpaired-study-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_study_records_the_identity_disjoint_variant_in_its_definition_cells_and_summary()
    {
        var definition = new StudyDefinition
        {
            Datasets = [SharedData.Fixture("protocol", "A")],
            Models = ["narrow48", "face128"],
            Methods = [MapMethod.UnpairedGw, MapMethod.UnpairedGwDisjoint],
            Seeds = [0],
        };
        string study = Path.Combine(_dir, "s");
        StudySummary summary = StudyRunner.Run(definition, study, DenseKernels.Default);

        using (JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(study, "study.json"))))
        {
            json.RootElement.GetProperty("methods").EnumerateArray().Select(m => m.GetString()).Should().Equal("unpaired-gw", "unpaired-gw-disjoint");
            StudyDefinition.FromJson(json.RootElement).Methods.Should().Equal(definition.Methods);
        }

        IReadOnlyList<CellResult> cells = StudyFolder.Open(study).ReadCells();
        cells.Should().HaveCount(2 * 4);
        cells.Count(c => c.Method == MapMethod.UnpairedGwDisjoint).Should().Be(4);
        summary.Rows.Select(r => r.Method).Distinct().Order().Should().Equal("unpaired-gw", "unpaired-gw-disjoint");

        // The study's disjoint cell is the direct fit on the split's fitting rows with their identities and the seed.
        DatasetFolder data = DatasetFolder.Open(SharedData.Fixture("protocol", "A"));
        CellResult cell = ProtocolRunner.RunIntra(data, "narrow48", "face128", 0, [MapMethod.UnpairedGwDisjoint], new ProtocolOptions { Kernels = DenseKernels.Default })[0];
        CellResult stored = cells.Single(c => c.Method == MapMethod.UnpairedGwDisjoint && c.Source == "narrow48" && c.Target == "face128");
        stored.Metrics.Rank1.Should().Be(cell.Metrics.Rank1);
        stored.FitIdentities.Should().Be(cell.FitIdentities);
    }
}
