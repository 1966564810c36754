using FaceCompat.LinearAlgebra;

namespace FaceCompat.Tests.LinearAlgebra;

/// <summary>
/// The managed symmetric eigensolver (tridiagonal reduction + divide and conquer) at awkward sizes
/// and spectra: always against its own checks (|A V - V diag(w)| within 10 n eps |A|, |V^T V - I|
/// within 10 n eps, eigenvalues ascending), against eigenvalues worked out by hand (the 1-D
/// Laplacian), and, where LAPACK (dsyevd) is installed, against its eigenvalues within 10 n eps |A|.
/// </summary>
public sealed class SymmetricEigenSolverTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (int n in new[] { 1, 2, 3, 7, 31, 64, 65, 128, 513 })
        {
            data.Add("gram", n);
        }

        foreach (int n in new[] { 2, 3, 7, 128, 513 })
        {
            data.Add("rank-deficient", n);
        }

        foreach (int n in new[] { 3, 7, 128, 300 })
        {
            data.Add("repeated", n);
        }

        foreach (int n in new[] { 1, 7, 128 })
        {
            data.Add("zero", n);
        }

        foreach (int n in new[] { 7, 128 })
        {
            data.Add("tiny", n);
            data.Add("huge", n);
        }

        data.Add("gram", 1024);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Eigen_decomposition_has_small_residual_and_orthonormal_vectors(string kind, int n)
    {
        double[] a = DecompositionMatrices.MakeSymmetric(kind, n, n + 17);
        (double[] w, double[] v) = Decompose(DenseKernels.Managed, a, n);
        Check(a, n, w, v, kind);
    }

    [OpenBlasTheory]
    [MemberData(nameof(Cases))]
    public void Eigenvalues_match_lapack(string kind, int n)
    {
        DenseKernels.TryGetOpenBlas(out IDenseKernels lapack);
        double[] a = DecompositionMatrices.MakeSymmetric(kind, n, n + 17);
        double[] w = Decompose(DenseKernels.Managed, a, n).Values;
        double[] reference = Decompose(lapack, a, n).Values;
        double norm = reference.Max(Math.Abs);
        for (int i = 0; i < n; i++)
        {
            w[i].Should().BeApproximately(reference[i], 10 * n * DecompositionMatrices.Eps * norm, $"eigenvalue {i} of {kind} {n}");
        }
    }

    /// <summary>tridiag(-1, 2, -1) of size n has eigenvalues 2 - 2 cos(k pi / (n + 1)), k = 1..n.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(65)]
    [InlineData(513)]
    public void Laplacian_eigenvalues_match_the_closed_form(int n)
    {
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            a[(i * n) + i] = 2;
            if (i > 0)
            {
                a[(i * n) + i - 1] = -1;
                a[((i - 1) * n) + i] = -1;
            }
        }

        (double[] w, double[] v) = Decompose(DenseKernels.Managed, a, n);
        for (int k = 1; k <= n; k++)
        {
            w[k - 1].Should().BeApproximately(2 - (2 * Math.Cos(k * Math.PI / (n + 1))), 10 * n * DecompositionMatrices.Eps * 4);
        }

        Check(a, n, w, v, "laplacian");
    }

    /// <summary>Wilkinson's W+ (diagonal |m - i|, off-diagonal 1): pairs of eigenvalues closer than any tolerance, so the merges deflate by rotation.</summary>
    [Theory]
    [InlineData(21)]
    [InlineData(201)]
    public void Wilkinson_matrix_with_nearly_equal_pairs(int n)
    {
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            a[(i * n) + i] = Math.Abs((n / 2) - i);
            if (i > 0)
            {
                a[(i * n) + i - 1] = 1;
                a[((i - 1) * n) + i] = 1;
            }
        }

        (double[] w, double[] v) = Decompose(DenseKernels.Managed, a, n);
        Check(a, n, w, v, "wilkinson");
        if (DenseKernels.TryGetOpenBlas(out IDenseKernels lapack))
        {
            double[] reference = Decompose(lapack, a, n).Values;
            for (int i = 0; i < n; i++)
            {
                w[i].Should().BeApproximately(reference[i], 10 * n * DecompositionMatrices.Eps * reference.Max(Math.Abs));
            }
        }
    }

    private static void Check(double[] a, int n, double[] w, double[] v, string kind)
    {
        double norm = Math.Max(w.Max(Math.Abs), double.Epsilon);
        for (int i = 1; i < n; i++)
        {
            w[i].Should().BeGreaterThanOrEqualTo(w[i - 1], "eigenvalues ascending");
        }

        DecompositionMatrices.EigenResidual(a, n, w, v).Should().BeLessThanOrEqualTo(10 * n * DecompositionMatrices.Eps * norm, $"A V = V diag(w) ({kind} {n})");
        DecompositionMatrices.ColumnOrthogonality(v, n, n).Should().BeLessThanOrEqualTo(10 * n * DecompositionMatrices.Eps, "eigenvectors orthonormal");
    }

    private static (double[] Values, double[] Vectors) Decompose(IDenseKernels kernels, double[] a, int n)
    {
        double[] w = new double[n], v = new double[n * n];
        kernels.SymmetricEigen(n, a, w, v);
        return (w, v);
    }
}
