namespace FaceCompat.Extraction.Detection;

/// <summary>A face found by a detector: its box (pixels of the original image), score and 5 landmarks (x, y pairs: eyes, nose, mouth corners).</summary>
public sealed record DetectedFace(double X1, double Y1, double X2, double Y2, double Score, double[] Landmarks)
{
    /// <summary>Box area with the detectors' +1 pixel convention.</summary>
    public double Area => Math.Max(0, X2 - X1 + 1) * Math.Max(0, Y2 - Y1 + 1);

    public double IntersectionOverUnion(DetectedFace other)
    {
        ArgumentNullException.ThrowIfNull(other);
        double w = Math.Max(0, Math.Min(X2, other.X2) - Math.Max(X1, other.X1) + 1);
        double h = Math.Max(0, Math.Min(Y2, other.Y2) - Math.Max(Y1, other.Y1) + 1);
        double inter = w * h;
        return inter / (Area + other.Area - inter);
    }
}
