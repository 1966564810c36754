using System.Globalization;
using FaceCompat.Evaluation;
using FaceCompat.Mapping;
using FaceCompat.Study;

namespace FaceCompat.Tests.Report;

/// <summary>
/// Writes a synthetic study folder through <see cref="StudyFolder"/> (the one cell writer): plausible
/// numbers from a seeded generator (every model has a quality; a pair's Rank-1 falls with the gap
/// between the two), query identities as strings. <c>zeroBaseline</c> gives every cross-model baseline cell Rank-1 0
/// (a constant matrix, every merge of its tree at one distance). <c>families</c> is written as the study's families.json.
/// </summary>
internal static class StudyFixtureWriter
{
    public static string Write(string root, IReadOnlyList<string> models, string[] methods, int seeds, int[]? fitIdentities = null, bool withQueries = true, bool zeroBaseline = false, IReadOnlyDictionary<string, string>? families = null)
    {
        var rng = new Random(1234);
        double[] quality = models.Select((_, i) => 0.6 + (0.35 * i / Math.Max(1, models.Count - 1))).ToArray();
        int[] sizes = fitIdentities ?? [70];
        MapMethod[] parsed = methods.Select(m => MapMethods.TryParse(m, out MapMethod p) ? p : throw new ArgumentException(m)).ToArray();
        StudyFolder folder = StudyFolder.Create(root, new StudyDefinition
        {
            Datasets = ["ds"],
            Models = models,
            Methods = parsed,
            Seeds = Enumerable.Range(0, seeds).ToArray(),
            FitIdentities = sizes.Length > 1 ? sizes : [],
        });
        if (families is not null)
        {
            folder.WriteFamilies(models, families);
        }

        foreach (int fit in sizes)
        {
            for (int s = 0; s < models.Count; s++)
            {
                for (int t = 0; t < models.Count; t++)
                {
                    foreach (MapMethod method in parsed)
                    {
                        if (s == t && method != MapMethod.Baseline)
                        {
                            continue;
                        }

                        for (int seed = 0; seed < seeds; seed++)
                        {
                            double boost = method == MapMethod.Baseline ? (s == t ? 1 : 0.02) : 0.85 + (0.1 * Math.Log10(fit) / 2);
                            double r1 = Math.Clamp(100 * Math.Min(quality[s], quality[t]) * boost + (rng.NextDouble() * 3), 0, 100);
                            if (zeroBaseline && method == MapMethod.Baseline && s != t)
                            {
                                r1 = 0; // as with models of different dimensions: no cross-model match at all
                            }

                            int? limit = sizes.Length > 1 ? fit : null;
                            var unit = new StudyWorkUnit(null, "ds", models[s], models[t], seed, limit);
                            folder.WriteCell(StudyFolder.CellPath(unit, method), Cell(models[s], models[t], method, seed, fit, limit, r1, withQueries, rng));
                        }
                    }
                }
            }
        }

        return root;
    }

    private static CellResult Cell(string source, string target, MapMethod method, int seed, int fit, int? limit, double r1, bool withQueries, Random rng)
    {
        double r5 = Math.Min(100, r1 + 8), r10 = Math.Min(100, r1 + 12);
        double[] cmc = Enumerable.Range(1, 50).Select(k => Math.Min(100, r1 + ((100 - r1) * (1 - Math.Exp(-(k - 1) / 8.0))))).ToArray();
        RocPoint[] roc = Enumerable.Range(0, 200).Select(i =>
        {
            double fmr = Math.Pow(10, -4 + (4.0 * i / 199));
            double fnmr = Math.Clamp(Math.Pow(fmr, r1 / 250) * (1 - (r1 / 110)), 0, 1);
            return new RocPoint(1 - (i / 199.0), fmr, fnmr);
        }).ToArray();
        QueryOutcome[]? queries = null;
        if (withQueries)
        {
            queries = new QueryOutcome[60];
            for (int q = 0; q < 60; q++)
            {
                string id = q % 30 == 0 ? "id &\"'0" : "id" + (q % 30).ToString(CultureInfo.InvariantCulture);
                int rank = rng.NextDouble() * 100 < r1 ? 1 : 2 + rng.Next(20);
                queries[q] = new QueryOutcome(id, rank, 1.0 / rank);
            }
        }

        return new CellResult
        {
            Protocol = "intra",
            Dataset = "ds",
            FitDataset = "ds",
            Seed = seed,
            Source = source,
            Target = target,
            Method = method,
            FitIdentities = fit,
            FitIdentityLimit = limit,
            FitSeconds = 0.01,
            EvalSeconds = 0.02,
            Metrics = new CellMetrics
            {
                Rank1 = r1,
                Rank5 = r5,
                Rank10 = r10,
                MeanAveragePrecision = r1 / 110,
                Auc = 0.5 + (r1 / 210),
                Eer = Math.Max(0.5, 40 - (r1 / 2.6)),
                TmrAtFmr1 = r1 * 0.9,
                TmrAtFmr01 = r1 * 0.75,
                Genuine = 900,
                Impostor = 80000,
                TestImages = 420,
                TestIdentities = 30,
                Cmc = cmc,
                Roc = roc,
                Queries = queries,
            },
        };
    }
}
