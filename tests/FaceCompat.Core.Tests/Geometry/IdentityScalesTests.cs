using FaceCompat.Data;
using FaceCompat.Geometry;

namespace FaceCompat.Tests.Geometry;

public sealed class IdentityScalesTests
{
    [Fact]
    public void Means_equal_the_pairwise_definition_on_a_small_example()
    {
        // Rows (unnormalised): identity 0 = e1, 2*e1, e2; identity 1 = -e1.
        var m = new Matrix<float>(4, 2, [1, 0, 2, 0, 0, 1, -1, 0]);
        IdentityScale s = IdentityScales.Compute("m", m, [0, 0, 0, 1]);

        // Intra pairs: (e1,e1) 0, (e1,e2) 1, (e1,e2) 1 -> 2/3. Inter pairs: with -e1: 2, 2, 1 -> 5/3.
        s.IntraPairs.Should().Be(3);
        s.InterPairs.Should().Be(3);
        s.MeanIntra.Should().BeApproximately(2.0 / 3.0, 1e-12);
        s.MeanInter.Should().BeApproximately(5.0 / 3.0, 1e-12);
    }

    [Fact]
    public void Csv_is_culture_invariant()
    {
        System.Globalization.CultureInfo saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("ru-RU");
            IdentityScales.ToCsv([new IdentityScale("m", 0.5, 1.25, 1, 2)]).Should().Contain("m,0.5,1.25,1,2");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }
}
