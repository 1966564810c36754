using System.Globalization;
using FaceCompat.Mapping;
using FaceCompat.Statistics;
using FaceCompat.Study;

namespace FaceCompat.Cli;

/// <summary>A plain-text table of cells for people (stdout), with mean and sample std when several.</summary>
internal sealed class CellTable
{
    private readonly TextWriter _out;
    private readonly List<CellResult> _rows = [];

    public CellTable(TextWriter output) => _out = output;

    public void Add(CellResult result)
    {
        if (_rows.Count == 0)
        {
            _out.WriteLine($"{"seed",-6} {"source",-16} {"target",-16} {"method",-11} {"Rank-1",7} {"Rank-5",7} {"Rank-10",7} {"mAP",7} {"AUC",7} {"EER",7} {"TMR@1%",7} {"TMR@.1%",7}");
        }

        _rows.Add(result);
        WriteRow(result.Seed?.ToString(CultureInfo.InvariantCulture) ?? "cross", result.Source, result.Target, result.Method.ToName(), Values(result));
    }

    public void Finish()
    {
        if (_rows.Count < 2)
        {
            return;
        }

        double[][] values = _rows.Select(Values).ToArray();
        int k = values[0].Length;
        (double Mean, double Std)[] stats = Enumerable.Range(0, k).Select(c => SampleStatistics.MeanStd(values.Select(v => v[c]))).ToArray();
        double[] mean = stats.Select(s => s.Mean).ToArray();
        double[] std = stats.Select(s => s.Std).ToArray();
        WriteRow("mean", "", "", "", mean);
        WriteRow("std", "", "", "", std);
    }

    private static double[] Values(CellResult r) =>
    [
        r.Metrics.Rank1, r.Metrics.Rank5, r.Metrics.Rank10, r.Metrics.MeanAveragePrecision * 100, r.Metrics.Auc * 100,
        r.Metrics.Eer, r.Metrics.TmrAtFmr1, r.Metrics.TmrAtFmr01,
    ];

    private void WriteRow(string seed, string source, string target, string method, double[] v)
    {
        string cells = string.Join(' ', v.Select(x => x.ToString("F2", CultureInfo.InvariantCulture).PadLeft(7)));
        _out.WriteLine($"{seed,-6} {source,-16} {target,-16} {method,-11} {cells}");
    }
}
