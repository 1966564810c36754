namespace FaceCompat.LinearAlgebra.Native;

/// <summary>The one place LAPACK info codes are interpreted.</summary>
internal static class LapackInfo
{
    /// <summary>Throws for any non-zero info: negative = an illegal argument (a bug here), positive = no convergence.</summary>
    public static void Check(string routine, int info)
    {
        if (info < 0)
        {
            throw new InvalidOperationException($"{routine}: argument {-info} was rejected by LAPACK (info {info}); this is a FaceCompat bug.");
        }

        if (info > 0)
        {
            throw new ArithmeticException($"{routine} did not converge (info {info}); the input is numerically degenerate.");
        }
    }
}
