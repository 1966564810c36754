using FaceCompat.Evaluation;
using FaceCompat.Statistics;

namespace FaceCompat.Study;

/// <summary>The metrics a summary reports, in the papers' column order, by their protocol names.</summary>
public static class MetricColumns
{
    public static readonly string[] Names = ["rank1", "rank5", "rank10", "mAP", "AUC", "EER", "TMR@FMR=1%", "TMR@FMR=0.1%"];

    public static double[] Values(CellMetrics m) =>
        [m.Rank1, m.Rank5, m.Rank10, m.MeanAveragePrecision, m.Auc, m.Eer, m.TmrAtFmr1, m.TmrAtFmr01];
}

/// <summary>Mean and sample standard deviation (n - 1; 0 for one run) of each metric over the runs of one group.</summary>
public sealed record SummaryRow(
    string Protocol,
    string Dataset,
    string FitDataset,
    string Source,
    string Target,
    string Method,
    int FitIdentities,
    bool LimitedFit,
    int Runs,
    double[] Mean,
    double[] Std)
{
    /// <summary>"A" for intra-dataset rows, "A->B" (fit on A, evaluated on B) for cross-dataset rows.</summary>
    public string DatasetLabel => Protocol == "cross" ? $"{FitDataset}->{Dataset}" : Dataset;

    public static SummaryRow From(IReadOnlyList<CellResult> runs, bool limitedFit)
    {
        CellResult first = runs[0];
        double[][] values = runs.Select(r => MetricColumns.Values(r.Metrics)).ToArray();
        int k = MetricColumns.Names.Length;
        double[] mean = new double[k];
        double[] std = new double[k];
        for (int c = 0; c < k; c++)
        {
            (mean[c], std[c]) = SampleStatistics.MeanStd(values.Select(v => v[c]));
        }

        return new SummaryRow(first.Protocol, first.Dataset, first.FitDataset, first.Source, first.Target, FaceCompat.Mapping.MapMethods.ToName(first.Method), first.FitIdentities, limitedFit, runs.Count, mean, std);
    }
}
