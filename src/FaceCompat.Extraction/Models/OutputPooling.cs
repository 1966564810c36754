namespace FaceCompat.Extraction.Models;

/// <summary>
/// One embedding row per image from a model's output, as the manifest's <see cref="ModelManifest.Pooling"/>
/// says: "none" flattens everything after the batch axis; "cls" takes token 0 of an [N, T, D] output;
/// "mean" averages its T tokens (in float64, then narrowed).
/// </summary>
public static class OutputPooling
{
    /// <summary>The first <paramref name="rows"/> images' rows of an output of <paramref name="batch"/> images.</summary>
    /// <exception cref="ModelException">The output's shape does not fit the pooling (names the model and the shape).</exception>
    public static IEnumerable<float[]> Rows(ModelManifest m, float[] data, IReadOnlyList<long> shape, int batch, int rows)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Count == 0 || shape[0] != batch || data.Length % batch != 0 || data.Length == 0)
        {
            throw new ModelException($"model '{m.Name}': output '{m.Output}' has shape [{string.Join(", ", shape)}] for a batch of {batch}; expected the batch first. Check the manifest's output name.");
        }

        int per = data.Length / batch;
        if (m.Pooling == "none")
        {
            return Enumerable.Range(0, rows).Select(i => data.AsSpan(i * per, per).ToArray()).ToList();
        }

        if (shape.Count != 3)
        {
            throw new ModelException($"model '{m.Name}': pooling '{m.Pooling}' needs an [N, T, D] output, but '{m.Output}' has shape [{string.Join(", ", shape)}]. Use pooling none, or the model's [N, T, D] output (e.g. last_hidden_state).");
        }

        int tokens = (int)shape[1], width = (int)shape[2];
        var result = new List<float[]>(rows);
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<float> image = data.AsSpan(i * per, per);
            if (m.Pooling == "cls")
            {
                result.Add(image[..width].ToArray());
                continue;
            }

            double[] sum = new double[width];
            for (int t = 0; t < tokens; t++)
            {
                ReadOnlySpan<float> token = image.Slice(t * width, width);
                for (int d = 0; d < width; d++)
                {
                    sum[d] += token[d];
                }
            }

            result.Add(sum.Select(v => (float)(v / tokens)).ToArray());
        }

        return result;
    }
}
