namespace FaceCompat.Data;

/// <summary>Checks embeddings once, at load: finite values and no all-zero rows.</summary>
public static class EmbeddingValidator
{
    /// <exception cref="DataFormatException">The first NaN/Inf (row and column, 1-based) or all-zero row.</exception>
    public static void Validate(Matrix<float> embeddings, string file)
    {
        for (int r = 0; r < embeddings.Rows; r++)
        {
            ReadOnlySpan<float> row = embeddings.Row(r);
            bool allZero = true;
            for (int c = 0; c < row.Length; c++)
            {
                float v = row[c];
                if (!float.IsFinite(v))
                {
                    throw DataFormatException.InFile(
                        file,
                        $"row {r + 1}, column {c + 1}: value is {v.ToString(System.Globalization.CultureInfo.InvariantCulture)}. Embeddings must be finite; remove or re-extract that image.");
                }

                allZero &= v == 0f;
            }

            if (allZero && row.Length > 0)
            {
                throw DataFormatException.InFile(file, $"row {r + 1}: every value is zero, so it has no direction to compare. Remove or re-extract that image.");
            }
        }
    }
}
