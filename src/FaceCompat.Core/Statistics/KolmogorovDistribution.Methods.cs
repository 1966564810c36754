namespace FaceCompat.Statistics;

internal static partial class KolmogorovDistribution
{
    /// <summary>Pr(D_n &lt;= d) by the Durbin matrix, Marsaglia-Tsang-Wang: the k-th diagonal entry of (n!/n^n) H^n, with scaling.</summary>
    private static double DurbinMatrix(int n, double d)
    {
        if (d >= 1.0)
        {
            return 1.0;
        }

        double nd = n * d;
        if (nd <= 0.5)
        {
            return 0.0;
        }

        int k = (int)Math.Ceiling(nd);
        double h = k - nd;
        int m = (2 * k) - 1;
        double[] v = new double[m], w = new double[m];
        double fac = 1.0;
        for (int j = 1; j <= m; j++)
        {
            v[j - 1] = 1.0 - Math.Pow(h, j);
            w[j - 1] = fac;
            fac /= j;
            v[j - 1] *= fac;
        }

        double tt = Math.Pow(Math.Max((2 * h) - 1.0, 0), m) - (2 * Math.Pow(h, m));
        v[m - 1] = (1.0 + tt) * fac;
        double[,] hm = new double[m, m];
        for (int i = 1; i < m; i++)
        {
            for (int r = i - 1; r < m; r++)
            {
                hm[r, i] = w[r - (i - 1)];
            }
        }

        for (int r = 0; r < m; r++)
        {
            hm[r, 0] = v[r];
        }

        for (int c = 0; c < m; c++)
        {
            hm[m - 1, c] = v[m - 1 - c];
        }

        double[,] power = Identity(m);
        int nn = n, exponent = 0, hExponent = 0;
        while (nn > 0)
        {
            if (nn % 2 == 1)
            {
                power = Multiply(power, hm);
                exponent += hExponent;
            }

            hm = Multiply(hm, hm);
            hExponent *= 2;
            if (Math.Abs(hm[k - 1, k - 1]) > s_ep128)
            {
                Scale(hm, 1.0 / s_ep128);
                hExponent += 128;
            }

            nn /= 2;
        }

        double p = power[k - 1, k - 1];
        for (int i = 1; i <= n; i++)
        {
            p = i * p / n;
            if (Math.Abs(p) < s_em128)
            {
                p *= s_ep128;
                exponent -= 128;
            }
        }

        if (exponent != 0)
        {
            p = Math.ScaleB(p, exponent);
        }

        return Clip(p);
    }

    /// <summary>Pr(D_n &lt;= x) by Pomeranz's recursion (n! V[2n+1] with two rows of Poisson-weighted convolutions).</summary>
    private static double Pomeranz(int n, double x)
    {
        double t = n * x;
        int ll = (int)Math.Floor(t);
        double f = t - ll;
        double g = Math.Min(f, 1.0 - f);
        int ceilf = f > 0 ? 1 : 0, roundf = f > 0.5 ? 1 : 0;
        int powers = 2 * (ll + 1);
        double[] gPower = new double[powers], twoGPower = new double[powers], oneMinusTwoGPower = new double[powers];
        gPower[0] = twoGPower[0] = oneMinusTwoGPower[0] = 1.0;
        for (int m = 1; m < powers; m++)
        {
            gPower[m] = gPower[m - 1] * (g / n) / m;
            twoGPower[m] = twoGPower[m - 1] * (2 * g / n) / m;
            oneMinusTwoGPower[m] = oneMinusTwoGPower[m - 1] * ((1 - (2 * g)) / n) / m;
        }

        double[] v0 = new double[powers], v1 = new double[powers];
        v1[0] = 1;
        int v0s = 0, v1s = 0, exponent = 0;
        (int j1, int j2) = PomeranzBounds(0, n, ll, ceilf, roundf);
        for (int i = 1; i < (2 * n) + 2; i++)
        {
            int k1 = j1;
            (v0, v1) = (v1, v0);
            (v0s, v1s) = (v1s, v0s);
            Array.Clear(v1);
            (j1, j2) = PomeranzBounds(i, n, ll, ceilf, roundf);
            double[] weights = i == 1 || i == (2 * n) + 1 ? gPower : (i % 2 == 1 ? twoGPower : oneMinusTwoGPower);
            int length = j2 - k1 + 1;
            if (length > 0)
            {
                // conv = convolve(v0[k1 - v0s .. + length], weights[..length]); keep conv[j1 - k1 .. j2 - k1].
                int start = j1 - k1, count = j2 - j1 + 1;
                for (int c = 0; c < count; c++)
                {
                    int at = start + c;
                    double s = 0;
                    for (int a = Math.Max(0, at - (length - 1)); a <= Math.Min(at, length - 1); a++)
                    {
                        s += v0[k1 - v0s + a] * weights[at - a];
                    }

                    v1[c] = s;
                }

                double top = v1.Max();
                if (top > 0 && top < s_em128)
                {
                    for (int c = 0; c < v1.Length; c++)
                    {
                        v1[c] *= s_ep128;
                    }

                    exponent -= 128;
                }

                v1s = v0s + j1 - k1;
            }
        }

        double answer = v1[n - v1s];
        for (int m = 1; m <= n; m++)
        {
            if (Math.Abs(answer) > s_ep128)
            {
                answer *= s_em128;
                exponent += 128;
            }

            answer *= m;
        }

        if (exponent != 0)
        {
            answer = Math.ScaleB(answer, exponent);
        }

        return Clip(answer);
    }

    private static (int J1, int J2) PomeranzBounds(int i, int n, int ll, int ceilf, int roundf)
    {
        int j1, j2;
        if (i == 0)
        {
            (j1, j2) = (-ll - ceilf - 1, ll + ceilf - 1);
        }
        else
        {
            int half = (i + 1) / 2, odd = (i + 1) % 2;
            if (odd == 0)
            {
                (j1, j2) = half == n + 1
                    ? (n - ll - ceilf - 1, n + ll + ceilf - 1)
                    : (half - 1 - ll - roundf - 1, half + ll - 1 + ceilf - 1);
            }
            else
            {
                (j1, j2) = (half - 1 - ll - 1, half + ll + roundf - 1);
            }
        }

        return (Math.Max(j1 + 2, 0), Math.Min(j2, n));
    }

    /// <summary>Pr(D_n &lt;= x) by the Pelz-Good approximation (K0 + K1/sqrt(n) + K2/n + K3/n^1.5 through theta functions).</summary>
    private static double PelzGood(int n, double x)
    {
        if (x <= 0.0)
        {
            return 0.0;
        }

        if (x >= 1.0)
        {
            return 1.0;
        }

        double pi2 = Math.PI * Math.PI, pi4 = pi2 * pi2, pi6 = pi4 * pi2;
        double z = Math.Sqrt(n) * x;
        double z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2;
        double qlog = -pi2 / 8 / z2;
        if (qlog < -708)
        {
            return 0.0;
        }

        double q = Math.Exp(qlog);
        double k1a = -z2, k1b = pi2 / 4;
        double k2a = (6 * z6) + (2 * z4), k2b = ((2 * z4) - (5 * z2)) * pi2 / 4, k2c = pi4 * (1 - (2 * z2)) / 16;
        double k3d = pi6 * (5 - (30 * z2)) / 64, k3c = pi4 * ((-60 * z2) + (212 * z4)) / 16;
        double k3b = pi2 * ((135 * z4) - (96 * z6)) / 4, k3a = (-30 * z6) - (90 * Math.Pow(z, 8));
        double[] k = new double[4];
        int maxk = (int)Math.Ceiling(16 * z / Math.PI);
        for (int kk = maxk; kk > 0; kk--)
        {
            double m = (2 * kk) - 1, m2 = m * m, m4 = m2 * m2, m6 = m4 * m2;
            double qpower = Math.Pow(q, 8 * kk);
            double[] coefficients = [1.0, k1a + (k1b * m2), k2a + (k2b * m2) + (k2c * m4), k3a + (k3b * m2) + (k3c * m4) + (k3d * m6)];
            for (int i = 0; i < 4; i++)
            {
                k[i] = (k[i] * qpower) + coefficients[i];
            }
        }

        double sqrt2Pi = Math.Sqrt(2 * Math.PI);
        double[] divisors = [z, 6 * z4, 72 * Math.Pow(z, 7), 6480 * Math.Pow(z, 10)];
        for (int i = 0; i < 4; i++)
        {
            k[i] = k[i] * q * sqrt2Pi / divisors[i];
        }

        double q2 = Math.Exp(-pi2 / 2 / z2);
        double sqrt3z = Math.Sqrt(3) * z;
        double k2extra = 0, k3extra = 0;
        for (int kk = maxk; kk > 0; kk--)
        {
            double ks2 = (double)kk * kk, power = Math.Pow(q2, ks2), kpi = Math.PI * kk;
            k2extra += ks2 * power;
            k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * ks2 * power;
        }

        k[2] += k2extra * pi2 * sqrt2Pi / (-36 * z3);
        k[3] += k3extra * pi2 * sqrt2Pi / (216 * z6);
        double total = 0;
        for (int i = 0; i < 4; i++)
        {
            total += k[i] / Math.Pow(n, i / 2.0);
        }

        return total;
    }

    private static double[,] Identity(int m)
    {
        double[,] result = new double[m, m];
        for (int i = 0; i < m; i++)
        {
            result[i, i] = 1.0;
        }

        return result;
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        int m = a.GetLength(0);
        double[,] c = new double[m, m];
        for (int i = 0; i < m; i++)
        {
            for (int p = 0; p < m; p++)
            {
                double aip = a[i, p];
                for (int j = 0; j < m; j++)
                {
                    c[i, j] += aip * b[p, j];
                }
            }
        }

        return c;
    }

    private static void Scale(double[,] a, double factor)
    {
        for (int i = 0; i < a.GetLength(0); i++)
        {
            for (int j = 0; j < a.GetLength(1); j++)
            {
                a[i, j] *= factor;
            }
        }
    }
}
