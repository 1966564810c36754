using System.Globalization;
using System.Text;
using FaceCompat.Data;
using FaceCompat.Evaluation;
using FaceCompat.Linkability;
using FaceCompat.Mapping;
using FaceCompat.Study;

namespace FaceCompat.Audit;

/// <summary>
/// The audit's findings per attack method: mean (and sample std over seeds) of the linkage rate
/// (Rank-1: share of source records whose closest target record is the same person), TMR at
/// FMR 0.1 %, EER and D_sys for both mated definitions; and the strongest attack (highest D_sys
/// over different captures). Writes a Markdown table, the cells as JSON lines and the D(s) curves as CSV.
/// </summary>
public sealed class AuditSummary
{
    private AuditSummary(AuditPlan plan, IReadOnlyList<CellResult> cells, IReadOnlyList<MethodRow> rows)
    {
        Plan = plan;
        Cells = cells;
        Rows = rows;
    }

    /// <summary>The plan the cells came from.</summary>
    public AuditPlan Plan { get; }

    /// <summary>Every evaluated cell, in plan order.</summary>
    public IReadOnlyList<CellResult> Cells { get; }

    /// <summary>One row per method: the linkability and task metrics over its cells.</summary>
    public IReadOnlyList<MethodRow> Rows { get; }

    /// <summary>The method with the highest mean D_sys (different captures): the attacker's best choice.</summary>
    public MethodRow Strongest => Rows.OrderByDescending(r => r.DsysOther.Mean).ThenBy(r => r.Method).First();

    /// <summary>Groups the cells by method into <see cref="Rows"/>.</summary>
    public static AuditSummary Create(AuditPlan plan, IReadOnlyList<CellResult> cells)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0 || cells.Any(c => c.Linkability is null))
        {
            throw new ArgumentException("An audit summary needs cells with linkability.", nameof(cells));
        }

        MethodRow[] rows = cells
            .GroupBy(c => c.Method)
            .Select(g => new MethodRow(
                g.Key,
                g.Count(),
                MetricAggregate.Over(g.Select(c => c.Metrics.Rank1)),
                MetricAggregate.Over(g.Select(c => c.Metrics.TmrAtFmr01)),
                MetricAggregate.Over(g.Select(c => c.Metrics.Eer)),
                MetricAggregate.Over(g.Select(c => c.Linkability!.OtherCapture.Dsys)),
                g.All(c => c.Linkability!.SameCapture is not null) ? MetricAggregate.Over(g.Select(c => c.Linkability!.SameCapture!.Dsys)) : null))
            .OrderBy(r => MapMethods.Known.IndexOf(r.Method))
            .ToArray();
        return new AuditSummary(plan, cells, rows);
    }

    /// <summary>Writes the audit table as Markdown (one row per method, D_sys with its interval).</summary>
    public void WriteMarkdown(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        CellResult first = Cells[0];
        output.WriteLine(Invariant($"Template-linkability audit: {Plan.Source} records -> {Plan.Target} records, {first.Metrics.TestImages} images of {first.Metrics.TestIdentities} identities of '{first.Dataset}' in each system."));
        output.WriteLine($"The attacker {Plan.Attacker}.");
        output.WriteLine();
        output.WriteLine("| attack map | runs | linked at Rank-1 % | TMR@FMR=0.1% | EER % | D_sys, other capture | 95 % CI | D_sys, same capture |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (MethodRow r in Rows)
        {
            string same = r.DsysSame is MetricAggregate sameCapture ? MetricCatalogue.Dsys.Format(sameCapture) : "-";
            output.WriteLine(Invariant($"| {r.Method.ToName()} | {r.Runs} | {MetricCatalogue.Rank1.Format(r.Rank1)} | {MetricCatalogue.TmrAtFmr01.Format(r.TmrAtFmr01)} | {MetricCatalogue.Eer.Format(r.Eer)} | {MetricCatalogue.Dsys.Format(r.DsysOther)} | {Interval(r.Method)} | {same} |"));
        }

        MethodRow s = Strongest;
        output.WriteLine();
        output.WriteLine(Invariant($"Strongest attack: {s.Method.ToName()}, D_sys {s.DsysOther.Mean:F3} for records of different captures of a person; {s.Rank1.Mean:F1} % of {Plan.Source} records have their {Plan.Target} record of the same person as the closest match."));
        output.WriteLine(Invariant($"D_sys (Gomez-Barrero et al., IEEE TIFS 2018; prior ratio {Cells[0].Linkability!.OtherCapture.Omega}): 0 = the scores carry no evidence that two records are the same person (unlinkable), 1 = every mated pair is recognisably mated (fully linkable). 'baseline' is the attacker without a map."));
        if (Cells[0].Linkability!.OtherCapture.Bootstrap > 0)
        {
            output.WriteLine(Invariant($"95 % CI: D_sys ± 1.96 x its spread over {Cells[0].Linkability!.OtherCapture.Bootstrap} bootstrap resamples of the {Plan.Source} records' identities (first run of each map: that split held fixed, so narrower than the spread over seeds); 'runs' > 1 rows show mean ± std over seeds."));
        }
    }

    /// <summary>The bootstrap interval of the method's first run (first seed), or "-" when none was computed.</summary>
    private string Interval(MapMethod method)
    {
        CellResult first = Cells.First(c => c.Method == method);
        LinkabilityResult l = first.Linkability!.OtherCapture;
        string seed = first.Seed is int s && Cells.Count(c => c.Method == method) > 1 ? Invariant($" (seed {s})") : "";
        return l.DsysLower is double lower && l.DsysUpper is double upper
            ? Invariant($"{lower:F3}-{upper:F3}{seed}")
            : "-";
    }

    /// <summary>Writes <c>audit.md</c>, <c>audit.jsonl</c> (every cell in full) and <c>audit-curves.csv</c> into <paramref name="directory"/>.</summary>
    public void WriteFiles(string directory)
    {
        Directory.CreateDirectory(directory);
        using (var md = new StringWriter(CultureInfo.InvariantCulture))
        {
            WriteMarkdown(md);
            AtomicFile.WriteText(Path.Combine(directory, "audit.md"), md.ToString());
        }

        AtomicFile.WriteText(Path.Combine(directory, "audit.jsonl"), string.Concat(Cells.Select(c => StudyFolder.FormatCell(c, full: true) + "\n")));
        var csv = new StringBuilder("method,seed,mated,bin_centre,mated_density,non_mated_density,local_linkability\n");
        foreach (CellResult c in Cells)
        {
            string seed = c.Seed?.ToString(CultureInfo.InvariantCulture) ?? "";
            foreach ((string name, LinkabilityResult? l) in new[] { ("other_capture", c.Linkability!.OtherCapture), ("same_capture", c.Linkability.SameCapture) })
            {
                for (int k = 0; l is not null && k < l.Centres.Length; k++)
                {
                    csv.Append(Invariant($"{c.Method.ToName()},{seed},{name},{l.Centres[k]:R},{l.MatedDensity[k]:R},{l.NonMatedDensity[k]:R},{l.Local[k]:R}\n"));
                }
            }
        }

        AtomicFile.WriteText(Path.Combine(directory, "audit-curves.csv"), csv.ToString());
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>One attack method's figures over its runs (mean and sample std, <see cref="MetricAggregate"/>).</summary>
    public sealed record MethodRow(MapMethod Method, int Runs, MetricAggregate Rank1, MetricAggregate TmrAtFmr01, MetricAggregate Eer, MetricAggregate DsysOther, MetricAggregate? DsysSame);
}
