using System.Globalization;
using FaceCompat.Geometry;
using FaceCompat.Statistics;

namespace FaceCompat.Tests.Geometry;

public sealed class MacroscaleTableTests
{
    private static MacroscaleResult Result() => new(
        [
            new AttributeMacroscale("m1", "Smiling", [new ModalityKs("1", 40, 780, 1600, new KsResult(0.25, 1e-5, true)), new ModalityKs("-1", 30, 435, 1200, new KsResult(0.125, 0.5, false))], 0.1875, -0.75),
            new AttributeMacroscale("m1", "Male", [new ModalityKs("1", 12, 66, 144, new KsResult(0.5, 0.03125, true))], 0.5, 0.1),
        ],
        new Dictionary<string, SpearmanResult> { ["m1"] = new(-1.0, 0.0) },
        []);

    [Fact]
    public void The_modality_table_has_one_row_per_model_attribute_and_modality()
    {
        MacroscaleTable.ToCsv(Result()).Should().Be(
            "model,attribute,modality,cloud_size,ks,p_value,exact,mean_ks,intra_entropy\n"
            + "m1,Smiling,1,40,0.25,1E-05,exact,0.1875,-0.75\n"
            + "m1,Smiling,-1,30,0.125,0.5,asymptotic,0.1875,-0.75\n"
            + "m1,Male,1,12,0.5,0.03125,exact,0.5,0.1\n");
    }

    [Fact]
    public void The_spearman_table_counts_the_attributes_of_each_model()
    {
        MacroscaleTable.SpearmanToCsv(Result()).Should().Be("model,rho,p_value,attributes\nm1,-1,0,2\n");
    }

    [Fact]
    public void The_tables_do_not_depend_on_the_culture()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("ru-RU");
            MacroscaleTable.ToCsv(Result()).Should().Contain("m1,Smiling,1,40,0.25,1E-05,exact,0.1875,-0.75\n");
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
