using FaceCompat.Data;
using FaceCompat.Evaluation;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Similarity;

/// <summary>
/// Mutual k-nearest-neighbour alignment (Huh et al. 2024): each row's k nearest other rows by cosine
/// similarity in each space (rows scaled to unit length; the row itself excluded), and the mean over
/// rows of |N_X(i) intersect N_Y(i)| / k. Exact: every row is scored against every other, in query blocks
/// of one GEMM each (ScoreBlocks, float scores as the protocol's), so the N x N similarity is never held
/// whole. Tie rule: a higher score first; equal scores go to the lower row index.
/// </summary>
internal static class MutualNeighbours
{
    /// <summary>The k nearest other rows of every row, row-major N x k, nearest first.</summary>
    public static int[] Lists(Matrix<float> unitRows, int k, IDenseKernels kernels, int threads)
    {
        int n = unitRows.Rows;
        var lists = new int[n * k];
        ScoreBlocks.Run(unitRows, unitRows, upperOnly: false, kernels, threads, () => new TopK(k), (i, scores, firstColumn, top) =>
        {
            top.Clear();
            for (int j = 0; j < scores.Length; j++)
            {
                if (j != i)
                {
                    top.Offer(scores[j], j);
                }
            }

            top.Indices.CopyTo(lists.AsSpan(i * k, k));
        });
        return lists;
    }

    /// <summary>
    /// The alignment when row i of X is paired with row <c>permutation[i]</c> of Y: the neighbours of i
    /// among the shuffled Y rows are inverse[N_Y(permutation[i])] (the lists are not recomputed, so
    /// ties are resolved as in the unshuffled order).
    /// </summary>
    public static double Alignment(int[] x, int[] y, int n, int k, int[]? permutation, int[]? inverse)
    {
        long shared = 0;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<int> a = x.AsSpan(i * k, k);
            ReadOnlySpan<int> b = y.AsSpan((permutation is null ? i : permutation[i]) * k, k);
            foreach (int j in b)
            {
                if (a.Contains(inverse is null ? j : inverse[j]))
                {
                    shared++;
                }
            }
        }

        return (double)shared / ((long)n * k);
    }

    /// <summary>Rows scaled to unit Euclidean length (float, as the protocol's scoring rows).</summary>
    public static Matrix<float> UnitRows(RowSubset rows, string name)
    {
        var unit = Matrix<float>.Uninitialized(rows.Count, rows.Columns);
        for (int i = 0; i < rows.Count; i++)
        {
            ReadOnlySpan<float> r = rows.Row(i);
            double s = 0;
            foreach (float v in r)
            {
                s += (double)v * v;
            }

            if (!(s > 0) || !double.IsFinite(s))
            {
                throw new DataFormatException($"{name}: row {i} has {(s > 0 ? "a non-finite" : "zero")} length; mutual k-NN compares directions. Remove or re-extract that image.");
            }

            double scale = 1.0 / Math.Sqrt(s);
            Span<float> dst = unit.MutableRow(i);
            for (int c = 0; c < r.Length; c++)
            {
                dst[c] = (float)(r[c] * scale);
            }
        }

        return unit;
    }

    /// <summary>The k best (score, index) seen, sorted: higher score first, then lower index.</summary>
    private sealed class TopK(int k)
    {
        private readonly float[] _scores = new float[k];
        private int _count;

        public int[] Indices { get; } = new int[k];

        public void Clear() => _count = 0;

        /// <summary>Offers column <paramref name="index"/>; columns arrive in ascending order, so an equal score never displaces an earlier one.</summary>
        public void Offer(float score, int index)
        {
            if (_count == _scores.Length && !(score > _scores[_count - 1]))
            {
                return;
            }

            int p = _count == _scores.Length ? _count - 1 : _count++;
            while (p > 0 && score > _scores[p - 1])
            {
                _scores[p] = _scores[p - 1];
                Indices[p] = Indices[p - 1];
                p--;
            }

            _scores[p] = score;
            Indices[p] = index;
        }
    }
}
