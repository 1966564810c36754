using FaceCompat.Statistics;

namespace FaceCompat.Tests.Statistics;

public sealed class SampleStatisticsTests
{
    [Fact]
    public void Std_is_the_sample_standard_deviation_and_not_defined_for_one_value()
    {
        // statistics.stdev([1, 2, 3, 4]) = 1.2909944487358056
        (double mean, double std) = SampleStatistics.MeanStd([1.0, 2.0, 3.0, 4.0]);
        mean.Should().Be(2.5);
        std.Should().BeApproximately(1.2909944487358056, 1e-15);
        SampleStatistics.MeanStd([7.0]).Mean.Should().Be(7.0);
        double.IsNaN(SampleStatistics.MeanStd([7.0]).Std).Should().BeTrue("the sample std of one value is not defined");
        FluentActions.Invoking(() => SampleStatistics.MeanStd([])).Should().Throw<ArgumentException>();
    }
}
