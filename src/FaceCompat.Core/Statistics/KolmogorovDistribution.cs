namespace FaceCompat.Statistics;

/// <summary>
/// The survival function of the two-sided one-sample Kolmogorov statistic D_n (SciPy's
/// <c>kstwo.sf</c>, Simard and L'Ecuyer 2011), with SciPy 1.10's choice of method for each (n, x):
/// Ruben-Gambino at the ends, the Durbin matrix (Marsaglia-Tsang-Wang), Pomeranz's recursion,
/// Pelz-Good, and 2 x the one-sided Smirnov probability. The one-sided Smirnov probability is the
/// Birnbaum-Tingey sum of positive terms evaluated in logarithms (SciPy evaluates it in double-double;
/// both agree to far below 1e-9).
/// </summary>
internal static partial class KolmogorovDistribution
{
    private static readonly double s_ep128 = Math.ScaleB(1.0, 128);
    private static readonly double s_em128 = Math.ScaleB(1.0, -128);
    private static readonly double[] s_stirling =
    [
        -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
        -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
    ];

    /// <summary>Pr(D_n &gt; x), as <c>scipy.stats.kstwo.sf(x, n)</c>.</summary>
    public static double Survival(int n, double x)
    {
        if (x >= 1.0)
        {
            return 0.0;
        }

        if (x <= 0.0)
        {
            return 1.0;
        }

        double t = n * x;
        if (t <= 1.0)
        {
            if (t <= 0.5)
            {
                return 1.0;
            }

            double prob;
            if (n <= 140)
            {
                prob = 1.0;
                for (int i = 1; i <= n; i++)
                {
                    prob *= i * (1.0 / n) * ((2 * t) - 1);
                }
            }
            else
            {
                prob = Math.Exp(LogNFactorialOverNPowerN(n) + (n * Math.Log((2 * t) - 1)));
            }

            return Clip(1.0 - prob);
        }

        if (t >= n - 1)
        {
            return Clip(2 * Math.Pow(1.0 - x, n));
        }

        if (x >= 0.5)
        {
            return Clip(2 * Smirnov(n, x));
        }

        double nxSquared = t * x;
        if (n <= 140)
        {
            if (nxSquared <= 0.754693)
            {
                return Clip(1.0 - DurbinMatrix(n, x));
            }

            if (nxSquared <= 4)
            {
                return Clip(1.0 - Pomeranz(n, x));
            }

            return Clip(2 * Smirnov(n, x));
        }

        if (nxSquared >= 370.0)
        {
            return 0.0;
        }

        if (nxSquared >= 2.2)
        {
            return Clip(2 * Smirnov(n, x));
        }

        double cdf = n <= 100000 && n * Math.Pow(x, 1.5) <= 1.4 ? DurbinMatrix(n, x) : PelzGood(n, x);
        return Clip(1.0 - cdf);
    }

    /// <summary>Pr(D+_n &gt; x) = sum_{v=0}^{floor(n(1-x))} C(n, v) x (x + v/n)^(v-1) (1 - x - v/n)^(n-v).</summary>
    internal static double Smirnov(int n, double x)
    {
        if (x >= 1.0)
        {
            return 0.0;
        }

        if (x <= 0.0)
        {
            return 1.0;
        }

        int last = (int)Math.Floor(n * (1.0 - x));
        double logN = IncompleteBeta.LogGamma(n + 1.0);
        var logs = new double[last + 1];
        double max = double.NegativeInfinity;
        for (int v = 0; v <= last; v++)
        {
            double rest = 1.0 - x - ((double)v / n);
            double log;
            if (v == 0)
            {
                log = n * Math.Log(1.0 - x);
            }
            else if (rest <= 0)
            {
                log = double.NegativeInfinity;
            }
            else
            {
                log = logN - IncompleteBeta.LogGamma(v + 1.0) - IncompleteBeta.LogGamma(n - v + 1.0)
                    + Math.Log(x) + ((v - 1) * Math.Log(x + ((double)v / n))) + ((n - v) * Math.Log(rest));
            }

            logs[v] = log;
            max = Math.Max(max, log);
        }

        double sum = 0.0, compensation = 0.0;
        foreach (double log in logs)
        {
            double y = Math.Exp(log - max) - compensation;
            double s = sum + y;
            compensation = (s - sum) - y;
            sum = s;
        }

        return Math.Clamp(Math.Exp(max) * sum, 0.0, 1.0);
    }

    private static double LogNFactorialOverNPowerN(int n)
    {
        double rn = 1.0 / n, u = rn / n, poly = 0.0;
        foreach (double c in s_stirling)
        {
            poly = (poly * u) + c;
        }

        return (Math.Log(n) / 2) - n + (Math.Log(2 * Math.PI) / 2) + (rn * poly);
    }

    private static double Clip(double p) => Math.Clamp(p, 0.0, 1.0);
}
