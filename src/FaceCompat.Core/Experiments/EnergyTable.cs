using System.Globalization;
using System.Text;

namespace FaceCompat.Experiments;

/// <summary>energy.csv of the study's geometry folder (docs/geometry.md).</summary>
public static class EnergyTable
{
    /// <summary>The header of the energy CSV.</summary>
    public const string CsvHeader = "model,attribute,relative_scale,run,energy";

    /// <summary>The CSV rows (without header) of one model's energies.</summary>
    public static string ToCsv(string model, IEnumerable<ToyEnergy> energies)
    {
        ArgumentNullException.ThrowIfNull(energies);
        var sb = new StringBuilder().Append(CsvHeader).Append('\n');
        foreach (ToyEnergy e in energies)
        {
            string attribute = e.Useful ? $"useful{e.Dimension}" : $"useless{e.Dimension}";
            sb.Append(CultureInfo.InvariantCulture, $"{model},{attribute},{e.RelativeScale:R},{e.Run},{e.Energy:R}\n");
        }

        return sb.ToString();
    }
}
