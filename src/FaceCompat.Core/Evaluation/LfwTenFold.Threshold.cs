namespace FaceCompat.Evaluation;

public static partial class LfwTenFold
{
    /// <summary>
    /// The threshold t (accept when score &gt;= t) with the most correct decisions on the given pairs.
    /// Candidates are the distinct scores and +infinity (reject all); among equally good candidates
    /// the smallest wins. O(n log n).
    /// </summary>
    internal static double BestThreshold(double[] scores, bool[] matched)
    {
        int n = scores.Length;
        int[] order = Enumerable.Range(0, n).ToArray();
        Array.Sort((double[])scores.Clone(), order);

        // Threshold at sorted position k accepts order[k..]: correct = matched at or above + mismatched below.
        int matchedAbove = matched.Count(m => m);
        int mismatchedBelow = 0;
        int bestCorrect = -1;
        double best = double.PositiveInfinity;
        int k = 0;
        while (k < n)
        {
            int correct = matchedAbove + mismatchedBelow;
            if (correct > bestCorrect)
            {
                bestCorrect = correct;
                best = scores[order[k]];
            }

            double value = scores[order[k]];
            while (k < n && scores[order[k]] == value)
            {
                if (matched[order[k]])
                {
                    matchedAbove--;
                }
                else
                {
                    mismatchedBelow++;
                }

                k++;
            }
        }

        return matchedAbove + mismatchedBelow > bestCorrect ? double.PositiveInfinity : best;
    }
}
