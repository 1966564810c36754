namespace FaceCompat.Data;

/// <summary>Checks embeddings once, at load: finite values and no all-zero rows.</summary>
public static class EmbeddingValidator
{
    /// <exception cref="DataFormatException">The first NaN/Inf (row and column, 1-based) or all-zero row.</exception>
    public static void Validate(Matrix<float> embeddings, string file)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        if (embeddings.Columns == 0 && embeddings.Rows > 0)
        {
            throw DataFormatException.InFile(file, $"the rows have 0 dimensions (shape ({embeddings.Rows}, 0)); expected one embedding vector per row.");
        }

        // Rows are checked in parallel chunks; the first bad row (lowest index) is reported.
        const int chunk = 4096;
        int chunks = (embeddings.Rows + chunk - 1) / chunk;
        int firstBadChunk = int.MaxValue;
        Parallel.For(0, chunks, c =>
        {
            if (!ChunkIsValid(embeddings, c * chunk, Math.Min(embeddings.Rows, (c + 1) * chunk)))
            {
                InterlockedMin(ref firstBadChunk, c);
            }
        });
        if (firstBadChunk != int.MaxValue)
        {
            Report(embeddings, file, firstBadChunk * chunk);
        }
    }

    /// <summary>
    /// A dataset's embeddings must not be one vector repeated: every cosine would be 1, every rank
    /// a tie, and no metric would say anything about the model.
    /// </summary>
    /// <exception cref="DataFormatException">Two rows or more, all equal.</exception>
    public static void RequireVariation(Matrix<float> embeddings, string file)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        if (embeddings.Rows < 2)
        {
            return;
        }

        ReadOnlySpan<float> first = embeddings.Row(0);
        for (int r = 1; r < embeddings.Rows; r++)
        {
            if (!embeddings.Row(r).SequenceEqual(first))
            {
                return;
            }
        }

        throw DataFormatException.InFile(
            file,
            $"all {embeddings.Rows} rows are the same vector (zero variance), so every score would tie. Re-extract the embeddings; the model or the export is broken.");
    }

    private static bool ChunkIsValid(Matrix<float> embeddings, int from, int to)
    {
        for (int r = from; r < to; r++)
        {
            ReadOnlySpan<float> row = embeddings.Row(r);
            if (!System.Numerics.Tensors.TensorPrimitives.IsFiniteAll(row) || (row.Length > 0 && !row.ContainsAnyExcept(0f)))
            {
                return false;
            }
        }

        return true;
    }

    private static void InterlockedMin(ref int target, int value)
    {
        int current;
        while (value < (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static void Report(Matrix<float> embeddings, string file, int fromRow)
    {
        for (int r = fromRow; r < embeddings.Rows; r++)
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
