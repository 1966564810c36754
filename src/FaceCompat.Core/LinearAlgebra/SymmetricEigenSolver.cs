namespace FaceCompat.LinearAlgebra;

/// <summary>
/// Managed symmetric eigen-decomposition: Householder reduction to tridiagonal form, then the
/// implicit QL algorithm (the EISPACK tred2/tql2 pair, as in JAMA). Eigenvalues ascending,
/// eigenvectors in the columns of the row-major output. The QL rotations work on the transposed
/// vectors so that each rotation touches two contiguous rows.
/// </summary>
internal static class SymmetricEigenSolver
{
    public static void Decompose(int n, ReadOnlySpan<double> a, Span<double> eigenvalues, Span<double> vectors)
    {
        if (n == 0)
        {
            return;
        }

        var v = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                v[i, j] = 0.5 * (a[(i * n) + j] + a[(j * n) + i]);
            }
        }

        double[] d = new double[n];
        double[] e = new double[n];
        Tridiagonalise(n, v, d, e);
        double[] vt = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                vt[(j * n) + i] = v[i, j];
            }
        }

        Ql(n, d, e, vt);
        int[] order = Enumerable.Range(0, n).OrderBy(i => d[i]).ThenBy(i => i).ToArray();
        for (int c = 0; c < n; c++)
        {
            eigenvalues[c] = d[order[c]];
            ReadOnlySpan<double> column = vt.AsSpan(order[c] * n, n);
            for (int r = 0; r < n; r++)
            {
                vectors[(r * n) + c] = column[r];
            }
        }
    }

    private static void Tridiagonalise(int n, double[,] v, double[] d, double[] e)
    {
        for (int j = 0; j < n; j++)
        {
            d[j] = v[n - 1, j];
        }

        for (int i = n - 1; i > 0; i--)
        {
            double scale = 0.0;
            double h = 0.0;
            for (int k = 0; k < i; k++)
            {
                scale += Math.Abs(d[k]);
            }

            if (scale == 0.0)
            {
                e[i] = d[i - 1];
                for (int j = 0; j < i; j++)
                {
                    d[j] = v[i - 1, j];
                    v[i, j] = 0.0;
                    v[j, i] = 0.0;
                }
            }
            else
            {
                for (int k = 0; k < i; k++)
                {
                    d[k] /= scale;
                    h += d[k] * d[k];
                }

                double f = d[i - 1];
                double g = Math.Sqrt(h);
                if (f > 0)
                {
                    g = -g;
                }

                e[i] = scale * g;
                h -= f * g;
                d[i - 1] = f - g;
                for (int j = 0; j < i; j++)
                {
                    e[j] = 0.0;
                }

                for (int j = 0; j < i; j++)
                {
                    f = d[j];
                    v[j, i] = f;
                    g = e[j] + (v[j, j] * f);
                    for (int k = j + 1; k <= i - 1; k++)
                    {
                        g += v[k, j] * d[k];
                        e[k] += v[k, j] * f;
                    }

                    e[j] = g;
                }

                f = 0.0;
                for (int j = 0; j < i; j++)
                {
                    e[j] /= h;
                    f += e[j] * d[j];
                }

                double hh = f / (h + h);
                for (int j = 0; j < i; j++)
                {
                    e[j] -= hh * d[j];
                }

                for (int j = 0; j < i; j++)
                {
                    f = d[j];
                    g = e[j];
                    for (int k = j; k <= i - 1; k++)
                    {
                        v[k, j] -= (f * e[k]) + (g * d[k]);
                    }

                    d[j] = v[i - 1, j];
                    v[i, j] = 0.0;
                }
            }

            d[i] = h;
        }

        for (int i = 0; i < n - 1; i++)
        {
            v[n - 1, i] = v[i, i];
            v[i, i] = 1.0;
            double h = d[i + 1];
            if (h != 0.0)
            {
                for (int k = 0; k <= i; k++)
                {
                    d[k] = v[k, i + 1] / h;
                }

                for (int j = 0; j <= i; j++)
                {
                    double g = 0.0;
                    for (int k = 0; k <= i; k++)
                    {
                        g += v[k, i + 1] * v[k, j];
                    }

                    for (int k = 0; k <= i; k++)
                    {
                        v[k, j] -= g * d[k];
                    }
                }
            }

            for (int k = 0; k <= i; k++)
            {
                v[k, i + 1] = 0.0;
            }
        }

        for (int j = 0; j < n; j++)
        {
            d[j] = v[n - 1, j];
            v[n - 1, j] = 0.0;
        }

        v[n - 1, n - 1] = 1.0;
        e[0] = 0.0;
    }

    /// <param name="vt">Eigenvectors as rows (row j = column j of V), rotated in place.</param>
    private static void Ql(int n, double[] d, double[] e, double[] vt)
    {
        for (int i = 1; i < n; i++)
        {
            e[i - 1] = e[i];
        }

        e[n - 1] = 0.0;
        double f = 0.0;
        double tst1 = 0.0;
        double eps = Math.Pow(2.0, -52.0);
        for (int l = 0; l < n; l++)
        {
            tst1 = Math.Max(tst1, Math.Abs(d[l]) + Math.Abs(e[l]));
            int m = l;
            while (m < n)
            {
                if (Math.Abs(e[m]) <= eps * tst1)
                {
                    break;
                }

                m++;
            }

            if (m > l)
            {
                int iterations = 0;
                do
                {
                    if (++iterations > 300)
                    {
                        throw new ModelException("The symmetric eigen-decomposition did not converge; the matrix may contain non-finite values.");
                    }

                    double g = d[l];
                    double p = (d[l + 1] - g) / (2.0 * e[l]);
                    double r = Hypot(p, 1.0);
                    if (p < 0)
                    {
                        r = -r;
                    }

                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++)
                    {
                        d[i] -= h;
                    }

                    f += h;
                    p = d[m];
                    double c = 1.0, c2 = c, c3 = c;
                    double el1 = e[l + 1];
                    double s = 0.0, s2 = 0.0;
                    for (int i = m - 1; i >= l; i--)
                    {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = Hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = (c * d[i]) - (s * g);
                        d[i + 1] = h + (s * ((c * g) + (s * d[i])));
                        Rotate(vt.AsSpan(i * n, n), vt.AsSpan((i + 1) * n, n), c, s);
                    }

                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                }
                while (Math.Abs(e[l]) > eps * tst1);
            }

            d[l] += f;
            e[l] = 0.0;
        }
    }

    /// <summary>(x, y) &lt;- (c x - s y, s x + c y), elementwise.</summary>
    private static void Rotate(Span<double> x, Span<double> y, double c, double s)
    {
        for (int k = 0; k < x.Length; k++)
        {
            double h = y[k];
            y[k] = (s * x[k]) + (c * h);
            x[k] = (c * x[k]) - (s * h);
        }
    }

    private static double Hypot(double a, double b)
    {
        double x = Math.Abs(a), y = Math.Abs(b);
        if (x < y)
        {
            (x, y) = (y, x);
        }

        if (x == 0)
        {
            return 0;
        }

        double t = y / x;
        return x * Math.Sqrt(1 + (t * t));
    }
}
