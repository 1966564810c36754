namespace FaceCompat.Statistics;

/// <summary>Mean and sample standard deviation (n - 1), the way every table of the project reports runs: std 0 for a single value.</summary>
public static class SampleStatistics
{
    /// <exception cref="ArgumentException">No values.</exception>
    public static (double Mean, double Std) MeanStd(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double[] v = values as double[] ?? values.ToArray();
        if (v.Length == 0)
        {
            throw new ArgumentException("Mean and standard deviation need at least one value.", nameof(values));
        }

        double mean = v.Average();
        double sumSquares = 0;
        foreach (double x in v)
        {
            sumSquares += (x - mean) * (x - mean);
        }

        return (mean, v.Length > 1 ? Math.Sqrt(sumSquares / (v.Length - 1)) : 0.0);
    }
}
