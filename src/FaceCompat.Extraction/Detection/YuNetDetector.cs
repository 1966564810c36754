using FaceCompat.Extraction.Images;
using FaceCompat.Extraction.Onnx;

namespace FaceCompat.Extraction.Detection;

/// <summary>
/// YuNet (OpenCV zoo, yunet.onnx) as OpenCV's FaceDetectorYN runs it: the image at its own size,
/// padded with black at the right and bottom to multiples of 32, BGR 0..255. Per stride s in 8, 16,
/// 32, one anchor per cell (row-major): score = sqrt(clamp(cls) clamp(obj)); centre (col + dx, row + dy) s,
/// size exp(dw) s by exp(dh) s; landmarks (col + kx, row + ky) s. Then NMS.
/// </summary>
public sealed class YuNetDetector : IFaceDetector
{
    public const string FileName = "yunet.onnx";
    private static readonly int[] s_strides = [8, 16, 32];
    private readonly OnnxSession _session;

    public YuNetDetector(string modelPath, int intraOpThreads = 2, double scoreThreshold = 0.6, double iouLimit = 0.3)
    {
        _session = new OnnxSession(modelPath, intraOpThreads);
        ScoreThreshold = scoreThreshold;
        IouLimit = iouLimit;
    }

    public double ScoreThreshold { get; }

    public double IouLimit { get; }

    public IReadOnlyList<DetectedFace> Detect(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        int width = ((image.Width + 31) / 32) * 32, height = ((image.Height + 31) / 32) * 32;
        float[] input = new float[3 * width * height];
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                int src = ((y * image.Width) + x) * 3, at = (y * width) + x;
                input[at] = image.Pixels[src + 2];
                input[(width * height) + at] = image.Pixels[src + 1];
                input[(2 * width * height) + at] = image.Pixels[src];
            }
        }

        string[] names = [.. s_strides.Select(s => $"cls_{s}"), .. s_strides.Select(s => $"obj_{s}"), .. s_strides.Select(s => $"bbox_{s}"), .. s_strides.Select(s => $"kps_{s}")];
        (float[] Data, long[] Shape)[] outputs = _session.Run("input", input, [1, 3, height, width], names);
        var faces = new List<DetectedFace>();
        for (int level = 0; level < s_strides.Length; level++)
        {
            int stride = s_strides[level], cols = width / stride;
            float[] cls = outputs[level].Data, obj = outputs[3 + level].Data, box = outputs[6 + level].Data, kps = outputs[9 + level].Data;
            for (int idx = 0; idx < cls.Length; idx++)
            {
                double score = Math.Sqrt(Math.Clamp(cls[idx], 0f, 1f) * Math.Clamp(obj[idx], 0f, 1f));
                if (score < ScoreThreshold)
                {
                    continue;
                }

                int row = idx / cols, col = idx % cols;
                double cx = (col + box[idx * 4]) * stride, cy = (row + box[(idx * 4) + 1]) * stride;
                double w = Math.Exp(box[(idx * 4) + 2]) * stride, h = Math.Exp(box[(idx * 4) + 3]) * stride;
                double[] landmarks = new double[10];
                for (int p = 0; p < 5; p++)
                {
                    landmarks[2 * p] = (kps[(idx * 10) + (2 * p)] + col) * stride;
                    landmarks[(2 * p) + 1] = (kps[(idx * 10) + (2 * p) + 1] + row) * stride;
                }

                faces.Add(new DetectedFace(cx - (w / 2), cy - (h / 2), cx + (w / 2), cy + (h / 2), score, landmarks));
            }
        }

        return NonMaximumSuppression.Apply(faces, IouLimit);
    }

    public void Dispose() => _session.Dispose();
}
