using System.Globalization;
using System.Text;
using FaceCompat.Data;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Evaluation;

/// <summary>One row of the LFW 10-fold table (the paper's Table 6), accuracies in percent.</summary>
public sealed record LfwTableRow(string Source, string Target, LfwMapping Mapping, double Mean, double StandardDeviation, double SourceAccuracy, double TargetAccuracy)
{
    /// <summary>Mapped accuracy minus the source model's own (unmapped) accuracy.</summary>
    public double ChangeVersusSource => Mean - SourceAccuracy;
}

/// <summary>
/// Every ordered pair of the given models: the diagonal holds each model's own unmapped
/// accuracy; every off-diagonal pair holds the ridge-mapped accuracy and the identity-map control.
/// </summary>
public static class LfwTenFoldTable
{
    /// <summary>The header of <see cref="ToCsv"/>.</summary>
    public const string CsvHeader = "source,target,mapping,mean_accuracy,std_accuracy,source_accuracy,target_accuracy,change_vs_source";

    /// <summary>Every ordered pair of <paramref name="models"/> (and each model alone on the diagonal); with <paramref name="includeControl"/>, the identity-map control rows too.</summary>
    public static IReadOnlyList<LfwTableRow> Run(DatasetFolder data, LfwPairs pairs, IReadOnlyList<string> models, double ridgeLambda, IDenseKernels kernels, bool includeControl = true)
    {
        ArgumentNullException.ThrowIfNull(models);
        var own = new Dictionary<string, LfwTenFoldResult>(StringComparer.Ordinal);
        foreach (string model in models.Distinct(StringComparer.Ordinal))
        {
            own[model] = LfwTenFold.Run(data, pairs, model, model, LfwMapping.Unmapped, ridgeLambda, kernels);
        }

        var rows = new List<LfwTableRow>();
        foreach (string source in models)
        {
            foreach (string target in models)
            {
                double s = own[source].Mean;
                double t = own[target].Mean;
                if (source == target)
                {
                    rows.Add(new LfwTableRow(source, target, LfwMapping.Unmapped, s, own[source].StandardDeviation, s, t));
                    continue;
                }

                LfwTenFoldResult ridge = LfwTenFold.Run(data, pairs, source, target, LfwMapping.Ridge, ridgeLambda, kernels);
                rows.Add(new LfwTableRow(source, target, LfwMapping.Ridge, ridge.Mean, ridge.StandardDeviation, s, t));
                if (includeControl)
                {
                    LfwTenFoldResult control = LfwTenFold.Run(data, pairs, source, target, LfwMapping.Identity, ridgeLambda, kernels);
                    rows.Add(new LfwTableRow(source, target, LfwMapping.Identity, control.Mean, control.StandardDeviation, s, t));
                }
            }
        }

        return rows;
    }

    /// <summary>CSV with <see cref="CsvHeader"/>; numbers culture-invariant, round-trip ("R").</summary>
    public static string ToCsv(IEnumerable<LfwTableRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder().Append(CsvHeader).Append('\n');
        foreach (LfwTableRow r in rows)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{r.Source},{r.Target},{Name(r.Mapping)},{r.Mean:R},{r.StandardDeviation:R},{r.SourceAccuracy:R},{r.TargetAccuracy:R},{r.ChangeVersusSource:R}\n");
        }

        return sb.ToString();
    }

    /// <summary>The mapping's name in tables and CSV.</summary>
    public static string Name(LfwMapping mapping) => mapping switch
    {
        LfwMapping.Unmapped => "unmapped",
        LfwMapping.Ridge => "ridge",
        _ => "identity",
    };
}
