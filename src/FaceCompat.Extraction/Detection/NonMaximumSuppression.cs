namespace FaceCompat.Extraction.Detection;

/// <summary>Greedy non-maximum suppression: keep the best-scoring box, drop every box overlapping it by more than the IoU limit, repeat.</summary>
public static class NonMaximumSuppression
{
    public static List<DetectedFace> Apply(IEnumerable<DetectedFace> faces, double iouLimit = 0.4)
    {
        ArgumentNullException.ThrowIfNull(faces);
        var kept = new List<DetectedFace>();
        foreach (DetectedFace face in faces.OrderByDescending(f => f.Score))
        {
            if (kept.All(k => k.IntersectionOverUnion(face) <= iouLimit))
            {
                kept.Add(face);
            }
        }

        return kept;
    }
}
