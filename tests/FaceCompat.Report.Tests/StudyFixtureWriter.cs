using System.Globalization;
using System.Text;

namespace FaceCompat.Tests.Report;

/// <summary>
/// Writes a synthetic study folder following docs/study-format.md: plausible numbers from a seeded
/// generator (every model has a quality; a pair's Rank-1 falls with the gap between the two).
/// </summary>
internal static class StudyFixtureWriter
{
    public static string Write(string root, IReadOnlyList<string> models, string[] methods, int seeds, int[]? fitIdentities = null, bool withQueries = true)
    {
        var rng = new Random(1234);
        double[] quality = models.Select((_, i) => 0.6 + (0.35 * i / Math.Max(1, models.Count - 1))).ToArray();
        int[] sizes = fitIdentities ?? [70];
        foreach (int fit in sizes)
        {
            for (int s = 0; s < models.Count; s++)
            {
                for (int t = 0; t < models.Count; t++)
                {
                    foreach (string method in methods)
                    {
                        if (s == t && method != "baseline")
                        {
                            continue;
                        }

                        for (int seed = 0; seed < seeds; seed++)
                        {
                            double boost = method == "baseline" ? (s == t ? 1 : 0.02) : 0.85 + (0.1 * Math.Log10(fit) / 2);
                            double r1 = Math.Clamp(100 * Math.Min(quality[s], quality[t]) * boost + (rng.NextDouble() * 3), 0, 100);
                            string dir = Path.Combine(root, "cells", "ds", models[s] + "__" + models[t], method);
                            string file = sizes.Length > 1 ? $"seed-{seed}.fit-{fit}.json" : $"seed-{seed}.json";
                            Directory.CreateDirectory(SafeDir(dir));
                            File.WriteAllText(Path.Combine(SafeDir(dir), file), Cell(models[s], models[t], method, seed, fit, r1, withQueries, rng), new UTF8Encoding(false));
                        }
                    }
                }
            }
        }

        return root;
    }

    // A model name may hold characters a file system refuses ('/', '<' on some); the report reads names from JSON, not paths.
    private static string SafeDir(string dir) => dir.Replace('<', '(').Replace('>', ')').Replace('"', '\'').Replace('|', '!');

    private static string Cell(string source, string target, string method, int seed, int fit, double r1, bool withQueries, Random rng)
    {
        var inv = CultureInfo.InvariantCulture;
        string F(double v) => v.ToString("R", inv);
        double r5 = Math.Min(100, r1 + 8), r10 = Math.Min(100, r1 + 12);
        var cmc = Enumerable.Range(1, 50).Select(k => F(Math.Min(100, r1 + ((100 - r1) * (1 - Math.Exp(-(k - 1) / 8.0)))))).ToArray();
        var roc = Enumerable.Range(0, 200).Select(i =>
        {
            double fmr = Math.Pow(10, -4 + (4.0 * i / 199));
            double fnmr = Math.Clamp(Math.Pow(fmr, r1 / 250) * (1 - (r1 / 110)), 0, 1);
            return $"[{F(1 - (i / 199.0))},{F(fmr)},{F(fnmr)}]";
        });
        var sb = new StringBuilder();
        sb.Append('{')
          .Append($"\"protocol\":\"intra\",\"seed\":{seed},\"source\":{Json(source)},\"target\":{Json(target)},\"method\":\"{method}\",")
          .Append($"\"rank1\":{F(r1)},\"rank5\":{F(r5)},\"rank10\":{F(r10)},\"mAP\":{F(r1 / 110)},\"AUC\":{F(0.5 + (r1 / 210))},\"EER\":{F(Math.Max(0.5, 40 - (r1 / 2.6)))},")
          .Append($"\"TMR@FMR=1%\":{F(r1 * 0.9)},\"TMR@FMR=0.1%\":{F(r1 * 0.75)},\"genuine\":900,\"impostor\":80000,\"test_images\":420,\"test_identities\":30,")
          .Append($"\"dataset\":\"ds\",\"fit_dataset\":\"ds\",\"impostors\":\"all\",\"fit_identities\":{fit},\"fit_seconds\":0.01,\"eval_seconds\":0.02,")
          .Append("\"cmc\":[").Append(string.Join(',', cmc)).Append("],\"roc\":[").Append(string.Join(',', roc)).Append(']');
        if (withQueries)
        {
            var ids = new List<string>();
            var ranks = new List<string>();
            var aps = new List<string>();
            for (int q = 0; q < 60; q++)
            {
                ids.Add(Json(q % 30 == 0 ? "id &\"'0" : "id" + (q % 30).ToString(inv)));
                int rank = rng.NextDouble() * 100 < r1 ? 1 : 2 + rng.Next(20);
                ranks.Add(rank.ToString(inv));
                aps.Add(F(1.0 / rank));
            }

            sb.Append(",\"queries\":{\"identity\":[").Append(string.Join(',', ids)).Append("],\"rank\":[").Append(string.Join(',', ranks))
              .Append("],\"ap\":[").Append(string.Join(',', aps)).Append("]}");
        }

        return sb.Append('}').ToString();
    }

    private static string Json(string s) => System.Text.Json.JsonSerializer.Serialize(s);
}
