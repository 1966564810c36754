using System.Numerics.Tensors;
using FaceCompat.Data;
using FaceCompat.LinearAlgebra;
using FaceCompat.Randomness;

namespace FaceCompat.Mapping;

/// <summary>Settings of <see cref="UnpairedAlignment"/>; the defaults are the ones docs/unpaired.md measures.</summary>
internal sealed record UnpairedOptions
{
    /// <summary>k-means anchors per space.</summary>
    public int Anchors { get; init; } = 32;

    /// <summary>Anchor matchings in the ensemble (each from fresh k-means runs); the one whose anchors agree best is kept.</summary>
    public int Trials { get; init; } = 3;

    /// <summary>k-means++ runs per space and trial; the lowest inertia is kept.</summary>
    public int Restarts { get; init; } = 4;

    /// <summary>Lloyd rounds at most.</summary>
    public int KMeansIterations { get; init; } = 25;

    /// <summary>Rounds of the relational (quadratic-assignment) matching at most, per start.</summary>
    public int MatchingIterations { get; init; } = 30;

    /// <summary>Random starting permutations of the matching besides the sorted-profile start; the best objective wins.</summary>
    public int MatchingStarts { get; init; } = 32;

    /// <summary>Rounds of the mutual-nearest-neighbour refinement at most.</summary>
    public int RefineIterations { get; init; } = 8;

    /// <summary>Rows per side (a seeded sample) in the refinement.</summary>
    public int RefineRows { get; init; } = 2000;

    /// <summary>CSLS neighbourhood size in the refinement.</summary>
    public int CslsK { get; init; } = 10;

    /// <summary>
    /// Rows per side in the Gromov-Wasserstein coupling: all of a side's rows up to this cap, else an independent
    /// seeded sample of this many (docs/unpaired.md: 1,200 rows cost about 15 s on the loaded 2-core machine, the
    /// cost grows as m^2 d per round and the Sinkhorn passes as m^2; the earlier fixed 400 made more data hurt).
    /// </summary>
    public int GwRows { get; init; } = 1200;

    /// <summary>Entropic regularisation of the Gromov-Wasserstein coupling (the scale of the cosine products, about 1).</summary>
    public double GwEpsilon { get; init; } = 0.01;

    /// <summary>Outer (linearisation) rounds of the Gromov-Wasserstein coupling.</summary>
    public int GwIterations { get; init; } = 30;

    /// <summary>Sinkhorn scaling rounds per outer round.</summary>
    public int SinkhornIterations { get; init; } = 200;

    /// <summary>Seed of every stream (k-means seeding, row samples).</summary>
    public ulong Seed { get; init; } = 0x554E5041UL;
}

/// <summary>
/// Linear maps between two embedding spaces fitted with no correspondence between their rows.
/// <para>
/// <see cref="Fit"/>, in the spirit of mini-vec2vec (arXiv 2510.02348):
/// <list type="number">
/// <item>anchors: k-means centroids of each side's centred rows (the lowest-inertia of several runs), unit length;</item>
/// <item>matching: the anchor permutation pi maximising sum_ia Cs[i,a] Ct[pi(i),pi(a)] of the anchors'
/// cosine matrices (a quadratic assignment, solved approximately): start from the Hungarian matching of
/// each anchor's sorted similarity profile and from seeded random permutations, then repeat the Hungarian
/// matching of the linearised objective G = Cs Ct[pi,:] until pi is stable; of
/// <see cref="UnpairedOptions.Trials"/> k-means trials the one whose matched anchors agree best (Pearson
/// correlation of the matched off-diagonal cosines) is kept;</item>
/// <item>pseudo-pairs: each row's relational descriptor (its cosines to the matched anchors, standardised) is
/// comparable across the spaces; mutual nearest descriptors are the pairs, and an orthogonal Procrustes map
/// on them is the initial map;</item>
/// <item>refinement: on a seeded sample of each side, mutual nearest neighbours under CSLS between the
/// mapped source rows and the target rows, Procrustes on those pairs, repeated until the pairs stop
/// changing.</item>
/// </list>
/// </para>
/// <para>
/// <see cref="FitGromovWasserstein"/>, the classic baseline: an entropic Gromov-Wasserstein coupling
/// (Peyré, Cuturi and Solomon 2016; Alvarez-Melis and Jaakkola 2018) between seeded samples of the two
/// sides' cosine matrices, started from the coupling of sorted similarity profiles, then Procrustes on the
/// coupling-weighted cross product and the same refinement.
/// </para>
/// Both results are orthogonal (they preserve norms like <see cref="MapMethod.Procrustes"/>).
/// </summary>
internal static class UnpairedAlignment
{
    /// <summary>W (d_s x d_t, row-major) from centred source rows and centred target rows, in any order and of any counts.</summary>
    public static double[] Fit(Matrix<double> source, Matrix<double> target, UnpairedOptions options, IDenseKernels kernels, int threads)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        int k = options.Anchors;
        ThrowIfTooFew(source, target, k, "fitting identities");
        (source, target) = (CanonicalOrder(source), CanonicalOrder(target));
        (Matrix<double> anchorsS, Matrix<double> anchorsT) = MatchedAnchors(source, target, k, options, kernels);
        double[] w = PseudoPairMap(source, target, anchorsS, anchorsT, kernels);
        return Refine(source, target, w, options, kernels, threads);
    }

    /// <summary>W from an entropic Gromov-Wasserstein coupling of row samples, refined like <see cref="Fit"/>.</summary>
    public static double[] FitGromovWasserstein(Matrix<double> source, Matrix<double> target, UnpairedOptions options, IDenseKernels kernels, int threads)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        ThrowIfTooFew(source, target, options.CslsK + 1, "fitting identities");
        (source, target) = (CanonicalOrder(source), CanonicalOrder(target));
        var rng = new SplitMix64(SplitMix64.Mix(options.Seed ^ 0x47574F54UL));
        Matrix<double> xs = UnitRows(Sample(source, options.GwRows, ref rng));
        Matrix<double> xt = UnitRows(Sample(target, options.GwRows, ref rng));
        double[] coupling = GromovWasserstein(Gram(xs, kernels), Gram(xt, kernels), xs.Rows, xt.Rows, options, kernels, xs, xt);

        // M = Xs^T T Xt: every sampled pair weighted by its coupling mass.
        double[] tx = new double[xs.Rows * xt.Columns];
        kernels.Gemm(false, false, xs.Rows, xt.Columns, xt.Rows, 1.0, coupling, xt.Rows, xt.Values, xt.Columns, 0.0, tx, xt.Columns);
        double[] cross = new double[xs.Columns * xt.Columns];
        kernels.Gemm(true, false, xs.Columns, xt.Columns, xs.Rows, 1.0, xs.Values, xs.Columns, tx, xt.Columns, 0.0, cross, xt.Columns);
        double[] w = OrthogonalProcrustes.Solve(kernels, source.Columns, target.Columns, cross);
        return Refine(source, target, w, options, kernels, threads);
    }

    /// <summary>
    /// The rows sorted lexicographically by value: every order of the same rows gives the same matrix, so
    /// the seeded steps (k-means++ draws, row samples) and hence the map do not depend on the input order.
    /// </summary>
    internal static Matrix<double> CanonicalOrder(Matrix<double> rows)
    {
        int[] order = Enumerable.Range(0, rows.Rows).ToArray();
        Array.Sort(order, (a, b) =>
        {
            ReadOnlySpan<double> x = rows.Row(a), y = rows.Row(b);
            for (int c = 0; c < x.Length; c++)
            {
                int cmp = x[c].CompareTo(y[c]);
                if (cmp != 0)
                {
                    return cmp;
                }
            }

            return a.CompareTo(b);
        });
        return rows.SelectRows(order);
    }

    private static void ThrowIfTooFew(Matrix<double> source, Matrix<double> target, int needed, string fix)
    {
        int fewest = Math.Min(source.Rows, target.Rows);
        if (fewest < Math.Max(needed, 3) * 2)
        {
            throw new DataFormatException(
                $"unpaired alignment needs at least {Math.Max(needed, 3) * 2} fitting rows per model (twice its {Math.Max(needed, 3)} anchors or neighbours), found {source.Rows} and {target.Rows}. fix: use more {fix} (or a smaller --test-percent).");
        }
    }

    /// <summary>The anchors of both sides, row i of one matched to row i of the other.</summary>
    internal static (Matrix<double> Source, Matrix<double> Target) MatchedAnchors(Matrix<double> source, Matrix<double> target, int k, UnpairedOptions options, IDenseKernels kernels)
    {
        double bestAgreement = double.NegativeInfinity;
        (Matrix<double>, Matrix<double>) best = default;
        for (int r = 0; r < options.Trials; r++)
        {
            ulong seed = SplitMix64.Mix(options.Seed + (ulong)(r * 1000));
            Matrix<double> a = UnitRows(KMeans.BestOf(source, k, seed, options.Restarts, options.KMeansIterations, kernels));
            Matrix<double> b = UnitRows(KMeans.BestOf(target, k, SplitMix64.Mix(seed), options.Restarts, options.KMeansIterations, kernels));
            double[] cs = Gram(a, kernels), ct = Gram(b, kernels);
            int[] pi = MatchRelations(cs, ct, k, options.MatchingIterations, options.MatchingStarts, seed, kernels);
            double agreement = Agreement(cs, ct, pi, k);
            if (agreement > bestAgreement)
            {
                bestAgreement = agreement;
                best = (a, b.SelectRows(pi));
            }
        }

        return best;
    }

    /// <summary>Pearson correlation of Cs[i,a] and Ct[pi(i),pi(a)] over the off-diagonal pairs: 1 for isometric anchor sets.</summary>
    internal static double Agreement(double[] cs, double[] ct, int[] pi, int k)
    {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        int count = 0;
        for (int i = 0; i < k; i++)
        {
            for (int a = 0; a < k; a++)
            {
                if (a == i)
                {
                    continue;
                }

                double x = cs[(i * k) + a], y = ct[(pi[i] * k) + pi[a]];
                sx += x;
                sy += y;
                sxx += x * x;
                syy += y * y;
                sxy += x * y;
                count++;
            }
        }

        double cov = sxy - (sx * sy / count), vx = sxx - (sx * sx / count), vy = syy - (sy * sy / count);
        return vx > 0 && vy > 0 ? cov / Math.Sqrt(vx * vy) : 0;
    }

    /// <summary>
    /// Procrustes on the mutual nearest pairs of relational descriptors: row x's descriptor is its cosines to
    /// the matched anchors, standardised (zero mean, unit length over the anchors).
    /// </summary>
    private static double[] PseudoPairMap(Matrix<double> source, Matrix<double> target, Matrix<double> anchorsS, Matrix<double> anchorsT, IDenseKernels kernels)
    {
        Matrix<double> ds = Descriptors(source, anchorsS, kernels), dt = Descriptors(target, anchorsT, kernels);
        double[] scores = new double[ds.Rows * dt.Rows];
        kernels.Gemm(false, true, ds.Rows, dt.Rows, ds.Columns, 1.0, ds.Values, ds.Columns, dt.Values, dt.Columns, 0.0, scores, dt.Rows);
        int[] pairs = MutualNearest(ds.Rows, dt.Rows, (i, j) => scores[(i * dt.Rows) + j]);
        return ProcrustesOnPairs(source, target, pairs, kernels);
    }

    private static Matrix<double> Descriptors(Matrix<double> rows, Matrix<double> anchors, IDenseKernels kernels)
    {
        Matrix<double> unit = UnitRows(rows);
        var d = new Matrix<double>(rows.Rows, anchors.Rows);
        kernels.Gemm(false, true, rows.Rows, anchors.Rows, rows.Columns, 1.0, unit.Values, rows.Columns, anchors.Values, anchors.Columns, 0.0, d.MutableValues(), anchors.Rows);
        for (int i = 0; i < d.Rows; i++)
        {
            Span<double> row = d.MutableRow(i);
            double mean = 0;
            foreach (double v in row)
            {
                mean += v;
            }

            mean /= row.Length;
            for (int a = 0; a < row.Length; a++)
            {
                row[a] -= mean;
            }
        }

        return UnitRows(d);
    }

    /// <summary>
    /// The entropic Gromov-Wasserstein coupling (m_s x m_t, row-major, total mass 1, uniform marginals) of two
    /// cosine matrices under the inner-product loss: repeat T = Sinkhorn(exp(L / eps)) with the linearised gain
    /// L = Cs T Ct, from the coupling of sorted similarity profiles (the rows' distributions of cosines,
    /// isometry-invariant; the uniform coupling is a fixed point for centred rows, Cs 1 = 0).
    /// With the rows <paramref name="xs"/>, <paramref name="xt"/> whose Gram matrices cs and ct are, the gain is
    /// computed as Xs ((Xs^T (T Xt)) Xt^T) where that costs fewer products (2 m^2 d + 2 m d^2 instead of 2 m^3:
    /// the same numbers up to rounding).
    /// </summary>
    internal static double[] GromovWasserstein(double[] cs, double[] ct, int ms, int mt, UnpairedOptions options, IDenseKernels kernels, Matrix<double>? xs = null, Matrix<double>? xt = null)
    {
        const int quantiles = 32;
        double[][] ps = QuantileProfiles(cs, ms, quantiles), pt = QuantileProfiles(ct, mt, quantiles);
        double[] gain = new double[ms * mt];
        for (int i = 0; i < ms; i++)
        {
            for (int j = 0; j < mt; j++)
            {
                double s = 0;
                for (int a = 0; a < ps[i].Length; a++)
                {
                    double t = ps[i][a] - pt[j][a];
                    s += t * t;
                }

                gain[(i * mt) + j] = -s / ps[i].Length;
            }
        }

        double scale = 0;
        foreach (double g in gain)
        {
            scale = Math.Max(scale, -g);
        }

        if (scale > 0)
        {
            for (int i = 0; i < gain.Length; i++)
            {
                gain[i] /= scale; // the profile gain in [-1, 0], the scale of the cosine gains
            }
        }

        double[] coupling = Sinkhorn(gain, ms, mt, options.GwEpsilon, options.SinkhornIterations);
        (Matrix<double>, Matrix<double>)? factors = null;
        if (xs is not null && xt is not null && (2.0 * ms * mt * xt.Columns) + (2.0 * ms * xs.Columns * xt.Columns) < (1.0 * ms * mt * (ms + mt)))
        {
            factors = (xs, xt);
        }

        double[] half = factors is null ? new double[ms * mt] : [];
        double[] tx = factors is null ? [] : new double[ms * xt!.Columns];
        double[] small = factors is null ? [] : new double[xs!.Columns * xt!.Columns];
        for (int it = 0; it < options.GwIterations; it++)
        {
            // L = Cs T Ct, divided by its largest magnitude so that eps is relative to the gains' range.
            if (factors is (Matrix<double> fs, Matrix<double> ft))
            {
                int ds = fs.Columns, dt = ft.Columns;
                kernels.Gemm(false, false, ms, dt, mt, 1.0, coupling, mt, ft.Values, dt, 0.0, tx, dt);
                kernels.Gemm(true, false, ds, dt, ms, 1.0, fs.Values, ds, tx, dt, 0.0, small, dt);
                kernels.Gemm(false, false, ms, dt, ds, 1.0, fs.Values, ds, small, dt, 0.0, tx, dt);
                kernels.Gemm(false, true, ms, mt, dt, 1.0, tx, dt, ft.Values, dt, 0.0, gain, mt);
            }
            else
            {
                kernels.Gemm(false, false, ms, mt, ms, 1.0, cs, ms, coupling, mt, 0.0, half, mt);
                kernels.Gemm(false, false, ms, mt, mt, 1.0, half, mt, ct, mt, 0.0, gain, mt);
            }

            double largest = 0;
            foreach (double g in gain)
            {
                largest = Math.Max(largest, Math.Abs(g));
            }

            if (largest > 0)
            {
                for (int i = 0; i < gain.Length; i++)
                {
                    gain[i] /= largest;
                }
            }

            coupling = Sinkhorn(gain, ms, mt, options.GwEpsilon, options.SinkhornIterations);
        }

        return coupling;
    }

    /// <summary>The coupling with uniform marginals (1/ms, 1/mt) of exp(gain / eps), by Sinkhorn scaling; each row's kernel is shifted by its maximum (absorbed by the scaling).</summary>
    internal static double[] Sinkhorn(double[] gain, int ms, int mt, double epsilon, int iterations)
    {
        double[] kernel = new double[ms * mt];
        for (int i = 0; i < ms; i++)
        {
            ReadOnlySpan<double> g = gain.AsSpan(i * mt, mt);
            Span<double> k = kernel.AsSpan(i * mt, mt);
            TensorPrimitives.Subtract(g, TensorPrimitives.Max(g), k);
            TensorPrimitives.Divide(k, epsilon, k);
            TensorPrimitives.Exp(k, k);
        }

        double[] u = new double[ms], v = new double[mt], column = new double[mt];
        Array.Fill(v, 1.0);
        for (int it = 0; it < iterations; it++)
        {
            // One pass over the kernel (memory-bound for large samples): row i's scaling u_i from v, then its
            // share of the column sums K^T u while the row is in cache (accumulated in row order).
            Array.Clear(column);
            for (int i = 0; i < ms; i++)
            {
                var row = new ReadOnlySpan<double>(kernel, i * mt, mt);
                double s = TensorPrimitives.Dot(row, v);
                u[i] = s > 0 ? 1.0 / (ms * s) : 0;
                TensorPrimitives.MultiplyAdd(row, u[i], column, column);
            }

            for (int j = 0; j < mt; j++)
            {
                v[j] = column[j] > 0 ? 1.0 / (mt * column[j]) : 0;
            }
        }

        for (int i = 0; i < ms; i++)
        {
            Span<double> row = kernel.AsSpan(i * mt, mt);
            TensorPrimitives.Multiply(row, v, row);
            TensorPrimitives.Multiply(row, u[i], row);
        }

        return kernel;
    }

    /// <summary>
    /// pi (source anchor i -> target anchor pi[i]) for the anchors' cosine matrices <paramref name="cs"/>, <paramref name="ct"/>:
    /// the best (highest objective, first on ties) of the local searches from the sorted-profile start and
    /// <paramref name="starts"/> seeded random permutations.
    /// </summary>
    internal static int[] MatchRelations(double[] cs, double[] ct, int k, int iterations, int starts, ulong seed, IDenseKernels kernels)
    {
        // First start: each anchor's similarities to the others, sorted, compared across spaces.
        double[][] ps = Profiles(cs, k), pt = Profiles(ct, k);
        double[] cost = new double[k * k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                double s = 0;
                for (int a = 0; a < k - 1; a++)
                {
                    double t = ps[i][a] - pt[j][a];
                    s += t * t;
                }

                cost[(i * k) + j] = s;
            }
        }

        int[] best = LocalSearch(cs, ct, k, LinearAssignment.Minimise(cost, k), iterations, kernels);
        double bestObjective = Objective(cs, ct, best, k);
        var rng = new SplitMix64(seed ^ 0x51415053UL);
        for (int start = 0; start < starts; start++)
        {
            int[] pi = Enumerable.Range(0, k).ToArray();
            for (int i = k - 1; i > 0; i--)
            {
                int j = (int)rng.NextBelow((ulong)(i + 1));
                (pi[i], pi[j]) = (pi[j], pi[i]);
            }

            pi = LocalSearch(cs, ct, k, pi, iterations, kernels);
            double objective = Objective(cs, ct, pi, k);
            if (objective > bestObjective)
            {
                (best, bestObjective) = (pi, objective);
            }
        }

        return best;
    }

    /// <summary>Repeats the Hungarian matching of the linearised objective from <paramref name="pi"/> until it is stable.</summary>
    private static int[] LocalSearch(double[] cs, double[] ct, int k, int[] pi, int iterations, IDenseKernels kernels)
    {
        double[] cost = new double[k * k];
        double[] permuted = new double[k * k];
        double[] gain = new double[k * k];
        for (int it = 0; it < iterations; it++)
        {
            // G[i, j] = sum_a Cs[i, a] Ct[pi(a), j]: how well target anchor j fits source anchor i given pi elsewhere.
            for (int a = 0; a < k; a++)
            {
                ct.AsSpan(pi[a] * k, k).CopyTo(permuted.AsSpan(a * k, k));
            }

            kernels.Gemm(false, false, k, k, k, 1.0, cs, k, permuted, k, 0.0, gain, k);
            for (int i = 0; i < gain.Length; i++)
            {
                cost[i] = -gain[i];
            }

            int[] next = LinearAssignment.Minimise(cost, k);
            if (next.AsSpan().SequenceEqual(pi))
            {
                break;
            }

            pi = next;
        }

        return pi;
    }

    /// <summary>Mutual nearest neighbours under CSLS on seeded samples, Procrustes on them, until the pairs repeat.</summary>
    private static double[] Refine(Matrix<double> source, Matrix<double> target, double[] w, UnpairedOptions options, IDenseKernels kernels, int threads)
    {
        var rng = new SplitMix64(SplitMix64.Mix(options.Seed ^ 0x5246494EUL));
        Matrix<double> xs = Sample(source, options.RefineRows, ref rng);
        Matrix<double> xt = Sample(target, options.RefineRows, ref rng);
        Matrix<float> gallery = UnitRows(xt).ToSingle();
        int k = Math.Min(options.CslsK, Math.Min(xs.Rows, xt.Rows));
        int ds = source.Columns, dt = target.Columns;
        int[]? previous = null;
        double[] mapped = new double[xs.Rows * dt];
        float[] scores = new float[xs.Rows * xt.Rows];
        for (int it = 0; it < options.RefineIterations; it++)
        {
            kernels.Gemm(false, false, xs.Rows, dt, ds, 1.0, xs.Values, ds, w, dt, 0.0, mapped, dt);
            Matrix<float> probes = UnitRows(new Matrix<double>(xs.Rows, dt, mapped)).ToSingle();
            kernels.Gemm(false, true, probes.Rows, gallery.Rows, dt, 1f, probes.Values, dt, gallery.Values, dt, 0f, scores, gallery.Rows);
            (double[] rT, double[] rS) = MeanTopK(scores, probes.Rows, gallery.Rows, k, threads);
            int[] pairs = MutualNearest(probes.Rows, gallery.Rows, (i, j) => (2.0 * scores[(i * gallery.Rows) + j]) - rT[i] - rS[j]);
            if (previous is not null && pairs.AsSpan().SequenceEqual(previous))
            {
                break;
            }

            previous = pairs;
            w = ProcrustesOnPairs(xs, xt, pairs, kernels);
        }

        return w;
    }

    /// <summary>W = Procrustes on sum_i x_i^T y_pairs[i] over the rows with a partner (pairs[i] &gt;= 0).</summary>
    private static double[] ProcrustesOnPairs(Matrix<double> xs, Matrix<double> xt, int[] pairs, IDenseKernels kernels)
    {
        int[] from = Enumerable.Range(0, pairs.Length).Where(i => pairs[i] >= 0).ToArray();
        int[] to = from.Select(i => pairs[i]).ToArray();
        return OrthogonalProcrustes.Solve(kernels, xs.Columns, xt.Columns, CrossProduct(xs.SelectRows(from), xt.SelectRows(to), kernels));
    }

    /// <summary>
    /// The CSLS neighbourhood means (Conneau et al. 2018) of a dense rows x columns score matrix: r_T, each
    /// row's mean of its k highest scores, and r_S, each column's. CSLS(i, j) = 2 s_ij - r_T(i) - r_S(j).
    /// Ties do not change a mean. Each row and column is independent, so the result does not depend on
    /// <paramref name="threads"/>. (Evaluation's streaming GalleryNeighbourhoods is a layer above Mapping;
    /// the refinement's matrices are small, at most 2,000 x 2,000.)
    /// </summary>
    private static (double[] Rows, double[] Columns) MeanTopK(float[] scores, int rows, int columns, int k, int threads)
    {
        var rowMeans = new double[rows];
        var columnMeans = new double[columns];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        Parallel.For(0, rows, parallel, () => new float[columns], (i, _, buffer) =>
        {
            scores.AsSpan(i * columns, columns).CopyTo(buffer);
            rowMeans[i] = MeanOfLargest(buffer, k);
            return buffer;
        }, _ => { });
        Parallel.For(0, columns, parallel, () => new float[rows], (j, _, buffer) =>
        {
            for (int i = 0; i < rows; i++)
            {
                buffer[i] = scores[(i * columns) + j];
            }

            columnMeans[j] = MeanOfLargest(buffer, k);
            return buffer;
        }, _ => { });
        return (rowMeans, columnMeans);
    }

    /// <summary>The mean of the k largest values (sorts <paramref name="values"/> in place; summed from the largest down).</summary>
    private static double MeanOfLargest(Span<float> values, int k)
    {
        values.Sort();
        double sum = 0;
        for (int t = values.Length - 1; t >= values.Length - k; t--)
        {
            sum += values[t];
        }

        return sum / k;
    }

    /// <summary>For each row, its column partner when the two are each other's best by <paramref name="score"/> (first index on ties), else -1.</summary>
    private static int[] MutualNearest(int rows, int columns, Func<int, int, double> score)
    {
        int[] rowBest = new int[rows];
        int[] columnBest = new int[columns];
        double[] columnValue = new double[columns];
        Array.Fill(columnValue, double.NegativeInfinity);
        for (int i = 0; i < rows; i++)
        {
            double best = double.NegativeInfinity;
            for (int j = 0; j < columns; j++)
            {
                double c = score(i, j);
                if (c > best)
                {
                    best = c;
                    rowBest[i] = j;
                }

                if (c > columnValue[j])
                {
                    columnValue[j] = c;
                    columnBest[j] = i;
                }
            }
        }

        int[] pairs = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            pairs[i] = columnBest[rowBest[i]] == i ? rowBest[i] : -1;
        }

        return pairs;
    }

    private static Matrix<double> Sample(Matrix<double> rows, int count, ref SplitMix64 rng)
    {
        if (rows.Rows <= count)
        {
            return rows;
        }

        // Partial Fisher-Yates: the first `count` of a seeded permutation, kept in row order.
        int[] order = Enumerable.Range(0, rows.Rows).ToArray();
        for (int i = 0; i < count; i++)
        {
            int j = i + (int)rng.NextBelow((ulong)(rows.Rows - i));
            (order[i], order[j]) = (order[j], order[i]);
        }

        int[] chosen = order[..count];
        Array.Sort(chosen);
        return rows.SelectRows(chosen);
    }

    private static double Objective(double[] cs, double[] ct, int[] pi, int k)
    {
        double s = 0;
        for (int i = 0; i < k; i++)
        {
            for (int a = 0; a < k; a++)
            {
                s += cs[(i * k) + a] * ct[(pi[i] * k) + pi[a]];
            }
        }

        return s;
    }

    /// <summary>Each row's <paramref name="count"/> evenly spaced quantiles (linear interpolation) of its off-diagonal values.</summary>
    internal static double[][] QuantileProfiles(double[] c, int m, int count)
    {
        double[][] sorted = Profiles(c, m);
        var result = new double[m][];
        for (int i = 0; i < m; i++)
        {
            double[] p = sorted[i];
            result[i] = new double[count];
            for (int q = 0; q < count; q++)
            {
                double at = p.Length == 1 ? 0 : q * (p.Length - 1) / (double)(count - 1);
                int low = (int)Math.Floor(at);
                int high = Math.Min(low + 1, p.Length - 1);
                result[i][q] = p[low] + ((at - low) * (p[high] - p[low]));
            }
        }

        return result;
    }

    private static double[][] Profiles(double[] c, int k)
    {
        var profiles = new double[k][];
        for (int i = 0; i < k; i++)
        {
            var p = new List<double>(k - 1);
            for (int a = 0; a < k; a++)
            {
                if (a != i)
                {
                    p.Add(c[(i * k) + a]);
                }
            }

            p.Sort();
            profiles[i] = [.. p];
        }

        return profiles;
    }

    private static double[] Gram(Matrix<double> a, IDenseKernels kernels)
    {
        double[] g = new double[a.Rows * a.Rows];
        kernels.Gemm(false, true, a.Rows, a.Rows, a.Columns, 1.0, a.Values, a.Columns, a.Values, a.Columns, 0.0, g, a.Rows);
        return g;
    }

    private static double[] CrossProduct(Matrix<double> a, Matrix<double> b, IDenseKernels kernels)
    {
        double[] m = new double[a.Columns * b.Columns];
        kernels.Gemm(true, false, a.Columns, b.Columns, a.Rows, 1.0, a.Values, a.Columns, b.Values, b.Columns, 0.0, m, b.Columns);
        return m;
    }

    private static Matrix<double> UnitRows(Matrix<double> m)
    {
        var result = new Matrix<double>(m.Rows, m.Columns);
        for (int i = 0; i < m.Rows; i++)
        {
            ReadOnlySpan<double> row = m.Row(i);
            double norm = 0;
            foreach (double v in row)
            {
                norm += v * v;
            }

            double scale = norm > 0 ? 1 / Math.Sqrt(norm) : 0;
            Span<double> target = result.MutableRow(i);
            for (int j = 0; j < row.Length; j++)
            {
                target[j] = row[j] * scale;
            }
        }

        return result;
    }
}
