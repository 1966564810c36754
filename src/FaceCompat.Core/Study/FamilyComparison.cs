using FaceCompat.Evaluation;

namespace FaceCompat.Study;

/// <summary>
/// Within-family and between-family means of a study (Rubab et al.'s families comparison), the one place they are
/// computed (the <c>study</c> command prints them, the report shows them). Definitions:
/// <list type="bullet">
/// <item>Rows: intra-dataset summary rows of ordered pairs of <em>different</em> models (the own-space diagonal,
/// source == target, is left out), both models of a known family; per (dataset, source, target, method) the full-fit
/// row (else the one with the most fitting identities). Cross-dataset rows are left out.</item>
/// <item>A pair's value is its mean over seeds; a block's value (source family -> target family) is the plain mean
/// of its pairs' values, pairs where the metric is not defined left out of that metric's mean (<see cref="FamilyBlock.Defined"/>).
/// "within" pools every pair whose two models share a family, "between" every other pair.</item>
/// <item>Given only where the rows' models span at least two families.</item>
/// </list>
/// </summary>
public sealed class FamilyComparison
{
    private FamilyComparison(string? dataset, string method, IReadOnlyList<string> families, IReadOnlyList<FamilyBlock> blocks, FamilyBlock within, FamilyBlock between)
    {
        Dataset = dataset;
        Method = method;
        Families = families;
        Blocks = blocks;
        Within = within;
        Between = between;
    }

    /// <summary>The metrics of every block.</summary>
    public static IReadOnlyList<Metric> Metrics { get; } = [MetricCatalogue.Rank1, MetricCatalogue.Auc, MetricCatalogue.TmrAtFmr01];

    /// <summary>The dataset; null when the comparison pools every dataset's pairs.</summary>
    public string? Dataset { get; }

    /// <summary>The method's name (<see cref="SummaryRow.Method"/>).</summary>
    public string Method { get; }

    /// <summary>The families present, in ordinal order.</summary>
    public IReadOnlyList<string> Families { get; }

    /// <summary>Every (source family, target family) block with at least one pair: the within-family blocks in family order, then the between-family ones.</summary>
    public IReadOnlyList<FamilyBlock> Blocks { get; }

    /// <summary>Every pair of two models of the same family (<see cref="FamilyBlock.Pairs"/> may be 0: no family has two models).</summary>
    public FamilyBlock Within { get; }

    /// <summary>Every pair of models of different families.</summary>
    public FamilyBlock Between { get; }

    /// <summary>
    /// The comparisons of <paramref name="rows"/> per method (per dataset and method with <paramref name="perDataset"/>),
    /// methods in ordinal order; empty when the models of known family span fewer than two families.
    /// </summary>
    public static IReadOnlyList<FamilyComparison> Of(IEnumerable<SummaryRow> rows, IReadOnlyDictionary<string, string> families, bool perDataset)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(families);
        List<SummaryRow> pairs = rows
            .Where(r => !r.IsCross && !r.IsSelf && families.ContainsKey(r.Source) && families.ContainsKey(r.Target))
            .GroupBy(r => (r.Dataset, r.Source, r.Target, r.Method))
            .Select(g => g.OrderBy(r => r.LimitedFit).ThenByDescending(r => r.FitIdentities).First())
            .ToList();
        var result = new List<FamilyComparison>();
        foreach (var group in pairs.GroupBy(r => (Dataset: perDataset ? r.Dataset : null, r.Method)).OrderBy(g => g.Key.Dataset, StringComparer.Ordinal).ThenBy(g => g.Key.Method, StringComparer.Ordinal))
        {
            string[] present = [.. group.SelectMany(r => new[] { families[r.Source], families[r.Target] }).Distinct().Order(StringComparer.Ordinal)];
            if (present.Length < 2)
            {
                continue;
            }

            var blocks = new List<FamilyBlock>();
            foreach ((string a, string b) in present.Select(f => (f, f)).Concat(present.SelectMany(a => present.Where(b => b != a).Select(b => (a, b)))))
            {
                List<SummaryRow> members = group.Where(r => families[r.Source] == a && families[r.Target] == b).ToList();
                if (members.Count > 0)
                {
                    blocks.Add(FamilyBlock.Of(a, b, a + " -> " + b, members));
                }
            }

            FamilyBlock within = FamilyBlock.Of(null, null, "within", group.Where(r => families[r.Source] == families[r.Target]).ToList());
            FamilyBlock between = FamilyBlock.Of(null, null, "between", group.Where(r => families[r.Source] != families[r.Target]).ToList());
            result.Add(new FamilyComparison(group.Key.Dataset, group.Key.Method, present, blocks, within, between));
        }

        return result;
    }
}

/// <summary>
/// One block of a <see cref="FamilyComparison"/>: source family -> target family (both null for the pooled
/// "within" and "between" blocks), its number of ordered pairs, and per metric the mean over the pairs where it is defined.
/// </summary>
public sealed class FamilyBlock
{
    private readonly Dictionary<Metric, (double Mean, int Defined)> _values;

    private FamilyBlock(string? source, string? target, string label, int pairs, Dictionary<Metric, (double, int)> values)
    {
        SourceFamily = source;
        TargetFamily = target;
        Label = label;
        Pairs = pairs;
        _values = values;
    }

    /// <summary>The source models' family; null for the pooled blocks.</summary>
    public string? SourceFamily { get; }

    /// <summary>The target models' family; null for the pooled blocks.</summary>
    public string? TargetFamily { get; }

    /// <summary>"face -> generic", "within" or "between".</summary>
    public string Label { get; }

    /// <summary>Ordered pairs of different models in the block.</summary>
    public int Pairs { get; }

    /// <summary>The mean over the block's pairs of each pair's mean over seeds; NaN when no pair has the metric.</summary>
    public double Mean(Metric metric) => _values[metric].Mean;

    /// <summary>Pairs whose value of <paramref name="metric"/> is defined (those the mean is over).</summary>
    public int Defined(Metric metric) => _values[metric].Defined;

    internal static FamilyBlock Of(string? source, string? target, string label, List<SummaryRow> rows)
    {
        var values = new Dictionary<Metric, (double, int)>();
        foreach (Metric metric in FamilyComparison.Metrics)
        {
            double[] v = rows.Select(r => r[metric].Mean).Where(double.IsFinite).ToArray();
            values[metric] = (v.Length > 0 ? v.Average() : double.NaN, v.Length);
        }

        return new FamilyBlock(source, target, label, rows.Count, values);
    }
}
