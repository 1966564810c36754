using FaceCompat.LinearAlgebra;

namespace FaceCompat.Tests.LinearAlgebra;

/// <summary>One GEMM case with padded strides, checked against <see cref="ScalarReference.Gemm"/>.</summary>
internal static class GemmCase
{
    public static void Run(IDenseKernels kernels, Random rng, bool ta, bool tb, int m, int n, int k, double alpha, double beta, bool single)
    {
        int aRows = ta ? k : m, aCols = ta ? m : k, bRows = tb ? n : k, bCols = tb ? k : n;
        int lda = aCols + 3, ldb = bCols + 1, ldc = n + 2;
        double[] a = ScalarReference.Random(rng, Math.Max(0, aRows * lda));
        double[] b = ScalarReference.Random(rng, Math.Max(0, bRows * ldb));
        double[] c = ScalarReference.Random(rng, Math.Max(0, m * ldc));
        if (single)
        {
            // Round inputs to float first so the reference sees exactly what the kernel sees.
            a = Array.ConvertAll(a, x => (double)(float)x);
            b = Array.ConvertAll(b, x => (double)(float)x);
            c = Array.ConvertAll(c, x => (double)(float)x);
        }

        double[] expected = ScalarReference.Gemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        double[] actual;
        double tolerance;
        if (single)
        {
            float[] cf = Array.ConvertAll(c, x => (float)x);
            kernels.Gemm(ta, tb, m, n, k, (float)alpha, Array.ConvertAll(a, x => (float)x), lda, Array.ConvertAll(b, x => (float)x), ldb, (float)beta, cf, ldc);
            actual = Array.ConvertAll(cf, x => (double)x);
            tolerance = 1e-5 * (k + 2);
        }
        else
        {
            actual = (double[])c.Clone();
            kernels.Gemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, actual, ldc);
            tolerance = 1e-13 * (k + 2);
        }

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < ldc; j++)
            {
                int at = (i * ldc) + j;
                double want = j < n ? expected[at] : c[at];
                Math.Abs(actual[at] - want).Should().BeLessThanOrEqualTo(tolerance, $"{kernels.Name} ta={ta} tb={tb} {m}x{n}x{k} at ({i},{j}); padding must stay untouched");
            }
        }
    }
}
