using System.Text.Json;
using FaceCompat.Evaluation;

namespace FaceCompat.Study;

/// <summary>A cell's <c>open_set</c> object (docs/study-format.md, docs/metrics.md Open-set identification): its writer and reader.</summary>
public sealed partial class StudyFolder
{
    private const string OpenSetKey = "open_set";

    /// <summary>The open_set object's FNIR(R, T) vs FPIR curve: [target FPIR, threshold, achieved FPIR %, FNIR %] per point; absent in cells written before it existed.</summary>
    private const string FnirCurveKey = "fnir_curve";

    /// <summary>Writes <paramref name="o"/> as the cell's <c>open_set</c> object; a threshold of -infinity (FPIR 100 %) is written as null.</summary>
    public static void WriteOpenSet(Utf8JsonWriter w, OpenSetMetrics o, double seconds)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(o);
        w.WriteStartObject(OpenSetKey);
        w.WriteNumber("enrolled", o.EnrolledCount);
        w.WriteNumber("mated_searches", o.MatedSearchCount);
        w.WriteNumber("non_mated_searches", o.NonMatedSearchCount);
        w.WriteNumber("rank", o.Rank);
        w.WriteNumber("seconds", Math.Round(seconds, 4));
        foreach (Metric metric in MetricCatalogue.OpenSet)
        {
            Number(w, metric.JsonKey, o.ValueOf(metric));
        }

        w.WriteStartArray("fpir");
        foreach (FnirAtFpir p in o.AtFpir)
        {
            w.WriteStartObject();
            w.WriteNumber("target", p.TargetFpir);
            Number(w, "threshold", p.Threshold);
            Number(w, "achieved", p.AchievedFpir);
            Number(w, "fnir", p.Fnir);
            if (p.NotDefinedReason is string reason)
            {
                w.WriteString("not_defined", reason);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        NumberRows(w, "dir", o.DirCurve.Select(p => (p.Far, p.Threshold, p.FalseAlarmRate, p.Dir)));
        if (o.FnirCurve is IReadOnlyList<FnirAtFpir> fnirCurve)
        {
            NumberRows(w, FnirCurveKey, fnirCurve.Select(p => (p.TargetFpir, p.Threshold, p.AchievedFpir, p.Fnir)));
        }

        w.WriteEndObject();
    }

    /// <summary>An array named <paramref name="name"/> of four-number arrays (a non-finite number as null).</summary>
    private static void NumberRows(Utf8JsonWriter w, string name, IEnumerable<(double, double, double, double)> rows)
    {
        w.WriteStartArray(name);
        foreach ((double a, double b, double c, double d) in rows)
        {
            w.WriteStartArray();
            NumberValue(w, a);
            NumberValue(w, b);
            NumberValue(w, c);
            NumberValue(w, d);
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    private static (OpenSetMetrics Metrics, double Seconds) ReadOpenSet(JsonElement e, string path)
    {
        FnirAtFpir[] atFpir = e.GetProperty("fpir").EnumerateArray()
            .Select(p => new FnirAtFpir(
                InScale(p.GetProperty("target").GetDouble(), MetricScale.Fraction, "open_set.fpir.target", path),
                NumberOrNaN(p.GetProperty("threshold")),
                InScale(NumberOrNaN(p.GetProperty("achieved")), MetricScale.Percent, "open_set.fpir.achieved", path),
                InScale(NumberOrNaN(p.GetProperty("fnir")), MetricScale.Percent, "open_set.fpir.fnir", path),
                p.TryGetProperty("not_defined", out JsonElement r) ? r.GetString() : null))
            .ToArray();
        DirPoint[] dir = e.GetProperty("dir").EnumerateArray()
            .Select(p => new DirPoint(NumberOrNaN(p[0]), NumberOrNaN(p[1]), NumberOrNaN(p[2]), NumberOrNaN(p[3])))
            .ToArray();
        var metrics = new OpenSetMetrics(
            e.GetProperty("enrolled").GetInt32(),
            e.GetProperty("mated_searches").GetInt32(),
            e.GetProperty("non_mated_searches").GetInt32(),
            e.GetProperty("rank").GetInt32(),
            atFpir,
            InScale(NumberOrNaN(e.GetProperty(MetricCatalogue.FnirRank1.JsonKey)), MetricScale.Percent, MetricCatalogue.FnirRank1.JsonKey, path),
            InScale(NumberOrNaN(e.GetProperty(MetricCatalogue.FnirRankR.JsonKey)), MetricScale.Percent, MetricCatalogue.FnirRankR.JsonKey, path),
            dir)
        {
            FnirCurve = e.TryGetProperty(FnirCurveKey, out JsonElement c)
                ? c.EnumerateArray().Select(p => new FnirAtFpir(
                    InScale(p[0].GetDouble(), MetricScale.Fraction, FnirCurveKey, path),
                    NumberOrNaN(p[1]),
                    InScale(NumberOrNaN(p[2]), MetricScale.Percent, FnirCurveKey, path),
                    InScale(NumberOrNaN(p[3]), MetricScale.Percent, FnirCurveKey, path),
                    null)).ToArray()
                : null,
        };
        return (metrics, e.TryGetProperty("seconds", out JsonElement s) ? NumberOrNaN(s) : 0);
    }
}
