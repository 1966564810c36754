using FaceCompat.Data;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Evaluation;

/// <summary>
/// The k-nearest-neighbour statistics of one cell's score matrix S = probes x gallery^T (cosines of
/// unit rows), collected in one streaming pass over <see cref="ScoreBlocks"/> (memory O(threads x
/// gallery x k), never the full matrix): each probe's mean top-k score r_T, each gallery template's
/// mean top-k score r_S over all probes, and the k-occurrence N_k of each gallery template
/// (how many probes have it among their k nearest). These are what CSLS scoring (Conneau et al.
/// 2018) and the hubness statistic (Radovanović et al. 2010) need; see docs/metrics.md.
/// </summary>
/// <remarks>
/// Neighbourhoods are taken over the whole sets: r_T(x) over every gallery template, r_S(y) over
/// every probe, including the pair of the same image. Ties: the means do not depend on them; for
/// N_k a probe's k nearest are the k highest scores, equal scores taken in gallery order (lower
/// column first). k must lie in 1..min(probes, gallery): a larger k is an error, not clamped.
/// Scores must be finite (evaluation rejects non-finite embeddings before this).
/// </remarks>
public sealed class GalleryNeighbourhoods
{
    private GalleryNeighbourhoods(int k, double[] probeMeans, double[] galleryMeans, int[] kOccurrence)
    {
        K = k;
        ProbeMeanTopK = probeMeans;
        GalleryMeanTopK = galleryMeans;
        KOccurrence = kOccurrence;
    }

    /// <summary>The neighbourhood size.</summary>
    public int K { get; }

    /// <summary>r_T(x): mean of probe x's k highest scores over the gallery.</summary>
    public IReadOnlyList<double> ProbeMeanTopK { get; }

    /// <summary>r_S(y): mean of gallery template y's k highest scores over the probes.</summary>
    public IReadOnlyList<double> GalleryMeanTopK { get; }

    /// <summary>N_k(y): the number of probes having gallery template y among their k nearest.</summary>
    public IReadOnlyList<int> KOccurrence { get; }

    /// <summary>
    /// Skewness of the k-occurrence distribution over the gallery, with population moments:
    /// m3 / m2^1.5, m_r = mean((N_k - mean N_k)^r). NaN when every N_k is equal (m2 = 0).
    /// Mean N_k is always k (each probe names k templates), so skewness &gt; 0 means hubs.
    /// </summary>
    public double KOccurrenceSkewness()
    {
        double mean = 0;
        foreach (int c in KOccurrence)
        {
            mean += c;
        }

        mean /= KOccurrence.Count;
        double m2 = 0;
        double m3 = 0;
        foreach (int c in KOccurrence)
        {
            double d = c - mean;
            m2 += d * d;
            m3 += d * d * d;
        }

        m2 /= KOccurrence.Count;
        m3 /= KOccurrence.Count;
        return m2 == 0 ? double.NaN : m3 / Math.Pow(m2, 1.5);
    }

    /// <summary>CSLS(x, y) = 2 cos(x, y) - r_T(x) - r_S(y) for probe row x and gallery template y.</summary>
    public double Csls(int probe, int template, double cosine) => (2 * cosine) - ProbeMeanTopK[probe] - GalleryMeanTopK[template];

    /// <summary>Collects the statistics in one pass over score blocks.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k outside 1..min(probes, gallery).</exception>
    public static GalleryNeighbourhoods Collect(Matrix<float> probes, Matrix<float> gallery, int k, IDenseKernels kernels, int threads)
    {
        ArgumentNullException.ThrowIfNull(probes);
        ArgumentNullException.ThrowIfNull(gallery);
        ArgumentNullException.ThrowIfNull(kernels);
        if (probes.Columns != gallery.Columns)
        {
            throw new DataFormatException($"probes have {probes.Columns} dimensions but the gallery has {gallery.Columns}; map the probes into the gallery's space first.");
        }

        int limit = Math.Min(probes.Rows, gallery.Rows);
        if (k < 1 || k > limit)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"the neighbourhood size k must be between 1 and {limit} (the smaller of {probes.Rows} probes and {gallery.Rows} gallery templates); choose a smaller k.");
        }

        int n = gallery.Rows;
        var probeMeans = new double[probes.Rows];
        var counts = new int[n];
        var states = new System.Collections.Concurrent.ConcurrentBag<TopK>();
        ScoreBlocks.Run(probes, gallery, upperOnly: false, kernels, Math.Max(1, threads), () => Track(states, new TopK(n, k)), (i, row, _, state) =>
        {
            state.Row.Clear();
            for (int j = 0; j < row.Length; j++)
            {
                state.Row.Offer(0, row[j], j);
                state.Columns.Offer(j, row[j], i);
            }

            probeMeans[i] = state.Row.MeanAndCount(0, counts);
        });

        TopK merged = states.First();
        foreach (TopK other in states.Skip(1))
        {
            merged.Columns.MergeFrom(other.Columns);
        }

        var galleryMeans = new double[n];
        for (int j = 0; j < n; j++)
        {
            galleryMeans[j] = merged.Columns.MeanAndCount(j, null);
        }

        return new GalleryNeighbourhoods(k, probeMeans, galleryMeans, counts);
    }

    private static TopK Track(System.Collections.Concurrent.ConcurrentBag<TopK> states, TopK state)
    {
        states.Add(state);
        return state;
    }

    private sealed class TopK(int columns, int k)
    {
        public KeptScores Row { get; } = new(1, k);

        public KeptScores Columns { get; } = new(columns, k);
    }
}
