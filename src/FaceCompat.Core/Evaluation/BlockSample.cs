using FaceCompat.Data;
using FaceCompat.LinearAlgebra;
using FaceCompat.Randomness;

namespace FaceCompat.Evaluation;

/// <summary>
/// A seeded block of impostor scores for <see cref="BoundaryForecast"/>: k distinct random query
/// rows against k distinct random gallery rows (each set drawn by a partial Fisher-Yates shuffle of
/// a SplitMix64 stream, then sorted), scored in one GEMM. Kept: the pairs (i, j) with i &lt; j (the
/// upper triangle that verification counts) and different identities. When k reaches the number of
/// test images the block is the whole score matrix and the sample is every impostor pair.
/// </summary>
internal sealed class BlockSample
{
    private const ulong RowSeed = 0x5A3F1E;
    private const ulong ColumnSeed = 0x5A3F1F;

    private readonly float[] _scores;
    private readonly ushort[] _row;
    private readonly ushort[] _column;
    private readonly int[] _rowSize;
    private readonly int[] _columnSize;

    private BlockSample(float[] scores, ushort[] row, ushort[] column, int side)
    {
        _scores = scores;
        _row = row;
        _column = column;
        _rowSize = new int[side];
        _columnSize = new int[side];
        for (int p = 0; p < scores.Length; p++)
        {
            _rowSize[row[p]]++;
            _columnSize[column[p]]++;
        }

        SortedScores = (float[])scores.Clone();
        FloatRadixSort.Sort(SortedScores);
    }

    /// <summary>The kept scores, ascending.</summary>
    public float[] SortedScores { get; }

    public static BlockSample Draw(Matrix<float> queries, Matrix<float> gallery, int[] identities, int side, IDenseKernels kernels, CslsScores? csls)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(side, ushort.MaxValue + 1);
        int n = queries.Rows;
        int d = queries.Columns;
        int k = Math.Min(n, side);
        int[] rows = Distinct(n, k, RowSeed);
        int[] columns = Distinct(n, k, ColumnSeed);
        float[] q = Gather(queries, rows);
        float[] g = Gather(gallery, columns);
        float[] block = new float[(long)k * k];
        kernels.Gemm(false, true, k, k, d, 1f, q, d, g, d, 0f, block, k);
        int kept = 0;
        for (int a = 0; a < k; a++)
        {
            for (int b = 0; b < k; b++)
            {
                if (rows[a] < columns[b] && identities[rows[a]] != identities[columns[b]])
                {
                    kept++;
                }
            }
        }

        var scores = new float[kept];
        var rowOf = new ushort[kept];
        var columnOf = new ushort[kept];
        int p = 0;
        for (int a = 0; a < k; a++)
        {
            for (int b = 0; b < k; b++)
            {
                int i = rows[a], j = columns[b];
                if (i < j && identities[i] != identities[j])
                {
                    float cosine = block[((long)a * k) + b];
                    scores[p] = csls is null ? cosine : csls.Score(i, j, cosine);
                    rowOf[p] = (ushort)a;
                    columnOf[p] = (ushort)b;
                    p++;
                }
            }
        }

        return new BlockSample(scores, rowOf, columnOf, k);
    }

    /// <summary>
    /// The standard deviation of the number of kept scores &gt;= <paramref name="threshold"/>, estimated
    /// with the block's rows as clusters plus its columns as clusters: sum over rows of
    /// (count_a - p * size_a)^2 plus the same over columns, p the kept share at or above the threshold.
    /// Both terms include the binomial noise, so the sum over-states it; a margin built on it is wide, not narrow.
    /// </summary>
    public double CountDeviation(float threshold)
    {
        var rowCount = new int[_rowSize.Length];
        var columnCount = new int[_columnSize.Length];
        long total = 0;
        for (int p = 0; p < _scores.Length; p++)
        {
            if (_scores[p] >= threshold)
            {
                rowCount[_row[p]]++;
                columnCount[_column[p]]++;
                total++;
            }
        }

        double share = total / (double)Math.Max(1, _scores.Length);
        return Math.Sqrt(SquaredResiduals(rowCount, _rowSize, share) + SquaredResiduals(columnCount, _columnSize, share));
    }

    private static double SquaredResiduals(int[] counts, int[] sizes, double share)
    {
        double sum = 0;
        for (int a = 0; a < counts.Length; a++)
        {
            double r = counts[a] - (share * sizes[a]);
            sum += r * r;
        }

        return sum;
    }

    /// <summary>k distinct indices of [0, n), ascending: the first k places of a partial Fisher-Yates shuffle.</summary>
    private static int[] Distinct(int n, int k, ulong seed)
    {
        int[] all = new int[n];
        for (int i = 0; i < n; i++)
        {
            all[i] = i;
        }

        var stream = new SplitMix64(seed);
        for (int i = 0; i < k; i++)
        {
            int j = i + (int)stream.NextBelow((ulong)(n - i));
            (all[i], all[j]) = (all[j], all[i]);
        }

        int[] chosen = all[..k];
        Array.Sort(chosen);
        return chosen;
    }

    private static float[] Gather(Matrix<float> m, int[] rows)
    {
        int d = m.Columns;
        float[] result = new float[rows.Length * d];
        for (int r = 0; r < rows.Length; r++)
        {
            m.Row(rows[r]).CopyTo(result.AsSpan(r * d, d));
        }

        return result;
    }
}
