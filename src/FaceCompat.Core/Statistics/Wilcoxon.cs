namespace FaceCompat.Statistics;

/// <summary>
/// Two-sided paired Wilcoxon signed-rank test as scipy.stats.wilcoxon computes it by default
/// in scipy 1.10 (zero_method='wilcox': zero differences dropped; average ranks for ties;
/// mode 'auto'): the exact null distribution when n &lt;= 50 and no difference is zero (ties or not,
/// as scipy does), else the normal approximation with the tie correction and no continuity correction.
/// </summary>
public static class Wilcoxon
{
    /// <summary>The outcome of one test.</summary>
    /// <param name="Statistic">The smaller of the signed-rank sums.</param>
    /// <param name="PValue">Two-sided p-value.</param>
    /// <param name="N">Pairs with a non-zero difference.</param>
    /// <param name="Exact">Whether the p-value is exact (else normal approximation).</param>
    public readonly record struct Result(double Statistic, double PValue, int N, bool Exact);

    /// <summary>The two-sided Wilcoxon signed-rank test of paired samples <paramref name="x"/> and <paramref name="y"/>.</summary>
    public static Result Test(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var d = new List<double>();
        for (int i = 0; i < x.Count; i++)
        {
            double v = x[i] - y[i];
            if (v != 0)
            {
                d.Add(v);
            }
        }

        int n = d.Count;
        if (n == 0)
        {
            return new Result(0, 1, 0, true);
        }

        double[] abs = d.Select(Math.Abs).ToArray();
        int[] idx = Enumerable.Range(0, n).OrderBy(i => abs[i]).ToArray();
        var rank = new double[n];
        double tieTerm = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && abs[idx[j + 1]] == abs[idx[i]])
            {
                j++;
            }

            int t = j - i + 1;
            if (t > 1)
            {
                tieTerm += (t * t * t) - t;
            }

            for (int k = i; k <= j; k++)
            {
                rank[idx[k]] = (i + j + 2) / 2.0;
            }

            i = j + 1;
        }

        double rPlus = 0, rMinus = 0;
        for (int i = 0; i < n; i++)
        {
            if (d[i] > 0)
            {
                rPlus += rank[i];
            }
            else
            {
                rMinus += rank[i];
            }
        }

        double stat = Math.Min(rPlus, rMinus);
        bool zeros = n < x.Count;
        if (x.Count <= 50 && !zeros)
        {
            return new Result(stat, ExactTwoSided(n, rPlus), n, true);
        }

        double mean = n * (n + 1) / 4.0;
        double var = (n * (n + 1) * ((2 * n) + 1) / 24.0) - (tieTerm / 48.0);
        double z = (stat - mean) / Math.Sqrt(var);
        double p = Math.Min(1, 2 * NormalCdf(z));
        return new Result(stat, p, n, false);
    }

    /// <summary>
    /// scipy 1.10's exact two-sided p: with k = floor(R+), 2 P(T &gt;= k) when R+ is above the null
    /// mean, else 2 P(T &lt;= k), capped at 1 (the tie-free null distribution, as scipy uses it even with ties).
    /// </summary>
    private static double ExactTwoSided(int n, double rPlus)
    {
        int max = n * (n + 1) / 2;
        var count = new double[max + 1];
        count[0] = 1;
        for (int r = 1; r <= n; r++)
        {
            for (int s = max; s >= r; s--)
            {
                count[s] += count[s - r];
            }
        }

        double total = Math.Pow(2, n);
        int k = (int)Math.Floor(rPlus);
        double tail = 0;
        if (rPlus > n * (n + 1) / 4.0)
        {
            for (int s = k; s <= max; s++)
            {
                tail += count[s];
            }
        }
        else
        {
            for (int s = 0; s <= k; s++)
            {
                tail += count[s];
            }
        }

        return Math.Min(1, 2 * tail / total);
    }

    /// <summary>Standard normal CDF via erfc (W. J. Cody's rational approximations are not needed at this precision; uses a 1e-15 series).</summary>
    public static double NormalCdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    private static double Erfc(double x)
    {
        if (x < 0)
        {
            return 2 - Erfc(-x);
        }

        if (x < 3)
        {
            // Taylor series of erf, converges fast for |x| < 3.
            double sum = x, term = x;
            for (int k = 1; k < 200; k++)
            {
                term *= -x * x / k;
                double add = term / ((2 * k) + 1);
                sum += add;
                if (Math.Abs(add) < 1e-17 * Math.Abs(sum))
                {
                    break;
                }
            }

            return 1 - (2 / Math.Sqrt(Math.PI) * sum);
        }

        // Continued fraction (Lentz) for large x.
        double f = x, c = x, dd = 0;
        for (int k = 1; k < 300; k++)
        {
            double a = k / 2.0;
            dd = x + (a * dd);
            dd = 1 / dd;
            c = x + (a / c);
            double delta = c * dd;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return Math.Exp(-x * x) / (f * Math.Sqrt(Math.PI));
    }
}
