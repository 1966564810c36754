using FaceCompat.Extraction.Images;

namespace FaceCompat.Extraction.Detection;

/// <summary>Finds faces with 5 landmarks in an image (after NMS, in the image's pixels).</summary>
public interface IFaceDetector : IDisposable
{
    IReadOnlyList<DetectedFace> Detect(RgbImage image);
}
