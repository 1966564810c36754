using System.Buffers;
using FaceCompat.Data;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Evaluation;

/// <summary>
/// Scores query blocks against the gallery with one GEMM each, so only a block x N slice of the
/// score matrix exists at a time. The handler runs each block's rows in parallel.
/// </summary>
internal static class ScoreBlocks
{
    /// <summary>About 64 MB of float scores per block.</summary>
    private const long ScoresPerBlock = 16L << 20;

    /// <summary>A handler for one query row: its global index and its scores against gallery rows [firstColumn, N).</summary>
    public delegate void RowHandler<TState>(int row, ReadOnlySpan<float> scores, int firstColumn, TState state);

    /// <param name="upperOnly">Score query i only against gallery rows j &gt;= the block's first row (for pairs i &lt; j).</param>
    /// <param name="csls">When given, the handler sees each row's CSLS scores (<see cref="CslsScores"/>) instead of its cosines.</param>
    public static void Run<TState>(Matrix<float> queries, Matrix<float> gallery, bool upperOnly, IDenseKernels kernels, int threads, Func<TState> newState, RowHandler<TState> handle, CslsScores? csls = null)
        where TState : class
    {
        int n = gallery.Rows;
        int d = gallery.Columns;
        int block = (int)Math.Clamp(ScoresPerBlock / Math.Max(1, n), 16, 4096);
        float[] scores = ArrayPool<float>.Shared.Rent((int)Math.Min((long)block * n, int.MaxValue));
        var states = new System.Collections.Concurrent.ConcurrentBag<TState>();
        try
        {
            for (int start = 0; start < queries.Rows; start += block)
            {
                int rows = Math.Min(block, queries.Rows - start);
                int firstColumn = upperOnly ? start : 0;
                int columns = n - firstColumn;
                kernels.Gemm(
                    false, true, rows, columns, d, 1f,
                    queries.Values.Slice(start * d, rows * d), d,
                    gallery.Values.Slice(firstColumn * d, columns * d), d,
                    0f, scores.AsSpan(0, rows * columns), columns);
                int blockStart = start;
                Parallel.For(
                    0,
                    rows,
                    new ParallelOptions { MaxDegreeOfParallelism = threads },
                    () => states.TryTake(out TState? s) ? s : newState(),
                    (r, _, state) =>
                    {
                        Span<float> row = scores.AsSpan(r * columns, columns);
                        csls?.Apply(blockStart + r, row, firstColumn);
                        handle(blockStart + r, row, firstColumn, state);
                        return state;
                    },
                    states.Add);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }
}
