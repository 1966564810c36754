namespace FaceCompat.Similarity;

/// <summary>
/// One similarity measure of two representations and its permutation null (the same measure with the
/// rows' correspondence shuffled). <see cref="Z"/> is the calibrated value: (value - null mean) / null
/// std (sample std, n - 1); <see cref="PValue"/> the permutation p-value (1 + #null at least as similar)
/// / (1 + permutations). Null statistics, Z and p are NaN without permutations; Z is NaN when the null
/// has no spread.
/// </summary>
public readonly record struct CalibratedValue(double Value, double NullMean, double NullStd, double Z, double PValue)
{
    /// <summary>The value calibrated against <paramref name="nullValues"/>; <paramref name="higherIsMoreSimilar"/> says which tail the p-value counts.</summary>
    public static CalibratedValue Against(double value, IReadOnlyList<double> nullValues, bool higherIsMoreSimilar)
    {
        ArgumentNullException.ThrowIfNull(nullValues);
        if (nullValues.Count == 0)
        {
            return new CalibratedValue(value, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double mean = nullValues.Average();
        double std = double.NaN;
        if (nullValues.Count > 1)
        {
            double squares = nullValues.Sum(x => (x - mean) * (x - mean));
            std = Math.Sqrt(squares / (nullValues.Count - 1));
        }

        double z = std > 0 ? (value - mean) / std : double.NaN;
        int asExtreme = nullValues.Count(x => higherIsMoreSimilar ? x >= value : x <= value);
        return new CalibratedValue(value, mean, std, z, (1.0 + asExtreme) / (1.0 + nullValues.Count));
    }
}
