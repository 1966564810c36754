using FaceCompat.Data;
using FaceCompat.LinearAlgebra;
using FaceCompat.Randomness;

namespace FaceCompat.Similarity;

/// <summary>
/// Representation-similarity measures of two models' embeddings of the same N images (row i of each is
/// the same image; docs/similarity.md): linear CKA with the unbiased and the biased HSIC estimator, mutual
/// k-NN alignment and the angular Procrustes shape distance, each with a permutation null that shuffles
/// the correspondence of the rows. Memory is O(N (d_x + d_y) + d_x d_y): CKA and Procrustes use d x d
/// cross-products accumulated over row blocks, mutual k-NN scores query blocks and keeps N x k lists.
/// </summary>
public static class RepresentationSimilarity
{
    /// <summary>Measures <paramref name="x"/> against <paramref name="y"/>; <paramref name="xName"/> and <paramref name="yName"/> name them in errors.</summary>
    /// <exception cref="DataFormatException">The row counts differ, N is not above k (or below 4), a model's rows are constant, or a row has zero length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">k or the number of permutations is out of range.</exception>
    public static SimilarityResult Measure(RowSubset x, RowSubset y, SimilarityOptions options, IDenseKernels kernels, string xName = "source", string yName = "target", int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(kernels);
        options.Validate();
        int n = x.Count, k = options.Neighbours;
        if (y.Count != n)
        {
            throw new DataFormatException($"{xName} has {n} rows but {yName} has {y.Count}; similarity compares two models' embeddings of the same images, row for row.");
        }

        if (n <= k || n < 4)
        {
            throw new DataFormatException($"{xName} and {yName}: {n} rows; the measures need more rows than k = {k} neighbours (and at least 4 for the unbiased HSIC). Use more images or a smaller k.");
        }

        CentredRows cx = CentredRows.Of(x), cy = CentredRows.Of(y);
        ThrowIfConstant(cx, xName);
        ThrowIfConstant(cy, yName);
        int workers = threads > 0 ? threads : Environment.ProcessorCount;
        int[] knnX = MutualNeighbours.Lists(MutualNeighbours.UnitRows(x, xName), k, kernels, workers);
        int[] knnY = MutualNeighbours.Lists(MutualNeighbours.UnitRows(y, yName), k, kernels, workers);
        double xx = LinearCka.SquaredFrobenius(cx.CrossProduct(cx, null, kernels));
        double yy = LinearCka.SquaredFrobenius(cy.CrossProduct(cy, null, kernels));
        double unbiasedXx = LinearCka.UnbiasedHsic(xx, cx.NormProduct(cx, null), cx.Total, cx.Total, n);
        double unbiasedYy = LinearCka.UnbiasedHsic(yy, cy.NormProduct(cy, null), cy.Total, cy.Total, n);

        Values Paired(int[]? permutation, int[]? inverse)
        {
            double[] cross = cx.CrossProduct(cy, permutation, kernels);
            double xy = LinearCka.SquaredFrobenius(cross);
            return new Values(
                LinearCka.Cka(LinearCka.UnbiasedHsic(xy, cx.NormProduct(cy, permutation), cx.Total, cy.Total, n), unbiasedXx, unbiasedYy),
                LinearCka.Cka(xy, xx, yy),
                MutualNeighbours.Alignment(knnX, knnY, n, k, permutation, inverse),
                ProcrustesShape.Angle(cross, cx.Columns, cy.Columns, cx.Total, cy.Total, kernels));
        }

        Values observed = Paired(null, null);
        var nulls = new List<Values>(options.Permutations);
        var random = new SplitMix64(options.Seed);
        for (int p = 0; p < options.Permutations; p++)
        {
            int[] permutation = CorrespondenceShuffle.Next(n, ref random);
            nulls.Add(Paired(permutation, CorrespondenceShuffle.Inverse(permutation)));
        }

        return new SimilarityResult
        {
            Rows = n,
            Neighbours = k,
            Permutations = options.Permutations,
            Seed = options.Seed,
            CkaUnbiased = CalibratedValue.Against(observed.CkaUnbiased, nulls.Select(v => v.CkaUnbiased).ToArray(), higherIsMoreSimilar: true),
            CkaBiased = CalibratedValue.Against(observed.CkaBiased, nulls.Select(v => v.CkaBiased).ToArray(), higherIsMoreSimilar: true),
            MutualKnn = CalibratedValue.Against(observed.MutualKnn, nulls.Select(v => v.MutualKnn).ToArray(), higherIsMoreSimilar: true),
            ProcrustesAngle = CalibratedValue.Against(observed.ProcrustesAngle, nulls.Select(v => v.ProcrustesAngle).ToArray(), higherIsMoreSimilar: false),
        };
    }

    private static void ThrowIfConstant(CentredRows rows, string name)
    {
        double raw = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            foreach (float v in rows.Rows.Row(i))
            {
                raw += (double)v * v;
            }
        }

        if (!(rows.Total > 1e-14 * raw))
        {
            throw new DataFormatException($"{name}: the embeddings are constant over the {rows.Count} rows (no variance left after centring); CKA and the Procrustes distance are not defined. Check the extraction of that model.");
        }
    }

    private readonly record struct Values(double CkaUnbiased, double CkaBiased, double MutualKnn, double ProcrustesAngle);
}
