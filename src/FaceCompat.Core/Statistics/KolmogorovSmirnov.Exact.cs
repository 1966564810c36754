namespace FaceCompat.Statistics;

public static partial class KolmogorovSmirnov
{
    /// <summary>
    /// Exact two-sided p-value P(D &gt;= d). d is first snapped to the lattice h / lcm(n1, n2),
    /// as SciPy does. Returns false when the computation is not representable (then the caller
    /// falls back to the asymptotic mode).
    /// </summary>
    private static bool TryExact(int n1, int n2, double d, out double snappedD, out double p)
    {
        long g = GreatestCommonDivisor(n1, n2);
        long lcm = n1 / g * n2;
        long h = (long)Math.Round(d * lcm, MidpointRounding.ToEven);
        snappedD = (double)h / lcm;
        if (h == 0)
        {
            p = 1.0;
            return true;
        }

        p = n1 == n2 ? OutsideSquare(n1, h) : OutsideBand(n1, n2, g, h);
        return double.IsFinite(p) && p >= 0.0 && p <= 1.0;
    }

    /// <summary>
    /// n1 = n2 = n: P = 2 (A0 - A0 A1 + A0 A1 A2 - ...), where A_k is the ratio of path counts
    /// C(2n, n - k h) / C(2n, n - (k-1) h); evaluated innermost-first so no large binomials appear.
    /// </summary>
    private static double OutsideSquare(int n, long h)
    {
        double p = 0.0;
        for (long k = n / h; k >= 0; k--)
        {
            double ratio = 1.0;
            for (long j = 0; j < h; j++)
            {
                ratio = (n - (k * h) - j) * ratio / (n + (k * h) + j + 1);
            }

            p = ratio * (1.0 - p);
        }

        return 2.0 * p;
    }

    /// <summary>
    /// n1 != n2: 1 - (share of monotone lattice paths (0,0) to (m,n) staying strictly inside
    /// |x/m - y/n| &lt; h / lcm). Column i keeps, for each allowed j, the probability that a
    /// uniformly random path through (i, j) has already left the band; a cell's value is the
    /// path-count weighted mix of its left (weight i) and lower (weight j) neighbours.
    /// </summary>
    private static double OutsideBand(int n1, int n2, long g, long h)
    {
        int m = Math.Max(n1, n2);
        int n = Math.Min(n1, n2);
        long mg = m / g;
        long ng = n / g;
        int maxJ = (int)Math.Min(CeilDiv(h, mg), n + 1);
        int minJ = 0;
        int length = Math.Min((2 * maxJ) + 2, n + 1);
        var column = new double[Math.Max(length, n + 2)];
        Array.Fill(column, 1.0);
        Array.Clear(column, 0, maxJ);
        int currentLength = maxJ - minJ;
        for (int i = 1; i <= m; i++)
        {
            int lastMinJ = minJ;
            int lastLength = currentLength;
            minJ = (int)Math.Min(Math.Max(FloorDiv((ng * i) - h, mg) + 1, 0), n);
            maxJ = (int)Math.Min(CeilDiv((ng * i) + h, mg), n + 1);
            if (maxJ <= minJ)
            {
                return 1.0;
            }

            double value = minJ == 0 ? 0.0 : 1.0;
            for (int jj = 0; jj < maxJ - minJ; jj++)
            {
                int j = jj + minJ;
                value = ((column[jj + minJ - lastMinJ] * i) + (value * j)) / (i + j);
                column[jj] = value;
            }

            currentLength = maxJ - minJ;
            if (lastLength > currentLength)
            {
                Array.Fill(column, 1.0, currentLength, lastLength - currentLength);
            }
        }

        return column[maxJ - minJ - 1];
    }

    private static long FloorDiv(long a, long b) => (long)Math.Floor((double)a / b);

    private static long CeilDiv(long a, long b) => (long)Math.Ceiling((double)a / b);

    private static long GreatestCommonDivisor(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
