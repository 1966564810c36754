using FaceCompat.LinearAlgebra;

namespace FaceCompat.Mapping;

/// <summary>
/// The orthogonal Procrustes map W (d_s x d_t, orthonormal rows or columns) maximising tr(W^T M)
/// for a cross product M = Xs^T Xt, made unique where the fit does not determine it.
/// <para>
/// With the SVD M = U S V^T, W = U V^T. When M is rank-deficient (fewer fitting rows than
/// dimensions, or collinear embeddings) the singular vectors of the zero singular values are any
/// basis of the null spaces, and every choice is an optimal W: LAPACK and the managed kernels (or
/// two LAPACK builds) then return different maps that score held-out rows differently. The rule
/// applied here: singular values at most <see cref="RankTolerance"/> x s_max are zero; W is the
/// determined part U+ V+^T plus, on the undetermined complement, the partial isometry closest to
/// the zero-padding identity E (E[i,i] = 1, the baseline map): the top-q SVD factors of
/// (I - U+ U+^T) E (I - V+ V+^T), q = min(d_s, d_t) - rank. That part does not depend on which null
/// basis the SVD returned, so every kernel provider gives the same map; a model fitted to itself
/// gets the identity. A full-rank M takes the plain U V^T path.
/// </para>
/// </summary>
internal static class OrthogonalProcrustes
{
    /// <summary>Singular values at most this fraction of the largest count as zero (far above the ~1e-13 round-off of M).</summary>
    public const double RankTolerance = 1e-9;

    /// <summary>W, row-major d_s x d_t, for the row-major d_s x d_t cross product <paramref name="cross"/>.</summary>
    public static double[] Solve(IDenseKernels kernels, int ds, int dt, ReadOnlySpan<double> cross)
    {
        ArgumentNullException.ThrowIfNull(kernels);
        int r = Math.Min(ds, dt);
        double[] u = new double[ds * r];
        double[] s = new double[r];
        double[] vt = new double[r * dt];
        kernels.Svd(ds, dt, cross, u, s, vt);
        int rank = 0;
        double floor = RankTolerance * (r > 0 ? s[0] : 0.0);
        while (rank < r && s[rank] > floor)
        {
            rank++;
        }

        double[] w = new double[ds * dt];
        if (rank == r)
        {
            kernels.Gemm(false, false, ds, dt, r, 1.0, u, r, vt, dt, 0.0, w, dt);
            return w;
        }

        // Determined part U+ V+^T over the first `rank` columns of U and rows of V^T.
        if (rank > 0)
        {
            kernels.Gemm(false, false, ds, dt, rank, 1.0, u, r, vt, dt, 0.0, w, dt);
        }

        // B = (I - U+ U+^T) E (I - V+ V+^T), with E the d_s x d_t identity block.
        double[] b = ComplementOfIdentity(kernels, ds, dt, rank, u, r, vt);
        double[] ub = new double[ds * r];
        double[] sb = new double[r];
        double[] vtb = new double[r * dt];
        kernels.Svd(ds, dt, b, ub, sb, vtb);
        kernels.Gemm(false, false, ds, dt, r - rank, 1.0, ub, r, vtb, dt, 1.0, w, dt);
        return w;
    }

    /// <summary>(I - U+ U+^T) E (I - V+ V+^T) for the leading <paramref name="rank"/> singular vectors.</summary>
    private static double[] ComplementOfIdentity(IDenseKernels kernels, int ds, int dt, int rank, double[] u, int ldu, double[] vt)
    {
        int r = Math.Min(ds, dt);
        double[] b = new double[ds * dt];
        for (int i = 0; i < r; i++)
        {
            b[(i * dt) + i] = 1.0;
        }

        if (rank == 0)
        {
            return b;
        }

        // Left: B -= U+ (U+^T B); then right: B -= (B V+) V+^T, V+ = rows of V^T.
        double[] small = new double[rank * dt];
        kernels.Gemm(true, false, rank, dt, ds, 1.0, u, ldu, b, dt, 0.0, small, dt);
        kernels.Gemm(false, false, ds, dt, rank, -1.0, u, ldu, small, dt, 1.0, b, dt);
        double[] side = new double[ds * rank];
        kernels.Gemm(false, true, ds, rank, dt, 1.0, b, dt, vt, dt, 0.0, side, rank);
        kernels.Gemm(false, false, ds, dt, rank, -1.0, side, rank, vt, dt, 1.0, b, dt);
        return b;
    }
}
