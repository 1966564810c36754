using FaceCompat.Extraction.Images;
using FaceCompat.Extraction.Onnx;

namespace FaceCompat.Extraction.Detection;

/// <summary>
/// SCRFD (InsightFace, scrfd_500m_bnkps.onnx): the image is resized keeping its aspect ratio to fit
/// 640 x 640 (bilinear, pixel centres aligned) and placed at the top left of a black canvas, RGB,
/// (x - 127.5) / 128. Per stride s in 8, 16, 32: two anchors per cell at (x s, y s) in row-major
/// order; boxes are distances (left, top, right, bottom) x s from the anchor, landmarks offsets x s.
/// Scores are already sigmoids; boxes above the threshold go through NMS, then back to the image's pixels.
/// </summary>
public sealed class ScrfdDetector : IFaceDetector
{
    public const string FileName = "scrfd_500m_bnkps.onnx";
    private const int Size = 640;
    private static readonly int[] s_strides = [8, 16, 32];
    private readonly OnnxSession _session;

    public ScrfdDetector(string modelPath, int intraOpThreads = 2, double scoreThreshold = 0.5, double iouLimit = 0.4)
    {
        _session = new OnnxSession(modelPath, intraOpThreads);
        ScoreThreshold = scoreThreshold;
        IouLimit = iouLimit;
    }

    /// <summary>
    /// Largest enlargement of a small image: faces that fill a small photo (AT&amp;T's 92 x 112) blown up to
    /// 640 are larger than the anchors cover, so small images are enlarged at most this much.
    /// </summary>
    public double MaxUpscale { get; init; } = 3.0;

    public double ScoreThreshold { get; }

    public double IouLimit { get; }

    public IReadOnlyList<DetectedFace> Detect(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        double scale = Math.Min(MaxUpscale, Math.Min((double)Size / image.Width, (double)Size / image.Height));
        int width = Math.Max(1, (int)(image.Width * scale)), height = Math.Max(1, (int)(image.Height * scale));
        scale = (double)height / image.Height;
        float[] input = new float[3 * Size * Size];
        Array.Fill(input, (float)((0 - 127.5) / 128.0));
        Resample.Bilinear(image, width, height, (x, y, r, g, b) =>
        {
            int at = (y * Size) + x;
            input[at] = (float)((r - 127.5) / 128.0);
            input[(Size * Size) + at] = (float)((g - 127.5) / 128.0);
            input[(2 * Size * Size) + at] = (float)((b - 127.5) / 128.0);
        });
        string[] names = s_strides.SelectMany(s => new[] { $"score_{s}", $"bbox_{s}", $"kps_{s}" }).ToArray();
        (float[] Data, long[] Shape)[] outputs = _session.Run("input.1", input, [1, 3, Size, Size], names);
        var faces = new List<DetectedFace>();
        for (int level = 0; level < s_strides.Length; level++)
        {
            int stride = s_strides[level], cells = Size / stride;
            float[] scores = outputs[3 * level].Data, boxes = outputs[(3 * level) + 1].Data, points = outputs[(3 * level) + 2].Data;
            for (int a = 0; a < scores.Length; a++)
            {
                if (scores[a] < ScoreThreshold)
                {
                    continue;
                }

                int cell = a / 2;
                double cx = (cell % cells) * stride, cy = (cell / cells) * stride;
                double[] landmarks = new double[10];
                for (int p = 0; p < 5; p++)
                {
                    landmarks[2 * p] = (cx + (points[(a * 10) + (2 * p)] * stride)) / scale;
                    landmarks[(2 * p) + 1] = (cy + (points[(a * 10) + (2 * p) + 1] * stride)) / scale;
                }

                faces.Add(new DetectedFace(
                    (cx - (boxes[a * 4] * stride)) / scale,
                    (cy - (boxes[(a * 4) + 1] * stride)) / scale,
                    (cx + (boxes[(a * 4) + 2] * stride)) / scale,
                    (cy + (boxes[(a * 4) + 3] * stride)) / scale,
                    scores[a],
                    landmarks));
            }
        }

        return NonMaximumSuppression.Apply(faces, IouLimit);
    }

    public void Dispose() => _session.Dispose();
}
