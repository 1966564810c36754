using FaceCompat.Data;

namespace FaceCompat.Tests;

/// <summary>Seeded random matrices for tests.</summary>
internal static class TestMatrices
{
    public static Matrix<double> Gaussian(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        var m = new Matrix<double>(rows, columns);
        for (int i = 0; i < m.Values.Length; i++)
        {
            // Box-Muller
            double u = 1.0 - random.NextDouble();
            double v = random.NextDouble();
            m.MutableValues()[i] = Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
        }

        return m;
    }

    /// <summary>A random orthogonal matrix by Gram-Schmidt on Gaussian columns; the last column is negated when <paramref name="reflection"/>.</summary>
    public static Matrix<double> Orthogonal(int n, int seed, bool reflection = false)
    {
        Matrix<double> a = Gaussian(n, n, seed);
        var q = new Matrix<double>(n, n);
        for (int c = 0; c < n; c++)
        {
            double[] v = Enumerable.Range(0, n).Select(r => a[r, c]).ToArray();
            for (int p = 0; p < c; p++)
            {
                double dot = 0;
                for (int r = 0; r < n; r++)
                {
                    dot += v[r] * q[r, p];
                }

                for (int r = 0; r < n; r++)
                {
                    v[r] -= dot * q[r, p];
                }
            }

            double norm = Math.Sqrt(v.Sum(x => x * x));
            for (int r = 0; r < n; r++)
            {
                q[r, c] = v[r] / norm;
            }
        }

        if (reflection)
        {
            for (int r = 0; r < n; r++)
            {
                q[r, n - 1] = -q[r, n - 1];
            }
        }

        return q;
    }

    public static Matrix<double> Multiply(Matrix<double> a, Matrix<double> b)
    {
        var c = new Matrix<double>(a.Rows, b.Columns);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int k = 0; k < a.Columns; k++)
            {
                double x = a[i, k];
                for (int j = 0; j < b.Columns; j++)
                {
                    c[i, j] += x * b[k, j];
                }
            }
        }

        return c;
    }

    public static double MaxAbsDifference(Matrix<double> a, Matrix<double> b) =>
        a.ToArray().Zip(b.ToArray(), (x, y) => Math.Abs(x - y)).Max();
}
