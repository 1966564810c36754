using FaceCompat.Data;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;
using FaceCompat.Similarity;

namespace FaceCompat.Study;

public static partial class ProtocolRunner
{
    /// <summary>
    /// The representation similarity of two models on a dataset (docs/similarity.md): on the test rows of
    /// split <paramref name="seed"/> (held out, as a study's cells), or on every row when it is null. The
    /// permutations are seeded by the split seed (0 for all rows).
    /// </summary>
    /// <exception cref="DataFormatException">A model is missing or malformed, the split is impossible, or the rows do not allow the measures.</exception>
    public static SimilarityResult RunSimilarity(DatasetFolder data, string source, string target, int? seed, int testPercent, SimilarityOptions similarity, IDenseKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(similarity);
        Matrix<float> sourceRows = data.Embeddings(source);
        Matrix<float> targetRows = data.Embeddings(target);
        if (seed is not int s)
        {
            return RepresentationSimilarity.Measure(sourceRows, targetRows, similarity with { Seed = 0 }, kernels, source, target);
        }

        ProtocolChecks.ThrowIfAny(ProtocolChecks.Intra(data, [s], testPercent));
        IdentitySplit split = IdentitySplit.Create(data.Index, s, testPercent);
        return RepresentationSimilarity.Measure(new RowSubset(sourceRows, split.TestRows), new RowSubset(targetRows, split.TestRows), similarity with { Seed = (ulong)s }, kernels, source, target);
    }
}
