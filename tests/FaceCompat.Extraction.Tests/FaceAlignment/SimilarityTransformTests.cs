using FaceCompat.Extraction.FaceAlignment;
using FaceCompat.Extraction.Images;

namespace FaceCompat.Tests.FaceAlignment;

public sealed class SimilarityTransformTests
{
    [Fact]
    public void Estimate_recovers_a_known_similarity_exactly()
    {
        // crop = s R(theta) x + t with s = 0.8, theta = 20 degrees, t = (-30, 12): apply to the template's
        // inverse image and check the fit returns the same numbers.
        double s = 0.8, th = 20 * Math.PI / 180, tx = -30, ty = 12;
        double a = s * Math.Cos(th), b = s * Math.Sin(th);
        double[] src = [100, 110, 150, 105, 128, 140, 105, 165, 148, 160];
        double[] dst = new double[10];
        for (int i = 0; i < 5; i++)
        {
            dst[2 * i] = (a * src[2 * i]) - (b * src[(2 * i) + 1]) + tx;
            dst[(2 * i) + 1] = (b * src[2 * i]) + (a * src[(2 * i) + 1]) + ty;
        }

        var m = SimilarityTransform.Estimate(src, dst);
        m.A.Should().BeApproximately(a, 1e-12);
        m.B.Should().BeApproximately(b, 1e-12);
        m.Tx.Should().BeApproximately(tx, 1e-9);
        m.Ty.Should().BeApproximately(ty, 1e-9);
    }

    [Fact]
    public void Estimate_never_reflects_mirrored_points()
    {
        double[] src = SimilarityTransform.ArcFace112.ToArray();
        for (int i = 0; i < 5; i++)
        {
            src[2 * i] = 112 - src[2 * i];
        }

        var m = SimilarityTransform.Estimate(src, SimilarityTransform.ArcFace112);
        // A similarity without reflection has determinant a^2 + b^2 > 0 by construction; the best such
        // fit of a mirrored face is a shrunken one, so the scale must be well below 1.
        Math.Sqrt((m.A * m.A) + (m.B * m.B)).Should().BeLessThan(0.9);
    }

    [Fact]
    public void Warp_of_an_identity_transform_copies_pixels_and_fades_to_black_outside()
    {
        byte[] px = new byte[4 * 4 * 3];
        for (int i = 0; i < px.Length; i++)
        {
            px[i] = (byte)(10 + i);
        }

        var image = new RgbImage(4, 4, px);
        byte[] same = FaceWarper.Warp(image, new SimilarityTransform(1, 0, 0, 0), 4);
        same.Should().Equal(px);

        // Shift by half a pixel to the right: crop(u) samples x = u - 0.5; the first column blends with black.
        byte[] shifted = FaceWarper.Warp(image, new SimilarityTransform(1, 0, 0.5, 0), 4);
        shifted[0].Should().Be((byte)Math.Floor((0.5 * px[0]) + 0.5));
        shifted[3].Should().Be((byte)Math.Floor((0.5 * px[0]) + (0.5 * px[3]) + 0.5));
    }
}
