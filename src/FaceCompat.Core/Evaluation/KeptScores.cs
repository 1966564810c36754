namespace FaceCompat.Evaluation;

/// <summary>
/// For each of several slots, the k highest (score, index) pairs offered so far, as a min-heap
/// ordered by score descending then index ascending (so among equal scores the lower index is kept).
/// </summary>
internal sealed class KeptScores
{
    private readonly int _k;
    private readonly float[] _scores;
    private readonly int[] _indices;
    private readonly int[] _count;

    public KeptScores(int slots, int k)
    {
        _k = k;
        _scores = new float[slots * k];
        _indices = new int[slots * k];
        _count = new int[slots];
    }

    public void Clear() => Array.Clear(_count);

    /// <summary>Offers (score, index) to a slot; kept when among the k best so far.</summary>
    public void Offer(int slot, float score, int index)
    {
        int b = slot * _k;
        int c = _count[slot];
        if (c < _k)
        {
            // Sift up from the new leaf.
            int at = c;
            while (at > 0)
            {
                int parent = (at - 1) / 2;
                if (!Worse(score, index, _scores[b + parent], _indices[b + parent]))
                {
                    break;
                }

                Move(b + at, b + parent);
                at = parent;
            }

            Put(b + at, score, index);
            _count[slot] = c + 1;
            return;
        }

        if (!Worse(_scores[b], _indices[b], score, index))
        {
            return;
        }

        // Replace the root (the worst kept) and sift down.
        int i = 0;
        while (true)
        {
            int child = (2 * i) + 1;
            if (child >= _k)
            {
                break;
            }

            if (child + 1 < _k && Worse(_scores[b + child + 1], _indices[b + child + 1], _scores[b + child], _indices[b + child]))
            {
                child++;
            }

            if (!Worse(_scores[b + child], _indices[b + child], score, index))
            {
                break;
            }

            Move(b + i, b + child);
            i = child;
        }

        Put(b + i, score, index);
    }

    private void Move(int to, int from) => Put(to, _scores[from], _indices[from]);

    private void Put(int at, float score, int index)
    {
        _scores[at] = score;
        _indices[at] = index;
    }

    /// <summary>Offers every pair kept by another instance of the same shape.</summary>
    public void MergeFrom(KeptScores other)
    {
        for (int slot = 0; slot < _count.Length; slot++)
        {
            int b = slot * _k;
            for (int e = 0; e < other._count[slot]; e++)
            {
                Offer(slot, other._scores[b + e], other._indices[b + e]);
            }
        }
    }

    /// <summary>
    /// The mean of a slot's kept scores, summed in double in descending order (independent of the
    /// order they were offered in); increments counts[index] of each kept pair when counts is given.
    /// </summary>
    public double MeanAndCount(int slot, int[]? counts)
    {
        int b = slot * _k;
        int c = _count[slot];
        Span<float> kept = c <= 256 ? stackalloc float[c] : new float[c];
        _scores.AsSpan(b, c).CopyTo(kept);
        kept.Sort();
        double sum = 0;
        for (int e = c - 1; e >= 0; e--)
        {
            sum += kept[e];
        }

        if (counts is not null)
        {
            for (int e = 0; e < c; e++)
            {
                Interlocked.Increment(ref counts[_indices[b + e]]);
            }
        }

        return sum / c;
    }

    /// <summary>Whether (s, i) ranks below (t, j): a lower score, or an equal score at a higher index.</summary>
    private static bool Worse(float s, int i, float t, int j) => s < t || (s == t && i > j);
}
