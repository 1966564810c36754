using FaceCompat.Data;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;

namespace FaceCompat.Evaluation;

/// <summary>How the source side of an LFW pair reaches the target space.</summary>
public enum LfwMapping
{
    /// <summary>Plain cosine of the raw embeddings (a model's own accuracy: source = target).</summary>
    Unmapped,

    /// <summary>Ridge map fitted on the matched pairs of the other folds (PROTOCOL.md, LFW 10-fold).</summary>
    Ridge,

    /// <summary>Control: centring and zero-padding fitted like the ridge map, but W = I (near chance across models).</summary>
    Identity,
}

/// <summary>Accuracy (%) on each held-out fold, with mean and sample standard deviation.</summary>
public sealed record LfwTenFoldResult(string Source, string Target, LfwMapping Mapping, IReadOnlyList<double> FoldAccuracies)
{
    /// <summary>Mean accuracy over the folds (%).</summary>
    public double Mean => FoldAccuracies.Average();

    /// <summary>Sample standard deviation of the fold accuracies (%).</summary>
    public double StandardDeviation => Statistics.SampleStatistics.MeanStd(FoldAccuracies).Std;
}

/// <summary>
/// The LFW 10-fold protocol of McNeely-White et al. (PROTOCOL.md): for each fold, the map is fitted
/// on the matched pairs of the other folds (source embedding of the first image, target embedding of
/// the second), the cosine threshold maximising accuracy on the other folds is chosen, and accuracy
/// is measured on the held-out fold.
/// </summary>
public static partial class LfwTenFold
{
    /// <summary>Runs the 10-fold protocol for one ordered pair: per fold, fit on the other nine folds' pairs, choose the threshold there, and score the fold.</summary>
    public static LfwTenFoldResult Run(DatasetFolder data, LfwPairs pairs, string source, string target, LfwMapping mapping, double ridgeLambda, IDenseKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(pairs);
        Matrix<float> sourceAll = data.Embeddings(source);
        Matrix<float> targetAll = data.Embeddings(target);
        int[] firstRows = pairs.Pairs.Select(p => p.First).ToArray();
        int[] secondRows = pairs.Pairs.Select(p => p.Second).ToArray();
        Matrix<float> sourceSide = sourceAll.SelectRows(firstRows);
        Matrix<float> targetSide = targetAll.SelectRows(secondRows);
        bool[] matched = pairs.Pairs.Select(p => p.Matched).ToArray();
        int[] folds = pairs.Pairs.Select(p => p.Fold).ToArray();

        var accuracies = new double[pairs.FoldCount];
        for (int fold = 0; fold < pairs.FoldCount; fold++)
        {
            double[] scores = mapping == LfwMapping.Unmapped
                ? RawCosines(sourceSide, targetSide, source, target)
                : MappedCosines(sourceSide, targetSide, matched, folds, fold, mapping, ridgeLambda, kernels);
            int[] train = Enumerable.Range(0, scores.Length).Where(i => folds[i] != fold).ToArray();
            int[] test = Enumerable.Range(0, scores.Length).Where(i => folds[i] == fold).ToArray();
            double threshold = BestThreshold(train.Select(i => scores[i]).ToArray(), train.Select(i => matched[i]).ToArray());
            accuracies[fold] = 100.0 * test.Count(i => (scores[i] >= threshold) == matched[i]) / test.Length;
        }

        return new LfwTenFoldResult(source, target, mapping, accuracies);
    }

    private static double[] MappedCosines(Matrix<float> sourceSide, Matrix<float> targetSide, bool[] matched, int[] folds, int fold, LfwMapping mapping, double lambda, IDenseKernels kernels)
    {
        int[] fitRows = Enumerable.Range(0, matched.Length).Where(i => matched[i] && folds[i] != fold).ToArray();
        MapMethod method = mapping == LfwMapping.Ridge ? MapMethod.Ridge : MapMethod.Baseline;
        FittedMap map = MapFitter.Fit(sourceSide.SelectRows(fitRows), targetSide.SelectRows(fitRows), method, lambda, kernels);
        Matrix<float> queries = map.MapSource(sourceSide, kernels);
        Matrix<float> gallery = map.PrepareTarget(targetSide);
        var scores = new double[matched.Length];
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = Dot(queries.Row(i), gallery.Row(i));
        }

        return scores;
    }

    private static double[] RawCosines(Matrix<float> sourceSide, Matrix<float> targetSide, string source, string target)
    {
        if (sourceSide.Columns != targetSide.Columns)
        {
            throw new ArgumentException($"Unmapped scoring needs equal dimensions; {source} has {sourceSide.Columns}, {target} has {targetSide.Columns}.");
        }

        var scores = new double[sourceSide.Rows];
        for (int i = 0; i < scores.Length; i++)
        {
            Span<float> a = sourceSide.MutableRow(i);
            Span<float> b = targetSide.MutableRow(i);
            scores[i] = Dot(a, b) / Math.Sqrt(Dot(a, a) * Dot(b, b));
        }

        return scores;
    }

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0.0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }

        return sum;
    }
}
