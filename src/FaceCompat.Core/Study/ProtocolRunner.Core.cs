using System.Diagnostics;
using FaceCompat.Data;
using FaceCompat.Evaluation;
using FaceCompat.Linkability;
using FaceCompat.Mapping;
using FaceCompat.Randomness;
using FaceCompat.Similarity;

namespace FaceCompat.Study;

public static partial class ProtocolRunner
{
    private static IReadOnlyList<CellResult> RunIntraCore(DatasetFolder data, string source, string target, int seed, IReadOnlyList<MapMethod> methods, ProtocolOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        ProtocolChecks.ThrowIfAny(ProtocolChecks.Intra(data, [seed], options.TestPercent, options.FitIdentityLimit is int k ? [k] : null, options.Scoring));
        Matrix<float> sourceRows = data.Embeddings(source);
        Matrix<float> targetRows = data.Embeddings(target);
        IdentitySplit split = IdentitySplit.Create(data.Index, seed, options.TestPercent);
        int[] fitRows = LimitFitIdentities(data.Index, split, options.FitIdentityLimit);
        if (fitRows.Length < 2)
        {
            throw new DataFormatException($"{data.Root}: seed {seed} leaves {fitRows.Length} fitting rows; a map needs at least 2. Use a smaller --test-percent or more identities.");
        }

        int[] testIdentities = split.TestRows.Select(r => data.Index.IdentityCodes[r]).ToArray();
        return Run(
            new RowSubset(sourceRows, fitRows),
            new RowSubset(targetRows, fitRows),
            new RowSubset(sourceRows, split.TestRows),
            new RowSubset(targetRows, split.TestRows),
            testIdentities,
            methods,
            options,
            seed,
            fitRows.Select(r => data.Index.IdentityCodes[r]).ToArray(),
            fitIdentities: CountIdentities(data.Index, fitRows),
            template: new CellResult
            {
                Protocol = "intra",
                Dataset = data.Name,
                FitDataset = data.Name,
                Seed = seed,
                Source = source,
                Target = target,
                Method = MapMethod.Baseline,
                Metrics = null!,
            });
    }

    private static IReadOnlyList<CellResult> RunCrossCore(DatasetFolder fitData, DatasetFolder evalData, string source, string target, IReadOnlyList<MapMethod> methods, ProtocolOptions options)
    {
        ArgumentNullException.ThrowIfNull(fitData);
        ArgumentNullException.ThrowIfNull(evalData);
        ArgumentNullException.ThrowIfNull(options);
        ProtocolChecks.ThrowIfAny(ProtocolChecks.Cross(fitData, evalData, options.FitIdentityLimit is int k ? [k] : null, options.Scoring));
        Matrix<float> fitSource = fitData.Embeddings(source);
        Matrix<float> fitTarget = fitData.Embeddings(target);
        int[] allRows = Enumerable.Range(0, fitData.Index.Count).ToArray();
        int[] fitRows = options.FitIdentityLimit is int limit
            ? LimitFitIdentities(fitData.Index, allRows, limit)
            : allRows;
        return Run(
            fitRows.Length == allRows.Length ? fitSource : new RowSubset(fitSource, fitRows),
            fitRows.Length == allRows.Length ? fitTarget : new RowSubset(fitTarget, fitRows),
            evalData.Embeddings(source),
            evalData.Embeddings(target),
            evalData.Index.IdentityCodes,
            methods,
            options,
            seed: 0,
            fitRows.Select(r => fitData.Index.IdentityCodes[r]).ToArray(),
            fitIdentities: CountIdentities(fitData.Index, fitRows),
            template: new CellResult
            {
                Protocol = "cross",
                Dataset = evalData.Name,
                FitDataset = fitData.Name,
                Source = source,
                Target = target,
                Method = MapMethod.Baseline,
                Metrics = null!,
            });
    }

    private static List<CellResult> Run(
        RowSubset sourceFit,
        RowSubset targetFit,
        RowSubset sourceTest,
        RowSubset targetTest,
        int[] testIdentities,
        IReadOnlyList<MapMethod> methods,
        ProtocolOptions options,
        int seed,
        int[] fitIdentityCodes,
        int fitIdentities,
        CellResult template)
    {
        // The linear methods share their products and split the fitting time; the mlp method is trained and timed on its own.
        MapMethod[] linear = methods.Where(m => m != MapMethod.Mlp).ToArray();
        var maps = new List<FittedMap>(methods.Count);
        var seconds = new List<double>(methods.Count);
        var clock = Stopwatch.StartNew();
        if (linear.Length > 0)
        {
            maps.AddRange(MapFitter.FitSharingSource(sourceFit, targetFit, linear, options.RidgeLambda, options.Kernels, identities: new FittingIdentities(fitIdentityCodes, seed)));
            seconds.AddRange(Enumerable.Repeat(clock.Elapsed.TotalSeconds / linear.Length, linear.Length));
        }

        if (linear.Length < methods.Count)
        {
            clock.Restart();
            var mlp = new MlpFitting(fitIdentityCodes, seed, options.Mlp);
            maps.AddRange(MapFitter.FitSharingSource(sourceFit, targetFit, [MapMethod.Mlp], options.RidgeLambda, options.Kernels, mlp));
            seconds.Add(clock.Elapsed.TotalSeconds);
        }

        return Evaluate(maps, sourceTest, targetTest, testIdentities, options, seed, fitIdentities, seconds, template);
    }

    private static List<CellResult> Evaluate(
        IReadOnlyList<FittedMap> maps,
        RowSubset sourceTest,
        RowSubset targetTest,
        int[] testIdentities,
        ProtocolOptions options,
        int seed,
        int fitIdentities,
        IReadOnlyList<double> fitSeconds,
        CellResult template)
    {
        var clock = new Stopwatch();
        var evaluation = new EvaluationOptions
        {
            Impostors = options.Impostors,
            Seed = seed,
            KeepQueryOutcomes = options.KeepQueryOutcomes,
            LeaveOneOut = options.LeaveOneOut,
            Scoring = options.Scoring,
            Kernels = options.Kernels,
        };

        // The raw test embeddings' similarity does not depend on the map: measured once for every method.
        clock.Start();
        SimilarityResult? similarity = options.Similarity is SimilarityOptions similarityOptions
            ? RepresentationSimilarity.Measure(sourceTest, targetTest, similarityOptions with { Seed = (ulong)seed }, options.Kernels, template.Source, template.Target)
            : null;
        double similaritySeconds = clock.Elapsed.TotalSeconds;

        OpenSetProtocol? openSet = options.OpenSet is OpenSetOptions o ? OpenSetProtocol.Create(testIdentities, seed, o.NonMatedPercent) : null;

        // Every method of a pair shares the gallery: the target rows centred with the target mean.
        Matrix<float> gallery = maps[0].PrepareTarget(targetTest);
        var results = new List<CellResult>(maps.Count);
        for (int index = 0; index < maps.Count; index++)
        {
            FittedMap map = maps[index];
            clock.Restart();
            (Matrix<float> queries, Matrix<float> scored) = map.ScoringRows(sourceTest, gallery, options.Kernels);
            CellMetrics metrics = CrossModelEvaluator.Evaluate(queries, scored, testIdentities, evaluation);
            TemplateLinkability? linkability = options.LinkabilityOmega is double omega
                ? LinkabilityAudit.Measure(queries, scored, testIdentities, omega, options.Kernels, bootstrap: options.LinkabilityBootstrap, seed: (ulong)seed)
                : null;
            var openSetClock = Stopwatch.StartNew();
            OpenSetMetrics? openSetMetrics = openSet is null ? null : OpenSetIdentification.Evaluate(queries, scored, openSet, options.Kernels, Math.Max(1, evaluation.MaxDegreeOfParallelism), options.OpenSet!.Rank);
            double openSetSeconds = openSetClock.Elapsed.TotalSeconds;
            results.Add(template with
            {
                OpenSet = openSetMetrics,
                OpenSetSeconds = openSetSeconds,
                Linkability = linkability,
                Similarity = similarity,
                SimilaritySeconds = similaritySeconds,
                Method = map.Method,
                Lambda = map.Method is MapMethod.Ridge or MapMethod.Mlp ? map.Lambda : null,
                Impostors = options.Impostors,
                FitIdentities = fitIdentities,
                FitIdentityLimit = options.FitIdentityLimit,
                Metrics = metrics,
                Scoring = options.Scoring,
                FitSeconds = fitSeconds[index],
                EvalSeconds = clock.Elapsed.TotalSeconds,
            });
        }

        return results;
    }

    private static IReadOnlyList<CellResult> RunWithMapCore(FittedMap map, string fitDataset, DatasetFolder evalData, string source, string target, ProtocolOptions options)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(evalData);
        ArgumentNullException.ThrowIfNull(options);
        ProtocolChecks.ThrowIfAny(ProtocolChecks.AllRows(evalData, options.Scoring));
        Matrix<float> sourceRows = evalData.Embeddings(source);
        Matrix<float> targetRows = evalData.Embeddings(target);
        foreach ((Matrix<float> rows, int expected, string model, string side) in new[] { (sourceRows, map.SourceDimension, source, "source"), (targetRows, map.TargetDimension, target, "target") })
        {
            if (rows.Columns != expected)
            {
                throw new DataFormatException(
                    $"{evalData.Root}: model '{model}' has {rows.Columns} dimensions, but the adapter's {side} side has {expected}. Use the models the adapter was fitted for.");
            }
        }

        return Evaluate(
            [map],
            sourceRows,
            targetRows,
            evalData.Index.IdentityCodes,
            options,
            seed: 0,
            fitIdentities: 0,
            fitSeconds: [0.0],
            new CellResult
            {
                Protocol = "adapter",
                Dataset = evalData.Name,
                FitDataset = fitDataset,
                Source = source,
                Target = target,
                Method = map.Method,
                Metrics = null!,
            });
    }

    private static int[] LimitFitIdentities(DatasetIndex index, IdentitySplit split, int? limit) =>
        limit is int k ? LimitFitIdentities(index, split.FitRows, k) : split.FitRows;

    /// <summary>
    /// The training-size experiment: keep the fitting rows of the first <paramref name="limit"/>
    /// fitting identities in the order of a SplitMix64 key of their code (seed-independent), so
    /// that a larger limit keeps every identity of a smaller one.
    /// </summary>
    private static int[] LimitFitIdentities(DatasetIndex index, int[] fitRows, int limit)
    {
        if (limit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The number of fitting identities must be at least 1.");
        }

        int[] codes = fitRows.Select(r => index.IdentityCodes[r]).Distinct().ToArray();
        if (codes.Length <= limit)
        {
            return fitRows;
        }

        var kept = codes.OrderBy(c => SplitMix64.Mix((ulong)c ^ 0x5EEDUL)).ThenBy(c => c).Take(limit).ToHashSet();
        return fitRows.Where(r => kept.Contains(index.IdentityCodes[r])).ToArray();
    }

    private static int CountIdentities(DatasetIndex index, int[] rows) => rows.Select(r => index.IdentityCodes[r]).Distinct().Count();
}
