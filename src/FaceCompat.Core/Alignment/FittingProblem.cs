using FaceCompat.Data;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Alignment;

/// <summary>
/// The centred fitting rows of one (source, target) pair and the products every method shares:
/// the cross product M = Xs^T Xt and, lazily, the Gram matrix Xs^T Xs. Padding is implicit:
/// every map is solved on the unpadded d_s x d_t block, which is what the padded problem
/// reduces to (zero columns of Xs give zero rows of W; zero columns of Xt give zero columns).
/// </summary>
internal sealed class FittingProblem
{
    private readonly IDenseKernels _kernels;
    private readonly Matrix<double> _xs;
    private Matrix<double>? _gram;

    private FittingProblem(IDenseKernels kernels, Matrix<double> xs, double[] meanS, double[] meanT, Matrix<double> cross)
    {
        _kernels = kernels;
        _xs = xs;
        SourceMean = meanS;
        TargetMean = meanT;
        Cross = cross;
    }

    public double[] SourceMean { get; }

    public double[] TargetMean { get; }

    /// <summary>M = Xs^T Xt (d_s x d_t).</summary>
    public Matrix<double> Cross { get; }

    private int Ds => SourceMean.Length;

    private int Dt => TargetMean.Length;

    public static FittingProblem Create(Matrix<float> sourceRows, Matrix<float> targetRows, IDenseKernels kernels)
    {
        Matrix<double> xs = RowPreprocessing.NormalisedDouble(sourceRows);
        Matrix<double> xt = RowPreprocessing.NormalisedDouble(targetRows);
        double[] meanS = RowPreprocessing.ColumnMeans(xs);
        double[] meanT = RowPreprocessing.ColumnMeans(xt);
        RowPreprocessing.SubtractInPlace(xs, meanS);
        RowPreprocessing.SubtractInPlace(xt, meanT);
        return FromCentred(xs, xt, meanS, meanT, kernels);
    }

    /// <summary>A problem over rows already normalised and centred (for tests of the solvers themselves).</summary>
    internal static FittingProblem FromCentred(Matrix<double> xs, Matrix<double> xt, double[] meanS, double[] meanT, IDenseKernels kernels)
    {
        var cross = new Matrix<double>(xs.Columns, xt.Columns);
        kernels.Gemm(true, false, xs.Columns, xt.Columns, xs.Rows, 1.0, xs.Data, xs.Columns, xt.Data, xt.Columns, 0.0, cross.Data, xt.Columns);
        return new FittingProblem(kernels, xs, meanS, meanT, cross);
    }

    public FittedMap Baseline()
    {
        var w = new Matrix<double>(Ds, Dt);
        for (int i = 0; i < Math.Min(Ds, Dt); i++)
        {
            w[i, i] = 1.0;
        }

        return Map(MapMethod.Baseline, w, preservesNorm: true);
    }

    /// <summary>W = U V^T from the SVD of M.</summary>
    public FittedMap Procrustes()
    {
        int r = Math.Min(Ds, Dt);
        double[] u = new double[Ds * r];
        double[] s = new double[r];
        double[] vt = new double[r * Dt];
        _kernels.Svd(Ds, Dt, Cross.Data, u, s, vt);
        var w = new Matrix<double>(Ds, Dt);
        _kernels.Gemm(false, false, Ds, Dt, r, 1.0, u, r, vt, Dt, 0.0, w.Data, Dt);
        return Map(MapMethod.Procrustes, w, preservesNorm: true);
    }

    /// <summary>
    /// The null control: the d_s x d_t block of a random orthogonal map, W = U V^T from the SVD of
    /// a Gaussian matrix drawn from a SplitMix64 stream seeded by the dimensions (the same map for
    /// every split, so seeds vary only the data). It preserves norms like Procrustes.
    /// </summary>
    public FittedMap RandomOrthogonal()
    {
        int r = Math.Min(Ds, Dt);
        double[] gaussian = new Synthetic.GaussianStream(0x4E554C4CUL ^ ((ulong)Ds << 20) ^ (ulong)Dt).Matrix(Ds, Dt, 1.0);
        double[] u = new double[Ds * r];
        double[] s = new double[r];
        double[] vt = new double[r * Dt];
        _kernels.Svd(Ds, Dt, gaussian, u, s, vt);
        var w = new Matrix<double>(Ds, Dt);
        _kernels.Gemm(false, false, Ds, Dt, r, 1.0, u, r, vt, Dt, 0.0, w.Data, Dt);
        return Map(MapMethod.Null, w, preservesNorm: true);
    }

    /// <summary>
    /// W = pinv(Xs) Xt = V diag(1/sigma^2) V^T M over the right singular vectors V of Xs, taken
    /// from the eigen-decomposition of the Gram matrix. Singular values with
    /// sigma^2 &lt;= max(n, d_s) * eps * sigma_max^2 count as zero (minimum-norm solution).
    /// </summary>
    public FittedMap Linear()
    {
        // Well-conditioned Gram (every Cholesky pivot above 1e-8 of the largest, so no singular
        // value is anywhere near the cutoff): the normal equations give the same W much faster.
        if (TrySolveWellConditioned(out Matrix<double> fast))
        {
            return Map(MapMethod.Linear, fast, preservesNorm: false);
        }

        Matrix<double> gram = Gram();
        double[] values = new double[Ds];
        double[] vectors = new double[Ds * Ds];
        _kernels.SymmetricEigen(Ds, gram.Data, values, vectors);
        double largest = values.Length == 0 ? 0 : Math.Max(0, values[^1]);
        double cutoff = Math.Max(_xs.Rows, Ds) * 2.220446049250313e-16 * largest;

        // projected = V^T M (d_s x d_t), scaled row-wise by 1/lambda (0 below the cutoff), then W = V projected.
        var projected = new Matrix<double>(Ds, Dt);
        _kernels.Gemm(true, false, Ds, Dt, Ds, 1.0, vectors, Ds, Cross.Data, Dt, 0.0, projected.Data, Dt);
        for (int i = 0; i < Ds; i++)
        {
            double scale = values[i] > cutoff ? 1.0 / values[i] : 0.0;
            Span<double> row = projected.Row(i);
            for (int c = 0; c < row.Length; c++)
            {
                row[c] *= scale;
            }
        }

        var w = new Matrix<double>(Ds, Dt);
        _kernels.Gemm(false, false, Ds, Dt, Ds, 1.0, vectors, Ds, projected.Data, Dt, 0.0, w.Data, Dt);
        return Map(MapMethod.Linear, w, preservesNorm: false);
    }

    /// <summary>W = (Xs^T Xs + lambda I)^-1 M by Cholesky; lambda = 0 falls back to the minimum-norm solution when singular.</summary>
    public FittedMap Ridge(double lambda)
    {
        Matrix<double> a = Gram().Clone();
        for (int i = 0; i < Ds; i++)
        {
            a[i, i] += lambda;
        }

        Matrix<double> w = Cross.Clone();
        if (!_kernels.CholeskySolve(Ds, Dt, a.Data, w.Data))
        {
            if (lambda == 0)
            {
                FittedMap linear = Linear();
                return Map(MapMethod.Ridge, linear.Weights, preservesNorm: false, lambda);
            }

            throw new InvalidOperationException($"Xs^T Xs + {lambda} I is not positive definite; the fitting rows contain non-finite values.");
        }

        return Map(MapMethod.Ridge, w, preservesNorm: false, lambda);
    }

    private bool TrySolveWellConditioned(out Matrix<double> w)
    {
        Matrix<double> factor = Gram().Clone();
        double largest = 0;
        for (int i = 0; i < Ds; i++)
        {
            largest = Math.Max(largest, factor[i, i]);
        }

        w = Cross.Clone();
        if (largest <= 0 || !_kernels.CholeskySolve(Ds, Dt, factor.Data, w.Data))
        {
            return false;
        }

        for (int i = 0; i < Ds; i++)
        {
            // The factor's diagonal holds the square roots of the pivots.
            if (factor[i, i] * factor[i, i] < 1e-8 * largest)
            {
                return false;
            }
        }

        return true;
    }

    private Matrix<double> Gram()
    {
        if (_gram is null)
        {
            var gram = new Matrix<double>(Ds, Ds);
            _kernels.Gemm(true, false, Ds, Ds, _xs.Rows, 1.0, _xs.Data, Ds, _xs.Data, Ds, 0.0, gram.Data, Ds);
            _gram = gram;
        }

        return _gram;
    }

    private FittedMap Map(MapMethod method, Matrix<double> w, bool preservesNorm, double lambda = 0) => new()
    {
        Method = method,
        Lambda = lambda,
        SourceMean = SourceMean,
        TargetMean = TargetMean,
        Weights = w,
        PreservesNorm = preservesNorm,
    };
}
