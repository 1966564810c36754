using FaceCompat.Data;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Mapping;

/// <summary>
/// The centred fitting rows of one (source, target) pair and the products every method shares:
/// the cross product M = Xs^T Xt and, lazily, the Gram matrix Xs^T Xs. Padding is implicit:
/// every map is solved on the unpadded d_s x d_t block, which is what the padded problem
/// reduces to (zero columns of Xs give zero rows of W; zero columns of Xt give zero columns).
/// </summary>
internal sealed class FittingProblem
{
    /// <summary>Rows per block when accumulating Xs^T Xt and Xs^T Xs from pooled float64 blocks.</summary>
    private const int BlockRows = 1024;

    private readonly IDenseKernels _kernels;
    private readonly int _rows;
    private readonly Matrix<double>? _gram;

    /// <summary>This fit's entry in <see cref="PairProductCache"/>, where its Procrustes map is left for the reverse fit.</summary>
    private readonly PairProducts? _products;

    /// <summary>The reverse fit's Procrustes map, when it was computed (this fit's is its transpose).</summary>
    private readonly Matrix<double>? _reverseProcrustes;

    private FittingProblem(IDenseKernels kernels, int rows, double[] meanS, double[] meanT, Matrix<double> cross, Matrix<double>? gram, PairProducts? products = null, Matrix<double>? reverseProcrustes = null)
    {
        _kernels = kernels;
        _rows = rows;
        SourceMean = meanS;
        TargetMean = meanT;
        Cross = cross;
        _gram = gram;
        _products = products;
        _reverseProcrustes = reverseProcrustes;
    }

    public double[] SourceMean { get; }

    public double[] TargetMean { get; }

    public Matrix<double> Cross { get; }

    private int Ds => SourceMean.Length;

    private int Dt => TargetMean.Length;

    /// <summary>
    /// Means of the normalised rows, then Xs^T Xt (and Xs^T Xs when <paramref name="withGram"/>) of the
    /// normalised, centred rows, accumulated over blocks of rows: the centred matrices never exist
    /// whole, so fitting allocates nothing in proportion to the number of rows. With
    /// <paramref name="shareSource"/> the source side is taken from (or left in) <see cref="SourceStatisticsCache"/>,
    /// the reverse fit's products from <see cref="PairProductCache"/> (this fit's are left there), and a
    /// model fitted to itself takes its cross product from its Gram matrix.
    /// </summary>
    public static FittingProblem Create(RowSubset sourceRows, RowSubset targetRows, IDenseKernels kernels, bool withGram = true, bool shareSource = false)
    {
        int n = sourceRows.Count, ds = sourceRows.Columns, dt = targetRows.Columns;
        (double[] Mean, Matrix<double> Gram)? known = withGram && shareSource ? SourceStatisticsCache.TryGet(sourceRows, kernels) : null;
        bool self = shareSource && withGram && ReferenceEquals(sourceRows.Matrix, targetRows.Matrix) && PairProducts.SameRows(targetRows, sourceRows.Indices, n);
        PairProducts? reverse = shareSource && !self ? PairProductCache.TakeReverse(sourceRows, targetRows, kernels) : null;
        double[] meanS = known?.Mean ?? reverse?.TargetMean ?? NormalisedMean(sourceRows);
        double[] meanT = self ? meanS : reverse?.SourceMean ?? NormalisedMean(targetRows);
        Matrix<double>? gram = known?.Gram ?? (withGram ? new Matrix<double>(ds, ds) : null);
        Matrix<double>? cross = reverse?.Cross.Transpose();
        bool accumulateGram = withGram && known is null;
        bool accumulateCross = cross is null && !self;
        if (accumulateCross)
        {
            cross = new Matrix<double>(ds, dt);
        }

        if (accumulateGram || accumulateCross)
        {
            Accumulate(sourceRows, targetRows, meanS, meanT, accumulateCross ? cross : null, accumulateGram ? gram : null, kernels);
        }

        if (accumulateGram && shareSource)
        {
            SourceStatisticsCache.Add(sourceRows, kernels, meanS, gram!);
        }

        if (self)
        {
            return new FittingProblem(kernels, n, meanS, meanT, gram!, gram);
        }

        PairProducts? products = null;
        if (shareSource && reverse is null)
        {
            products = new PairProducts(sourceRows, targetRows, kernels, meanS, meanT, cross!);
            PairProductCache.Add(products);
        }

        return new FittingProblem(kernels, n, meanS, meanT, cross!, gram, products, reverse?.Procrustes);
    }

    /// <summary>cross += Xs^T Xt and gram += Xs^T Xs (each when given) over blocks of normalised, centred rows.</summary>
    private static void Accumulate(RowSubset sourceRows, RowSubset targetRows, double[] meanS, double[] meanT, Matrix<double>? cross, Matrix<double>? gram, IDenseKernels kernels)
    {
        int n = sourceRows.Count, ds = sourceRows.Columns, dt = targetRows.Columns;
        double[] xs = System.Buffers.ArrayPool<double>.Shared.Rent(BlockRows * ds);
        double[] xt = System.Buffers.ArrayPool<double>.Shared.Rent(cross is null ? 1 : BlockRows * dt);
        try
        {
            for (int start = 0; start < n; start += BlockRows)
            {
                int rows = Math.Min(BlockRows, n - start);
                double beta = start == 0 ? 0.0 : 1.0;
                Parallel.For(0, rows, r =>
                {
                    RowPreprocessing.NormaliseAndCentre(sourceRows.Row(start + r), meanS, xs.AsSpan(r * ds, ds));
                    if (cross is not null)
                    {
                        RowPreprocessing.NormaliseAndCentre(targetRows.Row(start + r), meanT, xt.AsSpan(r * dt, dt));
                    }
                });
                if (cross is not null)
                {
                    kernels.Gemm(true, false, ds, dt, rows, 1.0, xs.AsSpan(0, rows * ds), ds, xt.AsSpan(0, rows * dt), dt, beta, cross.MutableValues(), dt);
                }

                if (gram is not null)
                {
                    kernels.Gemm(true, false, ds, ds, rows, 1.0, xs.AsSpan(0, rows * ds), ds, xs.AsSpan(0, rows * ds), ds, beta, gram.MutableValues(), ds);
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(xs);
            System.Buffers.ArrayPool<double>.Shared.Return(xt);
        }
    }

    internal static FittingProblem FromCentred(Matrix<double> xs, Matrix<double> xt, double[] meanS, double[] meanT, IDenseKernels kernels)
    {
        var cross = new Matrix<double>(xs.Columns, xt.Columns);
        kernels.Gemm(true, false, xs.Columns, xt.Columns, xs.Rows, 1.0, xs.Values, xs.Columns, xt.Values, xt.Columns, 0.0, cross.MutableValues(), xt.Columns);
        var gram = new Matrix<double>(xs.Columns, xs.Columns);
        kernels.Gemm(true, false, xs.Columns, xs.Columns, xs.Rows, 1.0, xs.Values, xs.Columns, xs.Values, xs.Columns, 0.0, gram.MutableValues(), xs.Columns);
        return new FittingProblem(kernels, xs.Rows, meanS, meanT, cross, gram);
    }

    /// <summary>Column means of the l2-normalised rows (summed in row order, as <see cref="RowPreprocessing.ColumnMeans"/>).</summary>
    private static double[] NormalisedMean(RowSubset rows)
    {
        double[] mean = new double[rows.Columns];
        double[] row = new double[rows.Columns];
        double[] none = new double[rows.Columns];
        for (int r = 0; r < rows.Count; r++)
        {
            RowPreprocessing.NormaliseAndCentre(rows.Row(r), none, row);
            for (int c = 0; c < mean.Length; c++)
            {
                mean[c] += row[c];
            }
        }

        if (rows.Count > 0)
        {
            for (int c = 0; c < mean.Length; c++)
            {
                mean[c] /= rows.Count;
            }
        }

        return mean;
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

    /// <summary>W = U V^T from the SVD of M, unique where M is rank-deficient (<see cref="OrthogonalProcrustes"/>; the transpose of the reverse fit's W when that is known: M^T = V S U^T).</summary>
    public FittedMap Procrustes()
    {
        if (_reverseProcrustes is not null)
        {
            return Map(MapMethod.Procrustes, _reverseProcrustes.Transpose(), preservesNorm: true);
        }

        var w = new Matrix<double>(Ds, Dt, OrthogonalProcrustes.Solve(_kernels, Ds, Dt, Cross.Values));
        if (_products is not null)
        {
            _products.Procrustes = w;
        }

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
        _kernels.Gemm(false, false, Ds, Dt, r, 1.0, u, r, vt, Dt, 0.0, w.MutableValues(), Dt);
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
        _kernels.SymmetricEigen(Ds, gram.Values, values, vectors);
        double largest = values.Length == 0 ? 0 : Math.Max(0, values[^1]);
        double cutoff = Math.Max(_rows, Ds) * 2.220446049250313e-16 * largest;

        // projected = V^T M (d_s x d_t), scaled row-wise by 1/lambda (0 below the cutoff), then W = V projected.
        var projected = new Matrix<double>(Ds, Dt);
        _kernels.Gemm(true, false, Ds, Dt, Ds, 1.0, vectors, Ds, Cross.Values, Dt, 0.0, projected.MutableValues(), Dt);
        for (int i = 0; i < Ds; i++)
        {
            double scale = values[i] > cutoff ? 1.0 / values[i] : 0.0;
            Span<double> row = projected.MutableRow(i);
            for (int c = 0; c < row.Length; c++)
            {
                row[c] *= scale;
            }
        }

        var w = new Matrix<double>(Ds, Dt);
        _kernels.Gemm(false, false, Ds, Dt, Ds, 1.0, vectors, Ds, projected.Values, Dt, 0.0, w.MutableValues(), Dt);
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
        if (!_kernels.CholeskySolve(Ds, Dt, a.MutableValues(), w.MutableValues()))
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
        if (largest <= 0 || !_kernels.CholeskySolve(Ds, Dt, factor.MutableValues(), w.MutableValues()))
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

    private Matrix<double> Gram() =>
        _gram ?? throw new InvalidOperationException("This fitting problem was created without the Gram matrix; create it with withGram: true for linear and ridge maps.");

    private FittedMap Map(MapMethod method, Matrix<double> w, bool preservesNorm, double lambda = 0) => new()
    {
        Method = method,
        Lambda = lambda,
        SourceMean = (double[])SourceMean.Clone(),
        TargetMean = (double[])TargetMean.Clone(),
        Weights = w,
        PreservesNorm = preservesNorm,
    };
}
