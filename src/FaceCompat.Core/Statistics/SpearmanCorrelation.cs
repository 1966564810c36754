namespace FaceCompat.Statistics;

/// <summary>Spearman rank correlation and its two-sided p-value.</summary>
/// <param name="Rho">Pearson correlation of the average ranks (ties share the mean rank).</param>
/// <param name="PValue">Two-sided p-value from Student's t with n - 2 degrees of freedom, as SciPy's spearmanr.</param>
public readonly record struct SpearmanResult(double Rho, double PValue);

/// <summary>
/// Spearman's rho as SciPy 1.10's spearmanr (two-sided): t = rho sqrt((n - 2) / ((1 + rho)(1 - rho))),
/// p = 2 P(T_{n-2} &gt; |t|) = I_{df/(df + t^2)}(df/2, 1/2). A constant input gives NaN for both,
/// as SciPy does; |rho| = 1 gives p = 0.
/// </summary>
public static class SpearmanCorrelation
{
    /// <summary>Spearman's rho of paired samples (average ranks for ties) and its p-value.</summary>
    public static SpearmanResult Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException("Both samples must have the same length.");
        }

        int n = x.Length;
        if (n < 2)
        {
            return new SpearmanResult(double.NaN, double.NaN);
        }

        double[] rx = AverageRanks(x);
        double[] ry = AverageRanks(y);
        double rho = Pearson(rx, ry);
        if (double.IsNaN(rho))
        {
            return new SpearmanResult(double.NaN, double.NaN);
        }

        double df = n - 2;
        if (df <= 0)
        {
            return new SpearmanResult(rho, double.NaN);
        }

        double denominator = (rho + 1.0) * (1.0 - rho);
        if (denominator <= 0.0)
        {
            return new SpearmanResult(rho, 0.0);
        }

        double t = rho * Math.Sqrt(df / denominator);
        double p = IncompleteBeta.Regularized(df / 2.0, 0.5, df / (df + (t * t)));
        return new SpearmanResult(rho, p);
    }

    /// <summary>1-based ranks; tied values get the mean of the ranks they span.</summary>
    public static double[] AverageRanks(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        double[] keys = values.ToArray();
        Array.Sort((double[])keys.Clone(), order);
        var ranks = new double[n];
        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            while (end < n && keys[order[end]] == keys[order[start]])
            {
                end++;
            }

            double rank = ((start + 1) + end) / 2.0;
            for (int k = start; k < end; k++)
            {
                ranks[order[k]] = rank;
            }

            start = end;
        }

        return ranks;
    }

    private static double Pearson(double[] a, double[] b)
    {
        double meanA = a.Average();
        double meanB = b.Average();
        double sab = 0.0;
        double saa = 0.0;
        double sbb = 0.0;
        for (int i = 0; i < a.Length; i++)
        {
            double da = a[i] - meanA;
            double db = b[i] - meanB;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }

        return saa == 0.0 || sbb == 0.0 ? double.NaN : Math.Clamp(sab / Math.Sqrt(saa * sbb), -1.0, 1.0);
    }
}
