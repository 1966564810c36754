using System.Globalization;
using System.Text;
using FaceCompat.Statistics;

namespace FaceCompat.Geometry;

/// <summary>
/// The two CSV tables of the macroscale measure in a study's <c>geometry/</c> folder
/// (docs/study-format.md), culture-invariant, numbers round-trip (<c>R</c>):
/// <see cref="FileName"/>, one row per (model, attribute, modality), and <see cref="SpearmanFileName"/>,
/// one row per model with Spearman's rho between intra-entropy and mean KS over its attributes.
/// </summary>
public static class MacroscaleTable
{
    /// <summary>The per-modality table's file name.</summary>
    public const string FileName = "macroscale.csv";

    /// <summary>The per-model Spearman table's file name.</summary>
    public const string SpearmanFileName = "macroscale-spearman.csv";

    /// <summary>Header of <see cref="FileName"/>; <c>exact</c> is <c>exact</c> or <c>asymptotic</c> (how the KS p-value was computed).</summary>
    public const string Header = "model,attribute,modality,cloud_size,ks,p_value,exact,mean_ks,intra_entropy";

    /// <summary>Header of <see cref="SpearmanFileName"/>; <c>attributes</c> counts the model's attributes the rho is over.</summary>
    public const string SpearmanHeader = "model,rho,p_value,attributes";

    /// <summary>The text of <see cref="FileName"/>: the header, then the rows in the order of <paramref name="result"/>.</summary>
    public static string ToCsv(MacroscaleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var csv = new StringBuilder(Header).Append('\n');
        foreach (AttributeMacroscale a in result.Attributes)
        {
            foreach (ModalityKs m in a.Modalities)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{a.Model},{a.Attribute},{m.Modality},{m.CloudSize},{m.Ks.Statistic:R},{m.Ks.PValue:R},{(m.Ks.Exact ? "exact" : "asymptotic")},{a.MeanKs:R},{a.IntraEntropy:R}\n");
            }
        }

        return csv.ToString();
    }

    /// <summary>The text of <see cref="SpearmanFileName"/>: the header, then one row per model that has a Spearman result.</summary>
    public static string SpearmanToCsv(MacroscaleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var csv = new StringBuilder(SpearmanHeader).Append('\n');
        foreach ((string model, SpearmanResult s) in result.Spearman)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{model},{s.Rho:R},{s.PValue:R},{result.Attributes.Count(a => a.Model == model)}\n");
        }

        return csv.ToString();
    }
}
