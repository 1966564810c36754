namespace FaceCompat.Evaluation;

/// <summary>
/// Turns a cell's cosines into CSLS scores (<see cref="GalleryNeighbourhoods.Csls"/>), for the
/// evaluation passes over the score blocks, the balanced impostor sample and the boundary forecast.
/// The value the evaluation ranks and thresholds is CSLS rounded to float32, carried as a quarter of
/// it (<see cref="Scale"/>, exact in binary): CSLS lies in [-4, 4], a quarter of it in [-1, 1] like a
/// cosine, so the impostor histogram's bins cover it. Ranks, AUC, EER and TMR do not depend on the
/// scale; ROC thresholds are scaled back (<see cref="Unscale"/>).
/// </summary>
internal sealed class CslsScores
{
    /// <summary>The factor between CSLS and the value the passes carry.</summary>
    public const float Scale = 0.25f;

    private readonly double[] _probeMeans;
    private readonly double[] _galleryMeans;

    public CslsScores(GalleryNeighbourhoods neighbourhoods)
    {
        ArgumentNullException.ThrowIfNull(neighbourhoods);
        _probeMeans = [.. neighbourhoods.ProbeMeanTopK];
        _galleryMeans = [.. neighbourhoods.GalleryMeanTopK];
    }

    /// <summary>The carried value of the pair (probe, template) with cosine <paramref name="cosine"/>.</summary>
    public float Score(int probe, int template, float cosine) => Carried((2.0 * cosine) - _probeMeans[probe] - _galleryMeans[template]);

    /// <summary>Replaces a probe's cosines against gallery columns [firstColumn, firstColumn + scores.Length) by their carried values.</summary>
    public void Apply(int probe, Span<float> scores, int firstColumn)
    {
        double r = _probeMeans[probe];
        ReadOnlySpan<double> columns = _galleryMeans.AsSpan(firstColumn, scores.Length);
        for (int j = 0; j < scores.Length; j++)
        {
            scores[j] = Carried((2.0 * scores[j]) - r - columns[j]);
        }
    }

    /// <summary>A carried value's threshold on the CSLS scale.</summary>
    public static double Unscale(double carried) => carried / Scale;

    private static float Carried(double csls) => (float)csls * Scale;
}
