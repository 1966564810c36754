using FaceCompat.Statistics;

namespace FaceCompat.Tests.Statistics;

public sealed class StudentTTests
{
    [Theory]
    // Two-sided 95 % critical values from printed t tables (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2).
    [InlineData(1, 12.7062047362)]
    [InlineData(2, 4.3026527297)]
    [InlineData(4, 2.7764451052)]
    [InlineData(10, 2.2281388520)]
    [InlineData(30, 2.0422724563)]
    public void The_975_quantile_matches_the_t_table(int df, double expected)
    {
        StudentT.Quantile(0.975, df).Should().BeApproximately(expected, 1e-8);
        StudentT.Quantile(0.025, df).Should().BeApproximately(-expected, 1e-8);
    }

    [Fact]
    public void The_cdf_is_one_half_at_zero_and_the_cauchy_cdf_at_one_degree_of_freedom()
    {
        StudentT.Cdf(0, 7).Should().BeApproximately(0.5, 1e-15);
        foreach (double t in new[] { -3.0, -0.5, 0.7, 2.0, 10.0 })
        {
            StudentT.Cdf(t, 1).Should().BeApproximately(0.5 + (Math.Atan(t) / Math.PI), 1e-12);
        }
    }

    [Fact]
    public void The_mean_interval_of_three_values_is_worked_out_by_hand()
    {
        // mean 2, std 1, n 3: 2 -+ 4.3026527297 / sqrt(3).
        (double low, double high) = StudentT.MeanInterval([1, 2, 3]);
        low.Should().BeApproximately(2 - (4.3026527297 / Math.Sqrt(3)), 1e-8);
        high.Should().BeApproximately(2 + (4.3026527297 / Math.Sqrt(3)), 1e-8);
        double.IsNaN(StudentT.MeanInterval([5]).Low).Should().BeTrue();
    }
}
