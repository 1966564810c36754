using FaceCompat.Evaluation;

namespace FaceCompat.Similarity;

/// <summary>
/// The representation-similarity measures of two models' embeddings of the same images (docs/similarity.md),
/// each with its permutation null. Names, keys and directions: <see cref="MetricCatalogue.Similarity"/>.
/// </summary>
public sealed record SimilarityResult
{
    /// <summary>Rows (images) compared.</summary>
    public required int Rows { get; init; }

    /// <summary>Neighbours per row of mutual k-NN.</summary>
    public required int Neighbours { get; init; }

    /// <summary>Shuffled correspondences behind each null.</summary>
    public required int Permutations { get; init; }

    /// <summary>The permutations' seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Linear CKA with the unbiased HSIC estimator (Song et al. 2012).</summary>
    public required CalibratedValue CkaUnbiased { get; init; }

    /// <summary>Linear CKA with the biased HSIC estimator (Kornblith et al. 2019).</summary>
    public required CalibratedValue CkaBiased { get; init; }

    /// <summary>Mutual k-NN alignment (Huh et al. 2024).</summary>
    public required CalibratedValue MutualKnn { get; init; }

    /// <summary>Angular Procrustes shape distance in radians (Williams et al. 2021).</summary>
    public required CalibratedValue ProcrustesAngle { get; init; }

    /// <summary>The value of one of <see cref="MetricCatalogue.Similarity"/>.</summary>
    /// <exception cref="ArgumentException">The metric is not a similarity measure.</exception>
    public CalibratedValue this[Metric measure]
    {
        get
        {
            if (ReferenceEquals(measure, MetricCatalogue.CkaUnbiased))
            {
                return CkaUnbiased;
            }

            if (ReferenceEquals(measure, MetricCatalogue.CkaBiased))
            {
                return CkaBiased;
            }

            if (ReferenceEquals(measure, MetricCatalogue.MutualKnn))
            {
                return MutualKnn;
            }

            return ReferenceEquals(measure, MetricCatalogue.ProcrustesAngle)
                ? ProcrustesAngle
                : throw new ArgumentException($"{measure} is not a representation-similarity measure.", nameof(measure));
        }
    }
}
