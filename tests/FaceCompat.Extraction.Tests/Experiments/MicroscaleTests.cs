using FaceCompat.Extraction.Experiments;
using FaceCompat.Extraction.FaceAlignment;
using FaceCompat.Extraction.Models;

namespace FaceCompat.Tests.Experiments;

public sealed class MicroscaleTests
{
    [OnnxRuntimeFact]
    public void Energies_of_a_real_model_are_finite_negative_and_the_curves_keep_identity()
    {
        string lfw = Path.Combine(SharedData.DataRoot!, "faces", "lfw");
        MicroscaleResult result = MicroscaleExperiment.Run(new MicroscaleOptions
        {
            ImagesDirectory = Path.Combine(lfw, "images"),
            Landmarks = LandmarkFile.Read(Path.Combine(lfw, "landmarks_5pt_scrfd.tsv"), oneBased: false),
            Models = [ModelPresets.All["mfn128"]],
            ModelDirectory = Path.Combine(SharedData.DataRoot!, "models"),
            Identities = 6,
            ImagesPerIdentity = 2,
            Steps = 5,
        });
        result.Images.Should().Be(12);
        result.Energies.Should().HaveCount(3 * 4);
        result.Energies.Should().OnlyContain(e => double.IsFinite(e.Energy) && e.Energy < 0 && e.Energy >= -1 && e.Points == 12 * 4);
        result.SameIdentityShare["mfn128"].Should().BeGreaterThan(0.9);
    }
}
