namespace FaceCompat.Report;

/// <summary>The eight metrics of a cell, in the papers' column order.</summary>
public static class Metrics
{
    public static readonly string[] Names = ["Rank-1", "Rank-5", "Rank-10", "mAP", "AUC", "EER", "TMR@FMR=1%", "TMR@FMR=0.1%"];

    /// <summary>Machine names for CSV headers.</summary>
    public static readonly string[] Keys = ["rank1", "rank5", "rank10", "map", "auc", "eer", "tmr_fmr1", "tmr_fmr01"];

    /// <summary>True for metrics in 0..1 (mAP, AUC): printed with 4 decimals; the rest are percentages with 2.</summary>
    public static bool IsFraction(int metric) => metric is 3 or 4;

    public static double Value(StudyCell cell, int metric) => metric switch
    {
        0 => cell.Rank1,
        1 => cell.Rank5,
        2 => cell.Rank10,
        3 => cell.MeanAveragePrecision,
        4 => cell.Auc,
        5 => cell.Eer,
        6 => cell.TmrAtFmr1,
        7 => cell.TmrAtFmr01,
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };
}

/// <summary>
/// One row of the papers' table: (dataset, source, target, method) with mean and sample standard
/// deviation (n - 1) over its cells (seeds). Std is NaN for a single cell.
/// </summary>
public sealed record MetricSummary
{
    public required string Dataset { get; init; }

    public required string FitDataset { get; init; }

    public required string Source { get; init; }

    public required string Target { get; init; }

    public required string Method { get; init; }

    public required int FitIdentities { get; init; }

    /// <summary>The cells (one per seed) the row rests on.</summary>
    public required IReadOnlyList<StudyCell> Cells { get; init; }

    public required double[] Mean { get; init; }

    public required double[] Std { get; init; }

    public int Count => Cells.Count;

    public bool IsSelf => string.Equals(Source, Target, StringComparison.Ordinal);

    public bool IsCross => !string.Equals(Dataset, FitDataset, StringComparison.Ordinal);

    /// <summary>Groups cells by (fit dataset, dataset, source, target, method, fit identities), ordered ordinally.</summary>
    public static IReadOnlyList<MetricSummary> Summarise(IEnumerable<StudyCell> cells)
    {
        return cells
            .GroupBy(c => (c.FitDataset, c.Dataset, c.Source, c.Target, c.Method, c.FitIdentities))
            .OrderBy(g => g.Key.Dataset, StringComparer.Ordinal)
            .ThenBy(g => g.Key.FitDataset, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Source, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Target, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Method, StringComparer.Ordinal)
            .ThenBy(g => g.Key.FitIdentities)
            .Select(g => Build(g.Key.Dataset, g.Key.FitDataset, g.Key.Source, g.Key.Target, g.Key.Method, g.Key.FitIdentities, g.OrderBy(c => c.Seed ?? -1).ToList()))
            .ToList();
    }

    private static MetricSummary Build(string dataset, string fit, string source, string target, string method, int fitIdentities, List<StudyCell> cells)
    {
        int m = Metrics.Names.Length;
        var mean = new double[m];
        var std = new double[m];
        for (int k = 0; k < m; k++)
        {
            double[] v = cells.Select(c => Metrics.Value(c, k)).ToArray();
            mean[k] = v.Average();
            std[k] = SampleStd(v, mean[k]);
        }

        return new MetricSummary
        {
            Dataset = dataset,
            FitDataset = fit,
            Source = source,
            Target = target,
            Method = method,
            FitIdentities = fitIdentities,
            Cells = cells,
            Mean = mean,
            Std = std,
        };
    }

    /// <summary>Sample standard deviation (n - 1); NaN for fewer than two values.</summary>
    public static double SampleStd(IReadOnlyList<double> v, double mean)
    {
        if (v.Count < 2)
        {
            return double.NaN;
        }

        double ss = 0;
        foreach (double x in v)
        {
            ss += (x - mean) * (x - mean);
        }

        return Math.Sqrt(ss / (v.Count - 1));
    }
}
