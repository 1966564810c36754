using System.Globalization;
using FaceCompat.Evaluation;
using FaceCompat.Mapping;
using FaceCompat.Study;

namespace FaceCompat.Cli;

/// <summary>
/// A plain-text table of cells for people (stdout): every metric of <see cref="MetricCatalogue.Table"/>
/// on the percent scale, and with several cells their mean and sample std (<see cref="MetricAggregate"/>).
/// </summary>
internal sealed class CellTable
{
    private readonly TextWriter _out;
    private readonly List<CellResult> _rows = [];

    public CellTable(TextWriter output) => _out = output;

    public void Add(CellResult result)
    {
        if (_rows.Count == 0)
        {
            string titles = string.Join(' ', MetricCatalogue.Table.Select(m => ShortName(m).PadLeft(7)));
            _out.WriteLine($"{"seed",-6} {"source",-16} {"target",-16} {"method",-11} {titles}");
        }

        _rows.Add(result);
        WriteRow(result.Seed?.ToString(CultureInfo.InvariantCulture) ?? "cross", result.Source, result.Target, result.Method.ToName(), MetricCatalogue.Table.Select(m => m.ValueOf(result.Metrics)));
    }

    public void Finish()
    {
        if (_rows.Count < 2)
        {
            return;
        }

        MetricAggregate[] stats = MetricCatalogue.Table.Select(m => MetricAggregate.Over(_rows.Select(r => m.ValueOf(r.Metrics)))).ToArray();
        WriteRow("mean", "", "", "", stats.Select(s => s.Mean));
        WriteRow("std", "", "", "", stats.Select(s => s.Std));
    }

    /// <summary>The column title, shortened to fit 7 characters ("TMR@1%", "TMR@.1%").</summary>
    private static string ShortName(Metric m) => m.Name.Replace("FMR=", "", StringComparison.Ordinal).Replace("0.", ".", StringComparison.Ordinal);

    private void WriteRow(string seed, string source, string target, string method, IEnumerable<double> values)
    {
        // Every column on the percent scale (mAP and AUC x 100), two decimals.
        string cells = string.Join(' ', values.Zip(MetricCatalogue.Table, (v, m) => Percent(m.ToPercent(v)).PadLeft(7)));
        _out.WriteLine($"{seed,-6} {source,-16} {target,-16} {method,-11} {cells}");
    }

    private static string Percent(double v) => double.IsFinite(v) ? v.ToString("F2", CultureInfo.InvariantCulture) : MetricCatalogue.NotDefined;
}
