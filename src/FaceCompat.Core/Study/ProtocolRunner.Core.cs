using FaceCompat.Alignment;
using FaceCompat.Data;

namespace FaceCompat.Study;

public static partial class ProtocolRunner
{
    private static IReadOnlyList<CellResult> RunIntraCore(DatasetFolder data, string source, string target, int seed, IReadOnlyList<MapMethod> methods, ProtocolOptions options)
        => throw new NotSupportedException("in progress");

    private static IReadOnlyList<CellResult> RunCrossCore(DatasetFolder fitData, DatasetFolder evalData, string source, string target, IReadOnlyList<MapMethod> methods, ProtocolOptions options)
        => throw new NotSupportedException("in progress");
}
