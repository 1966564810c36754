namespace FaceCompat.Statistics;

/// <summary>
/// Regularized incomplete beta I_x(a, b) by the continued fraction (modified Lentz), with the
/// symmetry I_x(a, b) = 1 - I_{1-x}(b, a) where the fraction converges slowly, and log-gamma by
/// the Lanczos approximation (g = 7, 9 terms; about 1e-15 relative).
/// </summary>
internal static class IncompleteBeta
{
    private static readonly double[] s_lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    public static double Regularized(double a, double b, double x)
    {
        if (x <= 0.0)
        {
            return 0.0;
        }

        if (x >= 1.0)
        {
            return 1.0;
        }

        double logFront = LogGamma(a + b) - LogGamma(a) - LogGamma(b) + (a * Math.Log(x)) + (b * Math.Log(1.0 - x));
        double front = Math.Exp(logFront);
        return x < (a + 1.0) / (a + b + 2.0)
            ? front * ContinuedFraction(a, b, x) / a
            : 1.0 - (front * ContinuedFraction(b, a, 1.0 - x) / b);
    }

    internal static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1.0 - x);
        }

        x -= 1.0;
        double sum = s_lanczos[0];
        for (int i = 1; i < s_lanczos.Length; i++)
        {
            sum += s_lanczos[i] / (x + i);
        }

        double t = x + 7.5;
        return (0.5 * Math.Log(2.0 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }

    private static double ContinuedFraction(double a, double b, double x)
    {
        const double Tiny = 1e-300;
        double c = 1.0;
        double d = 1.0 - ((a + b) * x / (a + 1.0));
        d = Math.Abs(d) < Tiny ? Tiny : d;
        d = 1.0 / d;
        double f = d;
        for (int m = 1; m <= 10_000; m++)
        {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
            d = 1.0 + (aa * d);
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = 1.0 + (aa / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1.0 / d;
            f *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
            d = 1.0 + (aa * d);
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = 1.0 + (aa / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1.0 / d;
            double delta = d * c;
            f *= delta;
            if (Math.Abs(delta - 1.0) < 1e-16)
            {
                break;
            }
        }

        return f;
    }
}
