namespace FaceCompat.Similarity;

/// <summary>
/// Settings of the representation-similarity measures (docs/similarity.md): the neighbourhood size of
/// mutual k-NN alignment, the number of shuffled correspondences of the permutation null and its seed.
/// </summary>
public sealed record SimilarityOptions
{
    /// <summary>The largest neighbourhood size accepted.</summary>
    public const int MaxNeighbours = 1000;

    /// <summary>The largest number of permutations accepted.</summary>
    public const int MaxPermutations = 10000;

    /// <summary>Neighbours per row of mutual k-NN alignment (Huh et al. 2024 use 10); 1..<see cref="MaxNeighbours"/>.</summary>
    public int Neighbours { get; init; } = 10;

    /// <summary>Shuffled correspondences of the null distribution (0: no null); 0..<see cref="MaxPermutations"/>.</summary>
    public int Permutations { get; init; } = 10;

    /// <summary>Seed of the SplitMix64 stream that draws the permutations.</summary>
    public ulong Seed { get; init; }

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k or the number of permutations is out of range.</exception>
    public void Validate()
    {
        if (Neighbours < 1 || Neighbours > MaxNeighbours)
        {
            throw new ArgumentOutOfRangeException(nameof(Neighbours), Neighbours, $"The neighbourhood size k must be 1 to {MaxNeighbours}.");
        }

        if (Permutations < 0 || Permutations > MaxPermutations)
        {
            throw new ArgumentOutOfRangeException(nameof(Permutations), Permutations, $"The number of permutations must be 0 to {MaxPermutations}.");
        }
    }
}
