using System.Text;
using System.Text.Json;
using FaceCompat.Evaluation;
using FaceCompat.Linkability;
using FaceCompat.Mapping;

namespace FaceCompat.Study;

/// <summary>
/// The JSON form of a cell (docs/study-format.md): first exactly the reference's keys, then, in
/// full form, the study's extra keys. Numbers are culture-invariant, shortest round-trip; a
/// metric that is undefined (NaN, e.g. EER with no genuine pair) is written as null.
/// </summary>
public static class CellResultJson
{
    public static string Serialize(CellResult result, bool full)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            Write(w, result, full);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void Write(Utf8JsonWriter w, CellResult r, bool full)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        CellMetrics m = r.Metrics;
        w.WriteStartObject();
        w.WriteString("protocol", r.Protocol);
        if (r.Seed is int seed)
        {
            w.WriteNumber("seed", seed);
        }

        w.WriteString("source", r.Source);
        w.WriteString("target", r.Target);
        w.WriteString("method", r.Method.ToName());
        Number(w, "rank1", m.Rank1);
        Number(w, "rank5", m.Rank5);
        Number(w, "rank10", m.Rank10);
        Number(w, "mAP", m.MeanAveragePrecision);
        Number(w, "AUC", m.Auc);
        Number(w, "EER", m.Eer);
        Number(w, "TMR@FMR=1%", m.TmrAtFmr1);
        Number(w, "TMR@FMR=0.1%", m.TmrAtFmr01);
        w.WriteNumber("genuine", m.Genuine);
        w.WriteNumber("impostor", m.Impostor);
        w.WriteNumber("test_images", m.TestImages);
        w.WriteNumber("test_identities", m.TestIdentities);
        if (full)
        {
            WriteExtras(w, r);
        }

        w.WriteEndObject();
    }

    public static CellResult Deserialize(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement e = doc.RootElement;
        string methodName = e.GetProperty("method").GetString() ?? "";
        if (!MapMethods.TryParse(methodName, out MapMethod method))
        {
            throw new JsonException($"unknown method '{methodName}'.");
        }

        var metrics = new CellMetrics
        {
            Rank1 = Number(e, "rank1"),
            Rank5 = Number(e, "rank5"),
            Rank10 = Number(e, "rank10"),
            MeanAveragePrecision = Number(e, "mAP"),
            Auc = Number(e, "AUC"),
            Eer = Number(e, "EER"),
            TmrAtFmr1 = Number(e, "TMR@FMR=1%"),
            TmrAtFmr01 = Number(e, "TMR@FMR=0.1%"),
            Genuine = e.GetProperty("genuine").GetInt64(),
            Impostor = e.GetProperty("impostor").GetInt64(),
            TestImages = e.GetProperty("test_images").GetInt32(),
            TestIdentities = e.GetProperty("test_identities").GetInt32(),
            Cmc = e.TryGetProperty("cmc", out JsonElement cmc) ? cmc.EnumerateArray().Select(x => x.GetDouble()).ToArray() : [],
            Roc = e.TryGetProperty("roc", out JsonElement roc)
                ? roc.EnumerateArray().Select(p => new RocPoint(p[0].GetDouble(), p[1].GetDouble(), p[2].GetDouble())).ToArray()
                : [],
            Queries = e.TryGetProperty("queries", out JsonElement q) ? ReadQueries(q) : null,
        };
        string protocol = e.GetProperty("protocol").GetString() ?? "intra";
        string dataset = e.TryGetProperty("dataset", out JsonElement ds) ? ds.GetString() ?? "" : "";
        return new CellResult
        {
            Protocol = protocol,
            Dataset = dataset,
            FitDataset = e.TryGetProperty("fit_dataset", out JsonElement fd) ? fd.GetString() ?? dataset : dataset,
            Seed = e.TryGetProperty("seed", out JsonElement s) ? s.GetInt32() : null,
            Source = e.GetProperty("source").GetString() ?? "",
            Target = e.GetProperty("target").GetString() ?? "",
            Method = method,
            Lambda = e.TryGetProperty("lambda", out JsonElement l) && l.ValueKind == JsonValueKind.Number ? l.GetDouble() : null,
            Impostors = e.TryGetProperty("impostors", out JsonElement imp) && imp.GetString() == "balanced" ? ImpostorSampling.Balanced : ImpostorSampling.All,
            FitIdentities = e.TryGetProperty("fit_identities", out JsonElement fi) ? fi.GetInt32() : 0,
            FitSeconds = e.TryGetProperty("fit_seconds", out JsonElement fs) ? fs.GetDouble() : 0,
            EvalSeconds = e.TryGetProperty("eval_seconds", out JsonElement es) ? es.GetDouble() : 0,
            Metrics = metrics,
            Linkability = e.TryGetProperty("linkability", out JsonElement link) ? ReadLinkability(link) : null,
        };
    }

    private static void WriteExtras(Utf8JsonWriter w, CellResult r)
    {
        w.WriteString("dataset", r.Dataset);
        w.WriteString("fit_dataset", r.FitDataset);
        if (r.Lambda is double lambda)
        {
            w.WriteNumber("lambda", lambda);
        }

        w.WriteString("impostors", r.Impostors == ImpostorSampling.Balanced ? "balanced" : "all");
        w.WriteNumber("fit_identities", r.FitIdentities);
        w.WriteNumber("fit_seconds", Math.Round(r.FitSeconds, 4));
        w.WriteNumber("eval_seconds", Math.Round(r.EvalSeconds, 4));
        w.WriteStartArray("cmc");
        foreach (double v in r.Metrics.Cmc)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
        w.WriteStartArray("roc");
        foreach (RocPoint p in r.Metrics.Roc)
        {
            w.WriteStartArray();
            w.WriteNumberValue(p.Threshold);
            w.WriteNumberValue(p.Fmr);
            w.WriteNumberValue(p.Fnmr);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        if (r.Linkability is TemplateLinkability linkability)
        {
            w.WriteStartObject("linkability");
            WriteLinkability(w, "other_capture", linkability.OtherCapture);
            if (linkability.SameCapture is LinkabilityResult same)
            {
                WriteLinkability(w, "same_capture", same);
            }

            w.WriteEndObject();
        }

        if (r.Metrics.Queries is QueryOutcome[] queries)
        {
            w.WriteStartObject("queries");
            w.WriteStartArray("identity");
            foreach (QueryOutcome q in queries)
            {
                w.WriteNumberValue(q.Identity);
            }

            w.WriteEndArray();
            w.WriteStartArray("rank");
            foreach (QueryOutcome q in queries)
            {
                w.WriteNumberValue(q.FirstRelevantRank);
            }

            w.WriteEndArray();
            w.WriteStartArray("ap");
            foreach (QueryOutcome q in queries)
            {
                w.WriteNumberValue(Math.Round(q.AveragePrecision, 6));
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }
    }

    /// <summary>One mated definition: D_sys both ways, the counts and the per-bin curves.</summary>
    private static void WriteLinkability(Utf8JsonWriter w, string name, LinkabilityResult l)
    {
        w.WriteStartObject(name);
        w.WriteNumber("dsys", l.Dsys);
        w.WriteNumber("dsys_trapezoid", l.DsysTrapezoid);
        if (l.DsysLower is double lower && l.DsysUpper is double upper)
        {
            w.WriteStartArray("dsys_ci95");
            w.WriteNumberValue(lower);
            w.WriteNumberValue(upper);
            w.WriteEndArray();
            w.WriteNumber("bootstrap", l.Bootstrap);
        }

        w.WriteNumber("omega", l.Omega);
        w.WriteNumber("mated", l.Mated);
        w.WriteNumber("non_mated", l.NonMated);
        foreach ((string key, double[] values) in new[] { ("bin_centres", l.Centres), ("mated_density", l.MatedDensity), ("non_mated_density", l.NonMatedDensity), ("local", l.Local) })
        {
            w.WriteStartArray(key);
            foreach (double v in values)
            {
                w.WriteNumberValue(v);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static TemplateLinkability ReadLinkability(JsonElement e) => new()
    {
        OtherCapture = ReadLinkabilityResult(e.GetProperty("other_capture")),
        SameCapture = e.TryGetProperty("same_capture", out JsonElement same) ? ReadLinkabilityResult(same) : null,
    };

    private static LinkabilityResult ReadLinkabilityResult(JsonElement e)
    {
        double[] Values(string key) => e.GetProperty(key).EnumerateArray().Select(x => x.GetDouble()).ToArray();
        return new LinkabilityResult
        {
            Dsys = e.GetProperty("dsys").GetDouble(),
            DsysTrapezoid = e.GetProperty("dsys_trapezoid").GetDouble(),
            DsysLower = e.TryGetProperty("dsys_ci95", out JsonElement ci) ? ci[0].GetDouble() : null,
            DsysUpper = e.TryGetProperty("dsys_ci95", out JsonElement ci2) ? ci2[1].GetDouble() : null,
            Bootstrap = e.TryGetProperty("bootstrap", out JsonElement b) ? b.GetInt32() : 0,
            Omega = e.GetProperty("omega").GetDouble(),
            Mated = e.GetProperty("mated").GetInt64(),
            NonMated = e.GetProperty("non_mated").GetInt64(),
            Centres = Values("bin_centres"),
            MatedDensity = Values("mated_density"),
            NonMatedDensity = Values("non_mated_density"),
            Local = Values("local"),
        };
    }

    private static QueryOutcome[] ReadQueries(JsonElement q)
    {
        int[] ids = q.GetProperty("identity").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        int[] ranks = q.GetProperty("rank").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        double[] ap = q.GetProperty("ap").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        return ids.Select((id, i) => new QueryOutcome(id, ranks[i], ap[i])).ToArray();
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static double Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;
}
