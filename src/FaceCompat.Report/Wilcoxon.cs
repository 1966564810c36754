namespace FaceCompat.Report;

/// <summary>
/// Two-sided paired Wilcoxon signed-rank test as scipy.stats.wilcoxon computes it by default
/// (zero_method='wilcox': zero differences dropped; average ranks for ties): the exact null
/// distribution for n &lt;= 25 when there are no ties, else the normal approximation with the tie
/// correction and no continuity correction.
/// </summary>
public static class Wilcoxon
{
    public readonly record struct Result(double Statistic, double PValue, int N, bool Exact);

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
        bool ties = false;
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
                ties = true;
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
        if (n <= 25 && !ties)
        {
            return new Result(stat, ExactTwoSided(n, (int)stat), n, true);
        }

        double mean = n * (n + 1) / 4.0;
        double var = (n * (n + 1) * ((2 * n) + 1) / 24.0) - (tieTerm / 48.0);
        double z = (stat - mean) / Math.Sqrt(var);
        double p = Math.Min(1, 2 * NormalCdf(z));
        return new Result(stat, p, n, false);
    }

    /// <summary>P(T &lt;= t) * 2 (capped at 1) under the exact null of the signed-rank statistic.</summary>
    private static double ExactTwoSided(int n, int t)
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
        double cdf = 0;
        for (int s = 0; s <= t; s++)
        {
            cdf += count[s];
        }

        return Math.Min(1, 2 * cdf / total);
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
