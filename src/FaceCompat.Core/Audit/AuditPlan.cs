using FaceCompat.Data;
using FaceCompat.Mapping;
using FaceCompat.Study;

namespace FaceCompat.Audit;

/// <summary>
/// What a template-linkability audit runs: the two systems' templates of the same images
/// (<see cref="Data"/>, models <see cref="Source"/> and <see cref="Target"/>) and the attacker's
/// way to a map between them, one of
/// <list type="bullet">
/// <item>an adapter that exists (<see cref="Adapter"/>: e.g. a vendor's migration map that could leak), evaluated on every row;</item>
/// <item>public paired data (<see cref="FitData"/>): the cross-dataset protocol, every method;</item>
/// <item>neither: the attacker has paired data of other people from the same population (the intra protocol's split), every method and seed.</item>
/// </list>
/// </summary>
public sealed record AuditPlan
{
    /// <summary>The evaluated templates: both models' embeddings of the same images.</summary>
    public required DatasetFolder Data { get; init; }

    /// <summary>The model whose templates the attacker holds (the map's input).</summary>
    public required string Source { get; init; }

    /// <summary>The model whose templates are linked against (the map's output).</summary>
    public required string Target { get; init; }

    /// <summary>Public paired data of other people to fit on (the cross-dataset protocol); null to use the intra protocol's split.</summary>
    public DatasetFolder? FitData { get; init; }

    /// <summary>A fitted adapter and the name of the data it came from.</summary>
    public (FittedMap Map, string FittedOn)? Adapter { get; init; }

    /// <summary>Map methods fitted when no <see cref="Adapter"/> is given.</summary>
    public IReadOnlyList<MapMethod> Methods { get; init; } = MapMethods.All;

    /// <summary>Split seeds of the intra protocol (ignored with <see cref="FitData"/> or <see cref="Adapter"/>).</summary>
    public IReadOnlyList<int> Seeds { get; init; } = [0];

    /// <summary>Protocol options; <see cref="ProtocolOptions.LinkabilityOmega"/> is the prior ratio (1 when null).</summary>
    public required ProtocolOptions Options { get; init; }

    /// <summary>One line for people: who the attacker is in this plan.</summary>
    public string Attacker => Adapter is (_, string fittedOn)
        ? $"holds the adapter fitted on '{fittedOn}'"
        : FitData is not null
            ? $"fits maps on public paired data '{FitData.Name}' (all of it; evaluated on all of '{Data.Name}')"
            : $"fits maps on paired data of other identities of '{Data.Name}' ({100 - Options.TestPercent} % of identities; seeds {string.Join(',', Seeds)})";
}
