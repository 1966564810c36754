using FaceCompat.Mapping;
using FaceCompat.Study;

namespace FaceCompat.Audit;

/// <summary>Runs an <see cref="AuditPlan"/>: one cell per method (and seed), each with identification, verification and linkability.</summary>
public static class AuditRunner
{
    /// <summary>Runs every cell of the plan (each with its linkability) and returns them in plan order; <paramref name="progress"/> gets one line per cell.</summary>
    public static IReadOnlyList<CellResult> Run(AuditPlan plan, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ProtocolOptions options = plan.Options with { LinkabilityOmega = plan.Options.LinkabilityOmega ?? 1.0 };
        if (plan.Adapter is (var map, string fittedOn))
        {
            progress?.Report($"adapter ({map.Method.ToName()}) on {plan.Data.Name}");
            return ProtocolRunner.RunWithMap(map, fittedOn, plan.Data, plan.Source, plan.Target, options);
        }

        if (plan.FitData is not null)
        {
            progress?.Report($"fit on {plan.FitData.Name}, evaluate on {plan.Data.Name}");
            return ProtocolRunner.RunCross(plan.FitData, plan.Data, plan.Source, plan.Target, plan.Methods, options);
        }

        ProtocolChecks.ThrowIfAny(ProtocolChecks.Intra(plan.Data, plan.Seeds, plan.Options.TestPercent));
        var cells = new List<CellResult>();
        foreach (int seed in plan.Seeds)
        {
            progress?.Report($"seed {seed}");
            cells.AddRange(ProtocolRunner.RunIntra(plan.Data, plan.Source, plan.Target, seed, plan.Methods, options));
        }

        return cells;
    }
}
