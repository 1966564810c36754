using FaceCompat.Evaluation;

namespace FaceCompat.Statistics;

/// <summary>Mean and sample standard deviation (n - 1), the way every table of the project reports runs (<see cref="MetricAggregate"/>): the std of a single value is not defined (NaN).</summary>
public static class SampleStatistics
{
    /// <exception cref="ArgumentException">No values.</exception>
    public static (double Mean, double Std) MeanStd(IEnumerable<double> values)
    {
        MetricAggregate a = MetricAggregate.Over(values);
        return (a.Mean, a.Std);
    }
}
