using System.Globalization;
using System.Text;
using System.Text.Json;
using FaceCompat.Data;
using FaceCompat.Evaluation;
using FaceCompat.Linkability;
using FaceCompat.Mapping;
using FaceCompat.Similarity;

namespace FaceCompat.Study;

/// <summary>
/// The cell file (docs/study-format.md, "A cell file"): the one writer and the one reader of a
/// cell's JSON. First exactly the reference's keys (the short form <c>evaluate --json</c> prints),
/// then, in full form, the study's extra keys. Numbers are culture-invariant, shortest round-trip;
/// a metric that is not defined (NaN) is written as null and read back as NaN. Query identities are
/// written as JSON numbers when they are integers and as strings otherwise, and read either way.
/// </summary>
public sealed partial class StudyFolder
{
    private const string ScoringKey = "scoring";
    private const string ScoringKKey = "scoring_k";

    /// <summary>The cell as one line of JSON; <paramref name="full"/> adds the study's keys after the reference's.</summary>
    public static string FormatCell(CellResult result, bool full)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            WriteCell(w, result, full);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes the cell as one JSON object.</summary>
    public static void WriteCell(Utf8JsonWriter w, CellResult r, bool full)
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
        foreach (Metric metric in MetricCatalogue.Table)
        {
            Number(w, metric.JsonKey, metric.ValueOf(m));
        }

        w.WriteNumber("genuine", m.Genuine);
        w.WriteNumber("impostor", m.Impostor);
        w.WriteNumber("test_images", m.TestImages);
        w.WriteNumber("test_identities", m.TestIdentities);
        if (r.OpenSet is OpenSetMetrics openSet)
        {
            WriteOpenSet(w, openSet, r.OpenSetSeconds);
        }

        if (r.Scoring.CollectsNeighbourhoods)
        {
            // Only for CSLS or the hubness statistic: cosine cells are written as before.
            w.WriteString(ScoringKey, r.Scoring.Name);
            w.WriteNumber(ScoringKKey, r.Scoring.K);
            Number(w, MetricCatalogue.HubnessSkew.JsonKey, m.HubnessSkew);
        }

        if (full)
        {
            WriteExtras(w, r);
        }

        w.WriteEndObject();
    }

    /// <summary>
    /// Reads one cell from its JSON text; <paramref name="path"/> names it in errors and, for a cell
    /// file, gives its fitting-identity limit (<c>.fit-k</c> in the name).
    /// </summary>
    /// <exception cref="DataFormatException">Not JSON, a key missing or of the wrong type, an unknown method.</exception>
    public static CellResult ParseCell(string json, string path)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            return ReadCell(doc.RootElement, path);
        }
        catch (JsonException ex)
        {
            throw CellError(path, $"not valid JSON ({ex.Message}). fix: rewrite the cell (run the study again).");
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or IndexOutOfRangeException or KeyNotFoundException or OverflowException)
        {
            throw CellError(path, $"unexpected JSON type ({ex.Message}). fix: follow docs/study-format.md.");
        }
    }

    private static CellResult ReadCell(JsonElement e, string path)
    {
        string methodName = Str(e, "method", path);
        if (!MapMethods.TryParse(methodName, out MapMethod method))
        {
            throw CellError(path, $"unknown method '{methodName}'. fix: one of {string.Join(", ", MapMethods.Known.Select(k => k.ToName()))}.");
        }

        var values = MetricCatalogue.Table.ToDictionary(k => k, k => InScale(Metric(e, k.JsonKey, path), k.Scale, k.JsonKey, path));
        var metrics = new CellMetrics
        {
            Rank1 = values[MetricCatalogue.Rank1],
            Rank5 = values[MetricCatalogue.Rank5],
            Rank10 = values[MetricCatalogue.Rank10],
            MeanAveragePrecision = values[MetricCatalogue.MeanAveragePrecision],
            Auc = values[MetricCatalogue.Auc],
            Eer = values[MetricCatalogue.Eer],
            TmrAtFmr1 = values[MetricCatalogue.TmrAtFmr1],
            TmrAtFmr01 = values[MetricCatalogue.TmrAtFmr01],
            Genuine = Int(e, "genuine", path),
            Impostor = Int(e, "impostor", path),
            TestImages = (int)Int(e, "test_images", path),
            TestIdentities = (int)Int(e, "test_identities", path),
            Cmc = e.TryGetProperty(MetricCatalogue.CmcKey, out JsonElement cmc) ? Doubles(cmc).Select(v => InScale(v, MetricScale.Percent, MetricCatalogue.CmcKey, path)).ToArray() : [],
            Roc = e.TryGetProperty("roc", out JsonElement roc)
                ? roc.EnumerateArray().Select(p => new RocPoint(p[0].GetDouble(), p[1].GetDouble(), p[2].GetDouble())).ToArray()
                : [],
            Queries = e.TryGetProperty("queries", out JsonElement q) && q.ValueKind == JsonValueKind.Object ? ReadQueries(q) : null,
            HubnessSkew = e.TryGetProperty(MetricCatalogue.HubnessSkew.JsonKey, out JsonElement skew) ? NumberOrNaN(skew) : double.NaN,
        };
        string dataset = OptionalStr(e, "dataset") ?? "";
        return new CellResult
        {
            Protocol = Str(e, "protocol", path),
            Dataset = dataset,
            FitDataset = OptionalStr(e, "fit_dataset") ?? dataset,
            Seed = e.TryGetProperty("seed", out JsonElement s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : null,
            Source = Str(e, "source", path),
            Target = Str(e, "target", path),
            Method = method,
            Lambda = e.TryGetProperty("lambda", out JsonElement l) && l.ValueKind == JsonValueKind.Number ? l.GetDouble() : null,
            Impostors = OptionalStr(e, "impostors") == "balanced" ? ImpostorSampling.Balanced : ImpostorSampling.All,
            FitIdentities = e.TryGetProperty("fit_identities", out JsonElement fi) && fi.ValueKind == JsonValueKind.Number ? fi.GetInt32() : 0,
            FitIdentityLimit = FitIdentityLimitOf(path),
            FitSeconds = e.TryGetProperty("fit_seconds", out JsonElement fs) && fs.ValueKind == JsonValueKind.Number ? fs.GetDouble() : 0,
            EvalSeconds = e.TryGetProperty("eval_seconds", out JsonElement es) && es.ValueKind == JsonValueKind.Number ? es.GetDouble() : 0,
            Metrics = metrics,
            Scoring = ReadScoring(e, path),
            Linkability = e.TryGetProperty("linkability", out JsonElement link) && link.ValueKind == JsonValueKind.Object ? ReadLinkability(link) : null,
            Similarity = e.TryGetProperty(SimilarityKey, out JsonElement sim) && sim.ValueKind == JsonValueKind.Object ? ReadSimilarity(sim) : null,
            OpenSet = e.TryGetProperty(OpenSetKey, out JsonElement os) && os.ValueKind == JsonValueKind.Object ? ReadOpenSet(os, path).Metrics : null,
            OpenSetSeconds = e.TryGetProperty(OpenSetKey, out JsonElement oss) && oss.ValueKind == JsonValueKind.Object ? ReadOpenSet(oss, path).Seconds : 0,
            SimilaritySeconds = e.TryGetProperty(SimilarityKey, out JsonElement simSeconds) && simSeconds.ValueKind == JsonValueKind.Object && simSeconds.TryGetProperty("seconds", out JsonElement ss) ? ss.GetDouble() : 0,
        };
    }

    /// <summary>A cell's <c>scoring</c> and <c>scoring_k</c> keys; a cell without them was scored with the cosine and carries no hubness statistic.</summary>
    private static ScoringOptions ReadScoring(JsonElement e, string path)
    {
        if (OptionalStr(e, ScoringKey) is not string name)
        {
            return ScoringOptions.Cosine;
        }

        if (!ScoringOptions.TryParse(name, out ScoringMethod method))
        {
            throw CellError(path, $"unknown scoring '{name}'. fix: cosine or csls (docs/study-format.md).");
        }

        return new ScoringOptions { Method = method, K = (int)Int(e, ScoringKKey, path), Hubness = true };
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
        Numbers(w, MetricCatalogue.CmcKey, r.Metrics.Cmc);
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
        if (r.Similarity is SimilarityResult similarity)
        {
            WriteSimilarity(w, similarity, r.SimilaritySeconds);
        }

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
                if (IsInteger(q.Identity, out long id))
                {
                    w.WriteNumberValue(id);
                }
                else
                {
                    w.WriteStringValue(q.Identity);
                }
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
        w.WriteNumber(MetricCatalogue.Dsys.JsonKey, l.Dsys);
        w.WriteNumber("dsys_trapezoid", l.DsysTrapezoid);
        if (l.DsysLower is double lower && l.DsysUpper is double upper)
        {
            w.WriteStartArray("dsys_ci95");
            NumberValue(w, lower);
            NumberValue(w, upper);
            w.WriteEndArray();
            w.WriteNumber("bootstrap", l.Bootstrap);
        }

        w.WriteNumber("omega", l.Omega);
        w.WriteNumber("mated", l.Mated);
        w.WriteNumber("non_mated", l.NonMated);
        Numbers(w, "bin_centres", l.Centres);
        Numbers(w, "mated_density", l.MatedDensity);
        Numbers(w, "non_mated_density", l.NonMatedDensity);
        Numbers(w, "local", l.Local);
        w.WriteEndObject();
    }

    private static TemplateLinkability ReadLinkability(JsonElement e) => new()
    {
        OtherCapture = ReadLinkabilityResult(e.GetProperty("other_capture")),
        SameCapture = e.TryGetProperty("same_capture", out JsonElement same) ? ReadLinkabilityResult(same) : null,
    };

    private static LinkabilityResult ReadLinkabilityResult(JsonElement e)
    {
        bool hasInterval = e.TryGetProperty("dsys_ci95", out JsonElement ci);
        return new LinkabilityResult
        {
            Dsys = e.GetProperty(MetricCatalogue.Dsys.JsonKey).GetDouble(),
            DsysTrapezoid = e.GetProperty("dsys_trapezoid").GetDouble(),
            DsysLower = hasInterval ? NumberOrNaN(ci[0]) : null,
            DsysUpper = hasInterval ? NumberOrNaN(ci[1]) : null,
            Bootstrap = e.TryGetProperty("bootstrap", out JsonElement b) ? b.GetInt32() : 0,
            Omega = e.GetProperty("omega").GetDouble(),
            Mated = e.GetProperty("mated").GetInt64(),
            NonMated = e.GetProperty("non_mated").GetInt64(),
            Centres = Doubles(e.GetProperty("bin_centres")),
            MatedDensity = Doubles(e.GetProperty("mated_density")),
            NonMatedDensity = Doubles(e.GetProperty("non_mated_density")),
            Local = Doubles(e.GetProperty("local")),
        };
    }

    private static QueryOutcome[] ReadQueries(JsonElement q)
    {
        JsonElement[] ids = q.GetProperty("identity").EnumerateArray().ToArray();
        JsonElement[] ranks = q.GetProperty("rank").EnumerateArray().ToArray();
        JsonElement[] aps = q.GetProperty("ap").EnumerateArray().ToArray();
        if (ranks.Length != ids.Length || aps.Length != ids.Length)
        {
            throw new FormatException($"queries: identity, rank and ap have {ids.Length}, {ranks.Length} and {aps.Length} entries; they must be equally long");
        }

        var result = new QueryOutcome[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            string id = ids[i].ValueKind == JsonValueKind.String ? ids[i].GetString()! : ids[i].GetInt64().ToString(CultureInfo.InvariantCulture);
            result[i] = new QueryOutcome(id, ranks[i].GetInt32(), aps[i].GetDouble());
        }

        return result;
    }

    /// <summary>An identity written as a JSON number: canonical integer text only, so it reads back as the same string.</summary>
    private static bool IsInteger(string identity, out long value) =>
        long.TryParse(identity, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
        && value.ToString(CultureInfo.InvariantCulture) == identity;

    private static DataFormatException CellError(string path, string problem) =>
        new($"{path}: row 1, column 1: {problem}") { FilePath = path };

    private static string Str(JsonElement e, string key, string path) =>
        e.TryGetProperty(key, out JsonElement v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw CellError(path, $"key '{key}' (a string) is missing. fix: follow docs/study-format.md.");

    private static string? OptionalStr(JsonElement e, string key) =>
        e.TryGetProperty(key, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long Int(JsonElement e, string key, string path) =>
        e.TryGetProperty(key, out JsonElement v) && v.ValueKind == JsonValueKind.Number
            ? v.GetInt64()
            : throw CellError(path, $"key '{key}' (an integer) is missing. fix: follow docs/study-format.md.");

    /// <summary>A metric: a number, or null for "not defined" (NaN); a missing key is an error.</summary>
    private static double Metric(JsonElement e, string key, string path) =>
        e.TryGetProperty(key, out JsonElement v) && v.ValueKind is JsonValueKind.Number or JsonValueKind.Null
            ? NumberOrNaN(v)
            : throw CellError(path, $"key '{key}' (a number or null) is missing. fix: follow docs/study-format.md.");

    /// <summary>
    /// A share read from a cell, checked against its scale: a percentage (Rank-k, CMC, EER, TMR, FNIR, the
    /// achieved FPIR) in [0, 100], a fraction (mAP, AUC, a target FPIR) in [0, 1]; other scales and NaN
    /// (null: not defined) pass. An edited or damaged cell fails here, naming the key, instead of giving
    /// summaries outside the metric's range.
    /// </summary>
    private static double InScale(double value, MetricScale scale, string key, string path)
    {
        (double low, double high) = scale switch
        {
            MetricScale.Percent => (0.0, 100.0),
            MetricScale.Fraction => (0.0, 1.0),
            _ => (double.NegativeInfinity, double.PositiveInfinity),
        };
        return double.IsNaN(value) || (value >= low && value <= high)
            ? value
            : throw CellError(path, $"'{key}' is {value.ToString(CultureInfo.InvariantCulture)}, outside its range [{low.ToString(CultureInfo.InvariantCulture)}, {high.ToString(CultureInfo.InvariantCulture)}]. fix: rewrite the cell (run the study again).");
    }

    private static double NumberOrNaN(JsonElement v) => v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(NumberOrNaN).ToArray();

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        w.WritePropertyName(name);
        NumberValue(w, value);
    }

    private static void NumberValue(Utf8JsonWriter w, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumberValue(value);
        }
        else
        {
            w.WriteNullValue();
        }
    }

    private static void Numbers(Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (double v in values)
        {
            NumberValue(w, v);
        }

        w.WriteEndArray();
    }
}
