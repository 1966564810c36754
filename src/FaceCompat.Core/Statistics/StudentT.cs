namespace FaceCompat.Statistics;

/// <summary>
/// Student's t distribution: the CDF through the regularized incomplete beta
/// (F(t) = 1 - I_{df/(df+t^2)}(df/2, 1/2) / 2 for t &gt;= 0) and its quantile by bisection on it
/// (to 1e-12 absolute), and the two-sided t interval of a mean that the report's 95 % intervals use.
/// </summary>
public static class StudentT
{
    /// <summary>P(T &lt;= <paramref name="t"/>) with <paramref name="degreesOfFreedom"/> &gt; 0.</summary>
    public static double Cdf(double t, double degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degreesOfFreedom);
        double tail = 0.5 * IncompleteBeta.Regularized(degreesOfFreedom / 2.0, 0.5, degreesOfFreedom / (degreesOfFreedom + (t * t)));
        return t >= 0 ? 1 - tail : tail;
    }

    /// <summary>The <paramref name="p"/>-quantile (0 &lt; p &lt; 1).</summary>
    public static double Quantile(double p, double degreesOfFreedom)
    {
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A quantile needs 0 < p < 1.");
        }

        if (p < 0.5)
        {
            return -Quantile(1 - p, degreesOfFreedom);
        }

        double low = 0, high = 1;
        while (Cdf(high, degreesOfFreedom) < p)
        {
            high *= 2;
        }

        while (high - low > 1e-12)
        {
            double mid = (low + high) / 2;
            (low, high) = Cdf(mid, degreesOfFreedom) < p ? (mid, high) : (low, mid);
        }

        return (low + high) / 2;
    }

    /// <summary>
    /// mean -+ t_{1 - (1 - level)/2, n-1} * std / sqrt(n) over <paramref name="values"/>; NaN bounds for fewer than two values.
    /// </summary>
    public static (double Low, double High) MeanInterval(IReadOnlyList<double> values, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(values);
        (double mean, double std) = SampleStatistics.MeanStd(values);
        if (values.Count < 2)
        {
            return (double.NaN, double.NaN);
        }

        double half = Quantile(1 - ((1 - level) / 2), values.Count - 1) * std / Math.Sqrt(values.Count);
        return (mean - half, mean + half);
    }
}
