using FaceCompat.Study;

namespace FaceCompat.Tests.Study;

public sealed class CompatibilityMatrixTests
{
    private static readonly double[,] s_rank1 =
    {
        { 100, 80, 20 },
        { 60, 90, 40 },
        { 10, 30, 70 },
    };

    private static CompatibilityMatrix Matrix() => new("ds", "procrustes", ["m0", "m1", "m2"], s_rank1);

    [Fact]
    public void Incoming_and_outgoing_exclude_the_self_row()
    {
        CompatibilityMatrix m = Matrix();
        m.Incoming(0).Should().Be(35);   // (60 + 10) / 2
        m.Outgoing(0).Should().Be(50);   // (80 + 20) / 2
        m.Incoming(2).Should().Be(30);   // (20 + 40) / 2
        m.Outgoing(2).Should().Be(20);   // (10 + 30) / 2
        m.Self(1).Should().Be(90);
    }

    [Fact]
    public void Clustering_uses_100_minus_the_symmetrised_rank1()
    {
        // d01 = 100 - (80 + 60) / 2 = 30, d02 = 85, d12 = 65; then (m0 m1)-m2 = (85 + 65) / 2 = 75.
        Matrix().Cluster().ToNewick().Should().Be("(m2:75,(m0:30,m1:30):45);");
    }

    [Fact]
    public void Csv_is_culture_invariant()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var m = new CompatibilityMatrix("ds", "ridge", ["a", "b"], new double[,] { { 100, 12.5 }, { 7.25, 100 } });
            string csv = m.ToCsv();
            csv.Should().Contain("12.5").And.Contain("7.25").And.NotContain("12,5");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}
