using FaceCompat.Data;
using FaceCompat.Randomness;
using FaceCompat.Statistics;

namespace FaceCompat.Geometry;

/// <summary>KS between one modality's intra-modality distances and the inter-modality distances.</summary>
public sealed record ModalityKs(string Modality, int CloudSize, long IntraDistances, long InterDistances, KsResult Ks);

/// <summary>One binary attribute seen by one model: its modalities' KS tests, their mean and the attribute's intra-entropy.</summary>
public sealed record AttributeMacroscale(string Model, string Attribute, IReadOnlyList<ModalityKs> Modalities, double MeanKs, double IntraEntropy);

/// <summary>Per model: every attribute, and the Spearman correlation between the attributes' intra-entropies and mean KS.</summary>
public sealed record MacroscaleResult(IReadOnlyList<AttributeMacroscale> Attributes, IReadOnlyDictionary<string, SpearmanResult> Spearman, IReadOnlyList<string> Skipped);

/// <summary>
/// The macroscale measure of "Attributes Shape the Embedding Space" (PROTOCOL.md, GEOMETRY): for each
/// binary attribute, one image per identity (seeded), equal-size modality clouds (seeded subsample
/// to the smaller cloud, at most <c>maxCloud</c>), cosine dissimilarity 1 - cos between unit rows;
/// per modality, the two-sample KS statistic and p-value between its intra-modality distances (pairs
/// within the cloud) and the inter-modality distances (pairs across the two clouds); the attribute's
/// KS is the mean over its modalities. Intra-entropy: mean over identities with at least two images
/// of the base-2 entropy of the attribute's values within the identity (0 when constant, 1 for an
/// even split). Spearman: over the attributes, intra-entropy against mean KS.
/// </summary>
public static class Macroscale
{
    /// <param name="identityCodes">Identity of each row.</param>
    /// <param name="embeddings">Each model's rows, in the same row order.</param>
    /// <param name="attributes">Each attribute's value per row ("" = unknown: the row is left out).</param>
    public static MacroscaleResult Run(int[] identityCodes, IReadOnlyDictionary<string, Matrix<float>> embeddings, IReadOnlyDictionary<string, string[]> attributes, int seed, int maxCloud)
    {
        ArgumentNullException.ThrowIfNull(identityCodes);
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(attributes);
        int[] chosen = OneImagePerIdentity(identityCodes, seed);
        var results = new List<AttributeMacroscale>();
        var skipped = new List<string>();
        foreach ((string attribute, string[] values) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            string[] modalities = values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            if (modalities.Length != 2)
            {
                skipped.Add($"{attribute}: {modalities.Length} distinct values (a binary attribute has 2)");
                continue;
            }

            int[][] clouds = modalities.Select(m => chosen.Where(r => values[r] == m).ToArray()).ToArray();
            int size = Math.Min(maxCloud, clouds.Min(c => c.Length));
            if (size < 2)
            {
                skipped.Add($"{attribute}: a modality has {clouds.Min(c => c.Length)} identities (at least 2 are needed)");
                continue;
            }

            clouds = clouds.Select((c, m) => Subsample(c, size, seed, attribute, m)).ToArray();
            double entropy = IntraEntropy(identityCodes, values);
            foreach ((string model, Matrix<float> rows) in embeddings.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                double[][] unit = clouds.Select(c => UnitRows(rows, c)).ToArray();
                double[] inter = Distances(unit[0], unit[1], rows.Columns);
                var perModality = new List<ModalityKs>();
                for (int m = 0; m < 2; m++)
                {
                    double[] intra = Distances(unit[m], null, rows.Columns);
                    perModality.Add(new ModalityKs(modalities[m], size, intra.Length, inter.Length, KolmogorovSmirnov.TwoSample(intra, inter)));
                }

                results.Add(new AttributeMacroscale(model, attribute, perModality, perModality.Average(p => p.Ks.Statistic), entropy));
            }
        }

        var spearman = new Dictionary<string, SpearmanResult>(StringComparer.Ordinal);
        foreach (IGrouping<string, AttributeMacroscale> model in results.GroupBy(r => r.Model))
        {
            if (model.Count() >= 3)
            {
                spearman[model.Key] = SpearmanCorrelation.Compute(model.Select(a => a.IntraEntropy).ToArray(), model.Select(a => a.MeanKs).ToArray());
            }
        }

        return new MacroscaleResult(results, spearman, skipped);
    }

    /// <summary>Mean over identities with at least two images of the base-2 entropy of the values within the identity.</summary>
    public static double IntraEntropy(int[] identityCodes, string[] values)
    {
        ArgumentNullException.ThrowIfNull(identityCodes);
        ArgumentNullException.ThrowIfNull(values);
        double sum = 0;
        int identities = 0;
        foreach (IGrouping<int, int> identity in Enumerable.Range(0, identityCodes.Length).Where(r => values[r].Length > 0).GroupBy(r => identityCodes[r]))
        {
            int count = identity.Count();
            if (count < 2)
            {
                continue;
            }

            identities++;
            foreach (IGrouping<string, int> value in identity.GroupBy(r => values[r], StringComparer.Ordinal))
            {
                double p = (double)value.Count() / count;
                sum -= p * Math.Log2(p);
            }
        }

        return identities == 0 ? double.NaN : sum / identities;
    }

    private static int[] OneImagePerIdentity(int[] identityCodes, int seed) =>
        Enumerable.Range(0, identityCodes.Length)
            .GroupBy(r => identityCodes[r])
            .Select(g => g.MinBy(r => SplitMix64.Mix(((ulong)(uint)seed << 32) ^ (ulong)(uint)r)))
            .Order()
            .ToArray();

    private static int[] Subsample(int[] cloud, int size, int seed, string attribute, int modality)
    {
        ulong salt = StableHash(attribute) ^ ((ulong)(uint)modality << 40) ^ ((ulong)(uint)seed << 20);
        return cloud.OrderBy(r => SplitMix64.Mix(salt ^ (ulong)(uint)r)).ThenBy(r => r).Take(size).Order().ToArray();
    }

    /// <summary>FNV-1a of the name (string.GetHashCode differs from run to run).</summary>
    private static ulong StableHash(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char ch in text)
        {
            hash = (hash ^ ch) * 1099511628211UL;
        }

        return hash;
    }

    private static double[] UnitRows(Matrix<float> rows, int[] selection)
    {
        int d = rows.Columns;
        double[] unit = new double[selection.Length * d];
        for (int i = 0; i < selection.Length; i++)
        {
            ReadOnlySpan<float> src = rows.Row(selection[i]);
            double norm = 0;
            foreach (float v in src)
            {
                norm += (double)v * v;
            }

            double scale = norm > 0 ? 1.0 / Math.Sqrt(norm) : 1.0;
            for (int c = 0; c < d; c++)
            {
                unit[(i * d) + c] = src[c] * scale;
            }
        }

        return unit;
    }

    /// <summary>1 - cos for every pair within <paramref name="a"/> (i &lt; j) when <paramref name="b"/> is null, else for every pair across.</summary>
    private static double[] Distances(double[] a, double[]? b, int d)
    {
        int na = a.Length / d;
        int nb = b is null ? 0 : b.Length / d;
        double[] result = new double[b is null ? (long)na * (na - 1) / 2 : (long)na * nb];
        int next = 0;
        for (int i = 0; i < na; i++)
        {
            ReadOnlySpan<double> x = a.AsSpan(i * d, d);
            int start = b is null ? i + 1 : 0;
            int end = b is null ? na : nb;
            double[] other = b ?? a;
            for (int j = start; j < end; j++)
            {
                result[next++] = 1.0 - System.Numerics.Tensors.TensorPrimitives.Dot(x, other.AsSpan(j * d, d));
            }
        }

        return result;
    }
}
