using FaceCompat.Extraction.Detection;
using FaceCompat.Extraction.FaceAlignment;
using FaceCompat.Extraction.Images;

namespace FaceCompat.Tests.Detection;

public sealed class DetectionTests
{
    private static DetectedFace Box(double x1, double y1, double x2, double y2, double score) => new(x1, y1, x2, y2, score, new double[10]);

    [Fact]
    public void Iou_by_hand()
    {
        // 10 x 10 boxes (+1 convention: 0..9) overlapping in a 5 x 10 strip: 50 / (100 + 100 - 50).
        Box(0, 0, 9, 9, 1).IntersectionOverUnion(Box(5, 0, 14, 9, 1)).Should().BeApproximately(50.0 / 150.0, 1e-12);
        Box(0, 0, 9, 9, 1).IntersectionOverUnion(Box(20, 20, 29, 29, 1)).Should().Be(0);
    }

    [Fact]
    public void Nms_keeps_the_best_of_each_overlapping_group()
    {
        var faces = new[] { Box(0, 0, 9, 9, 0.7), Box(1, 1, 10, 10, 0.9), Box(30, 30, 39, 39, 0.6), Box(5, 0, 14, 9, 0.8) };
        List<DetectedFace> kept = NonMaximumSuppression.Apply(faces, 0.4);
        // (1,1)-(10,10) vs (0,0)-(9,9): IoU 81 / 119 = 0.68 > 0.4, dropped; vs (5,0)-(14,9): 54 / 146 = 0.37, kept.
        kept.Select(f => f.Score).Should().Equal(0.9, 0.8, 0.6);
    }

    [Fact]
    public void The_largest_face_is_chosen_and_on_a_tie_the_most_central()
    {
        var small = Box(0, 0, 9, 9, 0.99);
        var cornerBig = Box(0, 0, 49, 49, 0.6);
        var centreBig = Box(75, 75, 124, 124, 0.5);
        FaceChoice.Pick([small, cornerBig, centreBig], 200, 200).Should().Be(centreBig);
        FaceChoice.Pick([small, cornerBig], 200, 200).Should().Be(cornerBig);
        FaceChoice.Pick([], 200, 200).Should().BeNull();
    }

    [OnnxRuntimeFact]
    public void Scrfd_finds_one_face_per_lfw_image_near_the_reference_landmarks() =>
        FindsFacesNearReference(new ScrfdDetector(Path.Combine(SharedData.DataRoot!, "models", ScrfdDetector.FileName)), 3.0);

    [OnnxRuntimeFact]
    public void YuNet_finds_one_face_per_lfw_image_near_the_reference_landmarks() =>
        FindsFacesNearReference(new YuNetDetector(Path.Combine(SharedData.DataRoot!, "models", YuNetDetector.FileName)), 6.0);

    [OnnxRuntimeFact]
    public void YuNet_finds_no_face_in_a_blank_image()
    {
        using var yunet = new YuNetDetector(Path.Combine(SharedData.DataRoot!, "models", YuNetDetector.FileName));
        yunet.Detect(new RgbImage(120, 160, Enumerable.Repeat((byte)128, 120 * 160 * 3).ToArray())).Should().BeEmpty();
    }

    private static void FindsFacesNearReference(IFaceDetector detector, double medianPixels)
    {
        using IFaceDetector scrfd = detector;
        string lfw = Path.Combine(SharedData.DataRoot!, "faces", "lfw");
        var reference = LandmarkFile.Read(Path.Combine(lfw, "landmarks_5pt_scrfd.tsv"), oneBased: false);
        var errors = new List<double>();
        foreach (string key in reference.Keys.Order(StringComparer.Ordinal).Where((_, i) => i % 997 == 0).Take(12))
        {
            RgbImage image = ImageReader.Read(Path.Combine(lfw, "images", key));
            DetectedFace? face = FaceChoice.Pick(scrfd.Detect(image), image.Width, image.Height);
            face.Should().NotBeNull(key);
            for (int p = 0; p < 5; p++)
            {
                errors.Add(Math.Sqrt(Math.Pow(face!.Landmarks[2 * p] - reference[key][2 * p], 2) + Math.Pow(face.Landmarks[(2 * p) + 1] - reference[key][(2 * p) + 1], 2)));
            }
        }

        errors.Order().ElementAt(errors.Count / 2).Should().BeLessThan(medianPixels); // median, in pixels of a 250 x 250 image
    }

    [OnnxRuntimeFact]
    public void A_blank_image_has_no_face()
    {
        using var scrfd = new ScrfdDetector(Path.Combine(SharedData.DataRoot!, "models", ScrfdDetector.FileName));
        scrfd.Detect(new RgbImage(120, 160, Enumerable.Repeat((byte)128, 120 * 160 * 3).ToArray())).Should().BeEmpty();
    }
}
