namespace FaceCompat.Extraction.Detection;

/// <summary>The rule for an image with several faces: the largest box; on a tie, the one whose centre is nearest the image centre.</summary>
public static class FaceChoice
{
    public static DetectedFace? Pick(IReadOnlyList<DetectedFace> faces, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(faces);
        return faces
            .OrderByDescending(f => f.Area)
            .ThenBy(f => Square(((f.X1 + f.X2) / 2) - (width / 2.0)) + Square(((f.Y1 + f.Y2) / 2) - (height / 2.0)))
            .FirstOrDefault();
    }

    private static double Square(double v) => v * v;
}
