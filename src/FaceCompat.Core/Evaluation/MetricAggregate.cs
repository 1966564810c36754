namespace FaceCompat.Evaluation;

/// <summary>
/// How every metric aggregates over runs (seeds), the same rule in every table: the mean, and the
/// sample standard deviation (n - 1), which is not defined (NaN) for a single run.
/// </summary>
public readonly record struct MetricAggregate(double Mean, double Std, int Runs)
{
    /// <summary>Mean and sample std of <paramref name="values"/>; NaN values propagate (a metric not defined in one run is not defined in the mean).</summary>
    /// <exception cref="ArgumentException">No values.</exception>
    public static MetricAggregate Over(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double[] v = values as double[] ?? values.ToArray();
        if (v.Length == 0)
        {
            throw new ArgumentException("Mean and standard deviation need at least one value.", nameof(values));
        }

        double mean = v.Average();
        if (v.Length == 1)
        {
            return new MetricAggregate(mean, double.NaN, 1);
        }

        double sumSquares = 0;
        foreach (double x in v)
        {
            sumSquares += (x - mean) * (x - mean);
        }

        return new MetricAggregate(mean, Math.Sqrt(sumSquares / (v.Length - 1)), v.Length);
    }
}
