using FaceCompat.LinearAlgebra;

namespace FaceCompat.Tests.LinearAlgebra;

/// <summary>
/// Test matrices for the decompositions (Gaussian, low rank, planted repeated spectra, zero, scaled)
/// and the checks that need no oracle: reconstruction, orthogonality and eigen residuals, computed
/// with the managed GEMM (itself checked against a scalar reference in <see cref="ManagedGemmTests"/>).
/// Tolerances are backward-error bounds, c p eps |A| with c = 10 and p the larger dimension.
/// </summary>
internal static class DecompositionMatrices
{
    public const double Eps = 2.220446049250313e-16;

    public static double[] Make(string kind, int m, int n, int seed)
    {
        var rng = new Random(seed);
        int r = Math.Min(m, n);
        switch (kind)
        {
            case "gaussian":
                return Gaussian(rng, m * n);
            case "rank-deficient":
                {
                    // X (m x k) Y (k x n), k about r / 3: r - k singular values are zero.
                    int k = Math.Max(1, r / 3);
                    double[] x = Gaussian(rng, m * k), y = Gaussian(rng, k * n);
                    double[] a = new double[m * n];
                    DenseKernels.Managed.Gemm(false, false, m, n, k, 1.0, x, k, y, n, 0.0, a, n);
                    return a;
                }

            case "repeated":
                {
                    // Singular values 4, 4, 4, 3, 3, 3, ... (groups of three, cycling 4..1).
                    double[] s = Enumerable.Range(0, r).Select(i => 4.0 - (i / 3 % 4)).OrderByDescending(v => v).ToArray();
                    return ScalarReference.Compose(m, n, r, ScalarReference.Orthonormal(rng, m, r), s, ScalarReference.Orthonormal(rng, n, r));
                }

            case "zero":
                return new double[m * n];
            case "tiny":
                return Gaussian(rng, m * n).Select(v => v * 1e-150).ToArray();
            case "huge":
                return Gaussian(rng, m * n).Select(v => v * 1e150).ToArray();
            default:
                throw new ArgumentException(kind, nameof(kind));
        }
    }

    /// <summary>Symmetric test matrices: Gram of Gaussian rows (full rank, or rank n/4), planted repeated eigenvalues, zero, scaled.</summary>
    public static double[] MakeSymmetric(string kind, int n, int seed)
    {
        var rng = new Random(seed);
        switch (kind)
        {
            case "gram":
                return Gram(Gaussian(rng, 2 * n * n), 2 * n, n);
            case "rank-deficient":
                {
                    int k = Math.Max(1, n / 4);
                    return Gram(Gaussian(rng, k * n), k, n);
                }

            case "repeated":
                {
                    // Eigenvalues -1 (a quarter), 0.5 (a quarter), 2 (half): three large clusters.
                    double[] values = Enumerable.Range(0, n).Select(i => i < n / 4 ? -1.0 : i < n / 2 ? 0.5 : 2.0).ToArray();
                    double[] q = ScalarReference.Orthonormal(rng, n, n);
                    return ScalarReference.Compose(n, n, n, q, values, q);
                }

            case "zero":
                return new double[n * n];
            case "tiny":
                return Gram(Gaussian(rng, 2 * n * n), 2 * n, n).Select(v => v * 1e-200).ToArray();
            case "huge":
                return Gram(Gaussian(rng, 2 * n * n), 2 * n, n).Select(v => v * 1e200).ToArray();
            default:
                throw new ArgumentException(kind, nameof(kind));
        }
    }

    public static double[] Gaussian(Random rng, int count)
    {
        double[] x = new double[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        }

        return x;
    }

    /// <summary>Largest |X^T X - I| entry over the columns of the rows x cols row-major X.</summary>
    public static double ColumnOrthogonality(double[] x, int rows, int cols)
    {
        double[] g = new double[cols * cols];
        DenseKernels.Managed.Gemm(true, false, cols, cols, rows, 1.0, x, cols, x, cols, 0.0, g, cols);
        double worst = 0;
        for (int i = 0; i < cols; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                worst = Math.Max(worst, Math.Abs(g[(i * cols) + j] - (i == j ? 1 : 0)));
            }
        }

        return worst;
    }

    /// <summary>Largest |A - U diag(s) Vt| entry.</summary>
    public static double ReconstructionError(double[] a, int m, int n, double[] u, double[] s, double[] vt)
    {
        int r = s.Length;
        double[] us = new double[m * r];
        for (int i = 0; i < m; i++)
        {
            for (int k = 0; k < r; k++)
            {
                us[(i * r) + k] = u[(i * r) + k] * s[k];
            }
        }

        double[] back = (double[])a.Clone();
        DenseKernels.Managed.Gemm(false, false, m, n, r, -1.0, us, r, vt, n, 1.0, back, n);
        return back.Max(Math.Abs);
    }

    /// <summary>Largest |A V - V diag(w)| entry (eigenvectors in the columns of V).</summary>
    public static double EigenResidual(double[] a, int n, double[] w, double[] v)
    {
        double[] residual = new double[n * n];
        DenseKernels.Managed.Gemm(false, false, n, n, n, 1.0, a, n, v, n, 0.0, residual, n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                residual[(i * n) + j] -= v[(i * n) + j] * w[j];
            }
        }

        return residual.Max(Math.Abs);
    }

    /// <summary>U Vt (m x n): the polar factor, unique for a full-rank A.</summary>
    public static double[] Polar(int m, int n, double[] u, double[] vt)
    {
        int r = Math.Min(m, n);
        double[] w = new double[m * n];
        DenseKernels.Managed.Gemm(false, false, m, n, r, 1.0, u, r, vt, n, 0.0, w, n);
        return w;
    }

    private static double[] Gram(double[] rows, int count, int n)
    {
        double[] g = new double[n * n];
        DenseKernels.Managed.Gemm(true, false, n, n, count, 1.0, rows, n, rows, n, 0.0, g, n);

        // Exactly symmetric (the GEMM's two triangles may differ in the last bit).
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++)
            {
                g[(j * n) + i] = g[(i * n) + j];
            }
        }

        return g;
    }
}
