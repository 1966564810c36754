using FaceCompat.LinearAlgebra;

namespace FaceCompat.Tests.LinearAlgebra;

/// <summary>Decomposition checks on matrices built from a known (planted) spectrum.</summary>
internal static class DecompositionCase
{
    public static void Svd(IDenseKernels kernels, int m, int n, int rank)
    {
        var rng = new Random((m * 31) + n + rank);
        int r = Math.Min(m, n);
        double[] planted = new double[r];
        for (int i = 0; i < rank; i++)
        {
            planted[i] = 10.0 / (i + 1);
        }

        double[] a = ScalarReference.Compose(m, n, r, ScalarReference.Orthonormal(rng, m, r), planted, ScalarReference.Orthonormal(rng, n, r));
        double[] u = new double[m * r];
        double[] s = new double[r];
        double[] vt = new double[r * n];
        kernels.Svd(m, n, a, u, s, vt);
        for (int i = 0; i < r; i++)
        {
            s[i].Should().BeApproximately(planted[i], 1e-12, $"{kernels.Name} singular value {i} of {m}x{n} rank {rank}");
        }

        ScalarReference.OrthogonalityError(u, m, r, r).Should().BeLessThan(1e-12, $"{kernels.Name} U columns orthonormal");
        double[] v = Transpose(vt, r, n);
        ScalarReference.OrthogonalityError(v, n, r, r).Should().BeLessThan(1e-12, $"{kernels.Name} Vt rows orthonormal");
        double[] back = ScalarReference.Compose(m, n, r, u, s, v);
        for (int i = 0; i < a.Length; i++)
        {
            back[i].Should().BeApproximately(a[i], 1e-12, $"{kernels.Name} A = U S Vt");
        }
    }

    public static void Eigen(IDenseKernels kernels, int n)
    {
        var rng = new Random(n);
        double[] planted = new double[n];
        for (int i = 0; i < n; i++)
        {
            planted[i] = (i * 1.5) - (n / 2.0) + (rng.NextDouble() * 0.1);
        }

        double[] q = ScalarReference.Orthonormal(rng, n, n);
        double[] a = ScalarReference.Compose(n, n, n, q, planted, q);
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        kernels.SymmetricEigen(n, a, values, vectors);
        for (int i = 0; i < n; i++)
        {
            values[i].Should().BeApproximately(planted[i], 1e-10, $"{kernels.Name} eigenvalue {i} (ascending)");
        }

        ScalarReference.OrthogonalityError(vectors, n, n, n).Should().BeLessThan(1e-12);
        double[] back = ScalarReference.Compose(n, n, n, vectors, values, vectors);
        for (int i = 0; i < a.Length; i++)
        {
            back[i].Should().BeApproximately(a[i], 1e-10, $"{kernels.Name} A = V diag(w) V^T (vectors in columns)");
        }
    }

    public static void Cholesky(IDenseKernels kernels, int n, int nrhs)
    {
        var rng = new Random((n * 7) + nrhs);
        double[] l = ScalarReference.Random(rng, n * n);
        double[] a = ScalarReference.Gemm(false, true, n, n, n, 1, l, n, l, n, 0, new double[n * n], n);
        for (int i = 0; i < n; i++)
        {
            a[(i * n) + i] += n;
        }

        double[] b = ScalarReference.Random(rng, n * nrhs);
        double[] factor = (double[])a.Clone();
        double[] x = (double[])b.Clone();
        kernels.CholeskySolve(n, nrhs, factor, x).Should().BeTrue();
        double[] ax = ScalarReference.Gemm(false, false, n, nrhs, n, 1, a, n, x, nrhs, 0, new double[n * nrhs], nrhs);
        for (int i = 0; i < b.Length; i++)
        {
            ax[i].Should().BeApproximately(b[i], 1e-10, $"{kernels.Name} A X = B");
        }
    }

    private static double[] Transpose(double[] x, int rows, int cols)
    {
        double[] t = new double[rows * cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                t[(j * rows) + i] = x[(i * cols) + j];
            }
        }

        return t;
    }
}
