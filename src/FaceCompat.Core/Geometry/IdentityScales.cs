using System.Globalization;
using System.Text;
using FaceCompat.Data;

namespace FaceCompat.Geometry;

/// <summary>Mean intra- and inter-identity cosine dissimilarity (1 - cos) of one model (the paper's Table 1).</summary>
public readonly record struct IdentityScale(string Model, double MeanIntra, double MeanInter, long IntraPairs, long InterPairs);

/// <summary>
/// Exact means over every unordered pair of images, in O(n d): with unit rows u, the sum of u_i . u_j
/// over pairs of a set S is (|sum_S u|^2 - |S|) / 2, so the intra sum adds that over identities and the
/// inter sum is the all-pairs sum minus the intra sum. NaN when a kind of pair does not exist
/// (no identity with two images, or a single identity): not defined, an empty field in the CSV.
/// </summary>
public static class IdentityScales
{
    /// <summary>The header of <see cref="ToCsv"/>.</summary>
    public const string CsvHeader = "model,mean_intra_distance,mean_inter_distance,intra_pairs,inter_pairs";

    /// <summary>Mean Euclidean distance within and between identities over every pair of rows of one model.</summary>
    public static IdentityScale Compute(string model, Matrix<float> embeddings, int[] identityCodes)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(identityCodes);
        int d = embeddings.Columns;
        var total = new double[d];
        var perIdentity = new Dictionary<int, (double[] Sum, long Count)>();
        for (int i = 0; i < embeddings.Rows; i++)
        {
            Span<float> row = embeddings.MutableRow(i);
            double norm = 0.0;
            foreach (float v in row)
            {
                norm += (double)v * v;
            }

            norm = Math.Sqrt(norm);
            if (!perIdentity.TryGetValue(identityCodes[i], out var acc))
            {
                acc = (new double[d], 0);
            }

            for (int c = 0; c < d; c++)
            {
                double u = row[c] / norm;
                total[c] += u;
                acc.Sum[c] += u;
            }

            perIdentity[identityCodes[i]] = (acc.Sum, acc.Count + 1);
        }

        long n = embeddings.Rows;
        double allDot = (SquaredNorm(total) - n) / 2.0;
        long allPairs = n * (n - 1) / 2;
        double intraDot = 0.0;
        long intraPairs = 0;
        foreach ((double[] sum, long count) in perIdentity.Values)
        {
            intraDot += (SquaredNorm(sum) - count) / 2.0;
            intraPairs += count * (count - 1) / 2;
        }

        long interPairs = allPairs - intraPairs;
        double intra = intraPairs == 0 ? double.NaN : 1.0 - (intraDot / intraPairs);
        double inter = interPairs == 0 ? double.NaN : 1.0 - ((allDot - intraDot) / interPairs);
        return new IdentityScale(model, intra, inter, intraPairs, interPairs);
    }

    /// <summary>CSV with <see cref="CsvHeader"/>.</summary>
    public static string ToCsv(IEnumerable<IdentityScale> scales)
    {
        ArgumentNullException.ThrowIfNull(scales);
        var sb = new StringBuilder().Append(CsvHeader).Append('\n');
        foreach (IdentityScale s in scales)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{s.Model},{Defined(s.MeanIntra)},{Defined(s.MeanInter)},{s.IntraPairs},{s.InterPairs}\n");
        }

        return sb.ToString();
    }

    /// <summary>A mean over no pairs is not defined: an empty CSV field (its pair count is 0).</summary>
    private static string Defined(double v) => double.IsNaN(v) ? string.Empty : v.ToString("R", CultureInfo.InvariantCulture);

    private static double SquaredNorm(double[] v) => v.Sum(x => x * x);
}
