using System.Text.Json;
using FaceCompat.Evaluation;
using FaceCompat.Similarity;

namespace FaceCompat.Study;

/// <summary>A cell's <c>similarity</c> object (docs/study-format.md, docs/similarity.md): its writer and reader.</summary>
public sealed partial class StudyFolder
{
    private const string SimilarityKey = "similarity";

    /// <summary>Writes <paramref name="s"/> as the cell's <c>similarity</c> object (also what <c>similarity --json</c> prints).</summary>
    public static void WriteSimilarity(Utf8JsonWriter w, SimilarityResult s, double seconds)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(s);
        w.WriteStartObject(SimilarityKey);
        w.WriteNumber("rows", s.Rows);
        w.WriteNumber("k", s.Neighbours);
        w.WriteNumber("permutations", s.Permutations);
        w.WriteNumber("seed", s.Seed);
        w.WriteNumber("seconds", Math.Round(seconds, 4));
        foreach (Metric measure in MetricCatalogue.Similarity)
        {
            CalibratedValue v = s[measure];
            w.WriteStartObject(measure.JsonKey);
            Number(w, "value", v.Value);
            Number(w, "null_mean", v.NullMean);
            Number(w, "null_std", v.NullStd);
            Number(w, "z", v.Z);
            Number(w, "p", v.PValue);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static SimilarityResult ReadSimilarity(JsonElement e)
    {
        CalibratedValue Read(Metric measure)
        {
            JsonElement v = e.GetProperty(measure.JsonKey);
            return new CalibratedValue(NumberOrNaN(v.GetProperty("value")), NumberOrNaN(v.GetProperty("null_mean")), NumberOrNaN(v.GetProperty("null_std")), NumberOrNaN(v.GetProperty("z")), NumberOrNaN(v.GetProperty("p")));
        }

        return new SimilarityResult
        {
            Rows = e.GetProperty("rows").GetInt32(),
            Neighbours = e.GetProperty("k").GetInt32(),
            Permutations = e.GetProperty("permutations").GetInt32(),
            Seed = e.GetProperty("seed").GetUInt64(),
            CkaUnbiased = Read(MetricCatalogue.CkaUnbiased),
            CkaBiased = Read(MetricCatalogue.CkaBiased),
            MutualKnn = Read(MetricCatalogue.MutualKnn),
            ProcrustesAngle = Read(MetricCatalogue.ProcrustesAngle),
        };
    }
}
