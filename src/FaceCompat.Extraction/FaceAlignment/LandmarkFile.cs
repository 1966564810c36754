using System.Globalization;
using FaceCompat.Data;

namespace FaceCompat.Extraction.FaceAlignment;

/// <summary>
/// A tab-separated 5-point landmark file: header with <c>image</c> and <c>leye_x leye_y reye_x reye_y
/// nose_x nose_y lmouth_x lmouth_y rmouth_x rmouth_y</c> (other columns ignored), one row per image path.
/// </summary>
public static class LandmarkFile
{
    private static readonly string[] s_columns = ["leye_x", "leye_y", "reye_x", "reye_y", "nose_x", "nose_y", "lmouth_x", "lmouth_y", "rmouth_x", "rmouth_y"];

    /// <summary>Reads the file; <paramref name="oneBased"/> subtracts 1 from every coordinate (MATLAB pixel centres).</summary>
    public static Dictionary<string, double[]> Read(string path, bool oneBased)
    {
        if (!File.Exists(path))
        {
            throw DataFormatException.InFile(path, "landmark file not found. Give a TSV with image, leye_x, ..., rmouth_y (docs/extraction.md), or use --detector.");
        }

        var result = new Dictionary<string, double[]>(StringComparer.Ordinal);
        using var reader = new StreamReader(path);
        string header = reader.ReadLine() ?? throw new DataFormatException($"{path}: row 1: empty file. Expected a header with image, leye_x, ..., rmouth_y.");
        string[] names = header.Split('\t');
        int image = Array.IndexOf(names, "image");
        int[] cols = s_columns.Select(c => Array.IndexOf(names, c)).ToArray();
        if (image < 0 || cols.Any(c => c < 0))
        {
            throw new DataFormatException($"{path}: row 1: header lacks image or a landmark column. Expected image, {string.Join(", ", s_columns)}.");
        }

        double shift = oneBased ? 1.0 : 0.0;
        int row = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            row++;
            if (line.Length == 0)
            {
                continue;
            }

            string[] f = line.Split('\t');
            double[] p = new double[10];
            for (int i = 0; i < 10; i++)
            {
                if (cols[i] >= f.Length || !double.TryParse(f[cols[i]], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                {
                    throw new DataFormatException($"{path}: row {row}, column {cols[i] + 1}: not a finite number. Fix or remove the row.");
                }

                p[i] = v - shift;
            }

            result[f[image]] = p;
        }

        return result;
    }
}
