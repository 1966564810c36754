using System.Globalization;

namespace FaceCompat.Evaluation;

/// <summary>Whether a metric is a percentage (0..100) or a fraction (0..1), as PROTOCOL.md defines it.</summary>
public enum MetricScale
{
    /// <summary>0..100, printed with 2 decimals.</summary>
    Percent,

    /// <summary>0..1, printed with 4 decimals (D_sys with 3).</summary>
    Fraction,

    /// <summary>An angle in radians (the Procrustes shape distance, 0..pi/2), printed with 4 decimals.</summary>
    Radians,

    /// <summary>A dimensionless statistic with no fixed range (the k-occurrence skewness), printed with 3 decimals.</summary>
    Number,
}

/// <summary>Which way a metric improves.</summary>
public enum MetricDirection
{
    /// <summary>Larger values are better (Rank-1, AUC, TMR).</summary>
    HigherIsBetter,
    /// <summary>Smaller values are better (EER, distances).</summary>
    LowerIsBetter,
}

/// <summary>
/// One metric of the catalogue (<see cref="MetricCatalogue"/>): what it is called in tables, its
/// key in JSON (the reference's key) and in CSV, its scale, which way is better, and how it is
/// printed. Over seeds every metric aggregates the same way (<see cref="MetricAggregate"/>).
/// </summary>
public sealed class Metric
{
    private readonly Func<CellMetrics, double>? _value;

    internal Metric(string name, string jsonKey, string csvKey, MetricScale scale, MetricDirection direction, int decimals, string definition, Func<CellMetrics, double>? value, int? cmcRank = null)
    {
        Name = name;
        JsonKey = jsonKey;
        CsvKey = csvKey;
        Scale = scale;
        Direction = direction;
        Decimals = decimals;
        Definition = definition;
        _value = value;
        CmcRank = cmcRank;
    }

    /// <summary>The column title of Markdown, LaTeX, HTML and terminal tables ("Rank-1", "TMR@FMR=1%").</summary>
    public string Name { get; }

    /// <summary>The key in cell JSON, <c>evaluate --json</c> and summary.json (the reference's key: "rank1", "mAP", "TMR@FMR=1%").</summary>
    public string JsonKey { get; }

    /// <summary>The column key in every CSV ("rank1", "map", "tmr_fmr1"; summaries append "_mean" and "_std").</summary>
    public string CsvKey { get; }

    /// <summary>How the value is expressed: percent, fraction or radians.</summary>
    public MetricScale Scale { get; }

    /// <summary>"%" for percentages, "rad" for angles, "" for fractions.</summary>
    public string Unit => Scale switch
    {
        MetricScale.Percent => "%",
        MetricScale.Radians => "rad",
        _ => "",
    };

    /// <summary>Whether larger or smaller values are better.</summary>
    public MetricDirection Direction { get; }

    /// <summary>Decimals in text tables (Markdown, LaTeX, HTML, terminal).</summary>
    public int Decimals { get; }

    /// <summary>One line: what the number is (PROTOCOL.md).</summary>
    public string Definition { get; }

    /// <summary>For Rank-k metrics, k: the value is the CMC curve at rank k.</summary>
    public int? CmcRank { get; }

    /// <summary>The metric's value in a cell's metrics (NaN when not defined).</summary>
    /// <exception cref="InvalidOperationException">The metric is not one of a cell's metrics (D_sys lives in the cell's linkability).</exception>
    public double ValueOf(CellMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return _value is null ? throw new InvalidOperationException($"{Name} is not one of a cell's identification/verification metrics.") : _value(metrics);
    }

    /// <summary>The Rank-k rate read off a CMC curve (<c>cmc[k - 1]</c>); NaN when the curve is shorter than k.</summary>
    public double FromCmc(ReadOnlySpan<double> cmc)
    {
        int k = CmcRank ?? throw new InvalidOperationException($"{Name} is not a point of the CMC curve.");
        return cmc.Length >= k ? cmc[k - 1] : double.NaN;
    }

    /// <summary>The value on the percent scale (fractions x 100), for tables that print every metric as a percentage.</summary>
    public double ToPercent(double value) => Scale == MetricScale.Fraction ? value * 100 : value;

    /// <summary>The value for text tables: <see cref="Decimals"/> decimals, culture-invariant; <see cref="MetricCatalogue.NotDefined"/> when not finite.</summary>
    public string Format(double value) =>
        double.IsFinite(value) ? value.ToString("F" + Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : MetricCatalogue.NotDefined;

    /// <summary>"mean ± std" with <paramref name="plusMinus"/> between; the mean alone when the std is not defined (one run).</summary>
    public string Format(MetricAggregate aggregate, string plusMinus = " ± ") =>
        double.IsFinite(aggregate.Std) ? Format(aggregate.Mean) + plusMinus + Format(aggregate.Std) : Format(aggregate.Mean);

    /// <summary>The display name.</summary>
    public override string ToString() => Name;
}
