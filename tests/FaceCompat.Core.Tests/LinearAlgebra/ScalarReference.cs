namespace FaceCompat.Tests.LinearAlgebra;

/// <summary>Slow, obviously correct scalar linear algebra used as the test oracle.</summary>
internal static class ScalarReference
{
    /// <summary>C = alpha op(A) op(B) + beta C with a double-precision triple loop.</summary>
    public static double[] Gemm(bool ta, bool tb, int m, int n, int k, double alpha, double[] a, int lda, double[] b, int ldb, double beta, double[] c, int ldc)
    {
        double[] result = (double[])c.Clone();
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    double aip = ta ? a[(p * lda) + i] : a[(i * lda) + p];
                    double bpj = tb ? b[(j * ldb) + p] : b[(p * ldb) + j];
                    sum += aip * bpj;
                }

                result[(i * ldc) + j] = (alpha * sum) + (beta == 0 ? 0 : beta * c[(i * ldc) + j]);
            }
        }

        return result;
    }

    public static double[] Random(Random rng, int count)
    {
        double[] x = new double[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = (rng.NextDouble() * 2) - 1;
        }

        return x;
    }

    /// <summary>Columns of an n x r row-major matrix made orthonormal by modified Gram-Schmidt on random columns.</summary>
    public static double[] Orthonormal(Random rng, int n, int r)
    {
        double[] q = Random(rng, n * r);
        for (int j = 0; j < r; j++)
        {
            for (int pass = 0; pass < 2; pass++)
            {
                for (int i = 0; i < j; i++)
                {
                    double dot = 0;
                    for (int t = 0; t < n; t++)
                    {
                        dot += q[(t * r) + i] * q[(t * r) + j];
                    }

                    for (int t = 0; t < n; t++)
                    {
                        q[(t * r) + j] -= dot * q[(t * r) + i];
                    }
                }
            }

            double norm = 0;
            for (int t = 0; t < n; t++)
            {
                norm += q[(t * r) + j] * q[(t * r) + j];
            }

            for (int t = 0; t < n; t++)
            {
                q[(t * r) + j] /= Math.Sqrt(norm);
            }
        }

        return q;
    }

    /// <summary>U diag(d) V^T for U m x r, V n x r.</summary>
    public static double[] Compose(int m, int n, int r, double[] u, double[] d, double[] v)
    {
        double[] a = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int t = 0; t < r; t++)
                {
                    sum += u[(i * r) + t] * d[t] * v[(j * r) + t];
                }

                a[(i * n) + j] = sum;
            }
        }

        return a;
    }

    /// <summary>Largest |(X^T X - I)| over the columns of the rows x cols row-major X.</summary>
    public static double OrthogonalityError(double[] x, int rows, int cols, int ld)
    {
        double worst = 0;
        for (int i = 0; i < cols; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                double dot = 0;
                for (int t = 0; t < rows; t++)
                {
                    dot += x[(t * ld) + i] * x[(t * ld) + j];
                }

                worst = Math.Max(worst, Math.Abs(dot - (i == j ? 1 : 0)));
            }
        }

        return worst;
    }
}
