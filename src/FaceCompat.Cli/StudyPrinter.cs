using System.Globalization;
using FaceCompat.Evaluation;
using FaceCompat.Study;

namespace FaceCompat.Cli;

/// <summary>The headline tables of a study, as text for stdout.</summary>
internal static class StudyPrinter
{
    public static void Print(StudySummary summary, TextWriter output, string headlineMethod = "procrustes")
    {
        output.WriteLine("Mean Rank-1 over ordered pairs of different models (self rows excluded), per dataset and method:");
        foreach (var group in summary.Rows.Where(r => !r.LimitedFit && r.Source != r.Target).GroupBy(r => (r.DatasetLabel, r.Method)))
        {
            double mean = group.Average(r => r[MetricCatalogue.Rank1].Mean);
            double auc = group.Average(r => r[MetricCatalogue.Auc].Mean);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {group.Key.DatasetLabel,-28} {group.Key.Method,-11} Rank-1 {mean,6:F1} %   AUC {auc:F3}   ({group.Count()} pairs)"));
        }

        PrintFamilies(summary, output, headlineMethod);
        foreach (CompatibilityMatrix m in summary.Matrices.Where(m => m.Method == headlineMethod))
        {
            output.WriteLine();
            output.WriteLine($"Compatibility matrix, {m.Dataset}, {m.Method} (mean Rank-1 %, rows = source, columns = target):");
            output.Write(m.ToText());
            output.WriteLine();
            output.WriteLine($"Average-linkage clustering on 100 - symmetrised Rank-1 ({m.Dataset}, {m.Method}):");
            output.Write(m.Cluster().ToText());
            output.WriteLine();
            output.WriteLine($"Incoming / outgoing compatibility and self Rank-1 ({m.Dataset}, {m.Method}):");
            for (int i = 0; i < m.Models.Count; i++)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {m.Models[i],-16} in {m.Incoming(i),6:F1}   out {m.Outgoing(i),6:F1}   self {m.Self(i),6:F1}"));
            }
        }
    }

    /// <summary>Within- and between-family means per dataset and method (<see cref="FamilyComparison"/>), and every family block of the headline method; nothing without two families.</summary>
    private static void PrintFamilies(StudySummary summary, TextWriter output, string headlineMethod)
    {
        IReadOnlyList<FamilyComparison> families = FamilyComparison.Of(summary.Rows, summary.Families, perDataset: true);
        if (families.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine($"Family means over ordered pairs of different models (own-space diagonal excluded; families {string.Join(", ", families[0].Families)}), per dataset and method:");
        foreach (FamilyComparison f in families)
        {
            IEnumerable<FamilyBlock> blocks = f.Method == headlineMethod ? [f.Within, f.Between, .. f.Blocks] : [f.Within, f.Between];
            foreach (FamilyBlock b in blocks.Where(b => b.Pairs > 0))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {f.Dataset,-28} {f.Method,-11} {b.Label,-22} Rank-1 {b.Mean(MetricCatalogue.Rank1),6:F1} %   AUC {b.Mean(MetricCatalogue.Auc):F3}   TMR@FMR=0.1% {b.Mean(MetricCatalogue.TmrAtFmr01),6:F1} %   ({b.Pairs} pairs)"));
            }
        }
    }
}
