using FaceCompat.Data;
using FaceCompat.Mapping;

namespace FaceCompat.Study;

/// <summary>
/// Runs the intra-dataset and cross-dataset protocols of PROTOCOL.md for one (source, target)
/// pair: split (or not), fit every requested method once on shared preprocessing, evaluate each.
/// </summary>
public static partial class ProtocolRunner
{
    /// <summary>The intra-dataset cells of one ordered pair and seed: split identities, fit each method on the fit part, evaluate on the test part.</summary>
    public static IReadOnlyList<CellResult> RunIntra(DatasetFolder data, string source, string target, int seed, IReadOnlyList<MapMethod> methods, ProtocolOptions options)
        => RunIntraCore(data, source, target, seed, methods, options);

    /// <summary>Fit (means and map) on all rows of <paramref name="fitData"/>; evaluate on all rows of <paramref name="evalData"/>.</summary>
    public static IReadOnlyList<CellResult> RunCross(DatasetFolder fitData, DatasetFolder evalData, string source, string target, IReadOnlyList<MapMethod> methods, ProtocolOptions options)
        => RunCrossCore(fitData, evalData, source, target, methods, options);

    /// <summary>
    /// Evaluate an already fitted map (an adapter) on all rows of <paramref name="evalData"/>: no split,
    /// no fitting. Protocol "adapter"; <paramref name="fitDataset"/> names where the map came from.
    /// </summary>
    public static IReadOnlyList<CellResult> RunWithMap(FittedMap map, string fitDataset, DatasetFolder evalData, string source, string target, ProtocolOptions options)
        => RunWithMapCore(map, fitDataset, evalData, source, target, options);
}
