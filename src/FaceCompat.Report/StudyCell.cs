using System.Text.Json;
using FaceCompat.Data;
using FaceCompat.Statistics;

namespace FaceCompat.Report;

/// <summary>One cell file of a study folder (docs/study-format.md), as the report reads it.</summary>
public sealed record StudyCell
{
    public required string Protocol { get; init; }

    public required string Dataset { get; init; }

    public required string FitDataset { get; init; }

    /// <summary>Split seed; null for cross-dataset cells.</summary>
    public int? Seed { get; init; }

    public required string Source { get; init; }

    public required string Target { get; init; }

    public required string Method { get; init; }

    public int FitIdentities { get; init; }

    public double Rank1 { get; init; }

    public double Rank5 { get; init; }

    public double Rank10 { get; init; }

    public double MeanAveragePrecision { get; init; }

    public double Auc { get; init; }

    public double Eer { get; init; }

    public double TmrAtFmr1 { get; init; }

    public double TmrAtFmr01 { get; init; }

    public long Genuine { get; init; }

    public long Impostor { get; init; }

    public int TestIdentities { get; init; }

    public double[] Cmc { get; init; } = [];

    /// <summary>[threshold, fmr, fnmr] rows, FMR ascending.</summary>
    public double[][] Roc { get; init; } = [];

    /// <summary>D_sys for records of different captures (<c>linkability.other_capture.dsys</c>, <c>study --linkability</c>); null when the cell has none.</summary>
    public double? Dsys { get; init; }

    /// <summary>The score densities and D(s) behind <see cref="Dsys"/>, per bin; null when the cell has none.</summary>
    public LinkabilityCurve? Linkability { get; init; }

    /// <summary>Per query identity (as written), first relevant rank and AP; null when the cell has none.</summary>
    public QueryRecord[]? Queries { get; init; }

    public bool IsSelf => string.Equals(Source, Target, StringComparison.Ordinal);

    public bool IsCross => string.Equals(Protocol, "cross", StringComparison.Ordinal);

    /// <summary>Reads one cell file; a missing or malformed key is a <see cref="DataFormatException"/>.</summary>
    public static StudyCell Read(string path)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(path));
            JsonElement e = doc.RootElement;
            string dataset = Str(e, "dataset", path);
            return new StudyCell
            {
                Protocol = Str(e, "protocol", path),
                Dataset = dataset,
                FitDataset = e.TryGetProperty("fit_dataset", out JsonElement fd) && fd.ValueKind == JsonValueKind.String ? fd.GetString()! : dataset,
                Seed = e.TryGetProperty("seed", out JsonElement s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : null,
                Source = Str(e, "source", path),
                Target = Str(e, "target", path),
                Method = Str(e, "method", path),
                FitIdentities = e.TryGetProperty("fit_identities", out JsonElement fi) && fi.ValueKind == JsonValueKind.Number ? fi.GetInt32() : 0,
                Rank1 = Num(e, "rank1", path),
                Rank5 = Num(e, "rank5", path),
                Rank10 = Num(e, "rank10", path),
                MeanAveragePrecision = Num(e, "mAP", path),
                Auc = Num(e, "AUC", path),
                Eer = Num(e, "EER", path),
                TmrAtFmr1 = Num(e, "TMR@FMR=1%", path),
                TmrAtFmr01 = Num(e, "TMR@FMR=0.1%", path),
                Genuine = e.TryGetProperty("genuine", out JsonElement g) && g.ValueKind == JsonValueKind.Number ? g.GetInt64() : 0,
                Impostor = e.TryGetProperty("impostor", out JsonElement im) && im.ValueKind == JsonValueKind.Number ? im.GetInt64() : 0,
                TestIdentities = e.TryGetProperty("test_identities", out JsonElement ti) && ti.ValueKind == JsonValueKind.Number ? ti.GetInt32() : 0,
                Cmc = e.TryGetProperty("cmc", out JsonElement cmc) && cmc.ValueKind == JsonValueKind.Array ? cmc.EnumerateArray().Select(x => x.GetDouble()).ToArray() : [],
                Roc = e.TryGetProperty("roc", out JsonElement roc) && roc.ValueKind == JsonValueKind.Array
                    ? roc.EnumerateArray().Select(p => p.EnumerateArray().Select(x => x.GetDouble()).ToArray()).ToArray()
                    : [],
                Queries = e.TryGetProperty("queries", out JsonElement q) && q.ValueKind == JsonValueKind.Object ? ReadQueries(q) : null,
                Dsys = e.TryGetProperty("linkability", out JsonElement link) && link.ValueKind == JsonValueKind.Object
                    ? Num(link.GetProperty("other_capture"), "dsys", path)
                    : null,
                Linkability = e.TryGetProperty("linkability", out JsonElement curve) && curve.ValueKind == JsonValueKind.Object
                    ? ReadCurve(curve.GetProperty("other_capture"))
                    : null,
            };
        }
        catch (JsonException ex)
        {
            throw new DataFormatException($"{path}: row 1, column 1: not valid JSON ({ex.Message}). fix: rewrite the cell (run the study again).");
        }
        catch (InvalidOperationException ex)
        {
            throw new DataFormatException($"{path}: row 1, column 1: unexpected JSON type ({ex.Message}). fix: follow docs/study-format.md.");
        }
    }

    private static LinkabilityCurve ReadCurve(JsonElement e)
    {
        double[] Values(string key) => e.GetProperty(key).EnumerateArray().Select(x => x.GetDouble()).ToArray();
        return new LinkabilityCurve(Values("bin_centres"), Values("mated_density"), Values("non_mated_density"), Values("local"));
    }

    private static QueryRecord[] ReadQueries(JsonElement q)
    {
        JsonElement[] ids = q.GetProperty("identity").EnumerateArray().ToArray();
        JsonElement[] ranks = q.GetProperty("rank").EnumerateArray().ToArray();
        JsonElement[] aps = q.GetProperty("ap").EnumerateArray().ToArray();
        var result = new QueryRecord[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            string id = ids[i].ValueKind == JsonValueKind.String ? ids[i].GetString()! : ids[i].GetRawText();
            result[i] = new QueryRecord(id, ranks[i].GetInt32(), aps[i].GetDouble());
        }

        return result;
    }

    private static string Str(JsonElement e, string key, string path)
        => e.TryGetProperty(key, out JsonElement v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new DataFormatException($"{path}: row 1, column 1: key '{key}' (a string) is missing. fix: follow docs/study-format.md.");

    private static double Num(JsonElement e, string key, string path)
        => e.TryGetProperty(key, out JsonElement v) && v.ValueKind == JsonValueKind.Number
            ? v.GetDouble()
            : throw new DataFormatException($"{path}: row 1, column 1: key '{key}' (a number) is missing. fix: follow docs/study-format.md.");
}

/// <summary>Per bin of a cell's linkability histogram: the score (bin centre), both densities and the local measure D(s).</summary>
public sealed record LinkabilityCurve(double[] Scores, double[] MatedDensity, double[] NonMatedDensity, double[] Local);
