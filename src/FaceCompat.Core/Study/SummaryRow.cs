using FaceCompat.Evaluation;
using FaceCompat.Mapping;

namespace FaceCompat.Study;

/// <summary>
/// One row of every summary table: the cells (runs, one per seed) of one (protocol, fit dataset,
/// dataset, source, target, method, fitting identities) and each metric's <see cref="MetricAggregate"/>
/// over them (mean, sample std; the std of one run is not defined).
/// </summary>
public sealed class SummaryRow
{
    private readonly Dictionary<Metric, MetricAggregate> _aggregates = [];

    private SummaryRow(IReadOnlyList<CellResult> cells)
    {
        Cells = cells;
        CellResult first = cells[0];
        Protocol = first.Protocol;
        Dataset = first.Dataset;
        FitDataset = first.FitDataset;
        Source = first.Source;
        Target = first.Target;
        Method = first.Method.ToName();
        FitIdentities = first.FitIdentities;
        LimitedFit = first.FitIdentityLimit is not null;
    }

    /// <summary>"intra" or "cross".</summary>
    public string Protocol { get; }

    /// <summary>The dataset evaluated on.</summary>
    public string Dataset { get; }

    /// <summary>The dataset fitted on (the evaluated one for intra rows).</summary>
    public string FitDataset { get; }

    /// <summary>The model mapped from.</summary>
    public string Source { get; }

    /// <summary>The model mapped into.</summary>
    public string Target { get; }

    /// <summary>The method's name (<see cref="MapMethods.ToName"/>).</summary>
    public string Method { get; }

    /// <summary>Identities the maps were fitted on.</summary>
    public int FitIdentities { get; }

    /// <summary>True for the training-size experiment's rows (a limit on fitting identities).</summary>
    public bool LimitedFit { get; }

    /// <summary>The runs the row rests on, in the order given.</summary>
    public IReadOnlyList<CellResult> Cells { get; }

    /// <summary>Runs (seeds) behind the row.</summary>
    public int Runs => Cells.Count;

    /// <summary>Whether source and target are the same model (own space).</summary>
    public bool IsSelf => string.Equals(Source, Target, StringComparison.Ordinal);

    /// <summary>Whether the row is from the cross-dataset protocol.</summary>
    public bool IsCross => string.Equals(Protocol, "cross", StringComparison.Ordinal);

    /// <summary>"A" for intra-dataset rows, "A->B" (fit on A, evaluated on B) for cross-dataset rows.</summary>
    public string DatasetLabel => IsCross ? $"{FitDataset}->{Dataset}" : Dataset;

    /// <summary>Mean and sample std of <paramref name="metric"/> over <see cref="Cells"/>.</summary>
    public MetricAggregate this[Metric metric]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(metric);
            if (!_aggregates.TryGetValue(metric, out MetricAggregate a))
            {
                a = MetricAggregate.Over(Cells.Select(c => MetricCatalogue.OpenSet.Contains(metric) ? c.OpenSet?.ValueOf(metric) ?? double.NaN : metric.ValueOf(c.Metrics)));
                _aggregates[metric] = a;
            }

            return a;
        }
    }

    /// <summary>The metric columns of a summary CSV: ",rank1_mean,rank1_std,...,tmr_fmr01_std" (<see cref="Metric.CsvKey"/>, catalogue order).</summary>
    public static string CsvMetricHeader { get; } = string.Concat(MetricCatalogue.Table.Select(m => $",{m.CsvKey}_mean,{m.CsvKey}_std"));

    /// <summary>The row's values under <see cref="CsvMetricHeader"/>, each through <paramref name="format"/> (which writes a value that is not defined as an empty field).</summary>
    public string CsvMetricValues(Func<double, string> format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return string.Concat(MetricCatalogue.Table.Select(m => "," + format(this[m].Mean) + "," + format(this[m].Std)));
    }

    /// <summary>The row of <paramref name="runs"/> (all of one group).</summary>
    public static SummaryRow From(IReadOnlyList<CellResult> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs.Count > 0 ? new SummaryRow(runs) : throw new ArgumentException("A summary row needs at least one run.", nameof(runs));
    }

    /// <summary>
    /// Groups cells into rows by (protocol, fit dataset, dataset, source, target, method, fitting
    /// limit, fitting identities), keeping the cells' order within a row and the rows' order of first appearance.
    /// </summary>
    public static IReadOnlyList<SummaryRow> Group(IEnumerable<CellResult> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        return cells
            .GroupBy(c => (c.Protocol, c.FitDataset, c.Dataset, c.Source, c.Target, c.Method, c.FitIdentityLimit, c.FitIdentities))
            .Select(g => new SummaryRow(g.ToList()))
            .ToList();
    }
}
