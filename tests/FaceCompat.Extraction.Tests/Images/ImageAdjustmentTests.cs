using FaceCompat.Extraction.Images;

namespace FaceCompat.Tests.Images;

public sealed class ImageAdjustmentTests
{
    private static RgbImage Pixels(params byte[] rgb) => new(rgb.Length / 3, 1, rgb);

    [Fact]
    public void Brightness_adds_and_clamps()
    {
        RgbImage result = ImageAdjustment.Brightness(Pixels(10, 200, 250, 0, 30, 128), 20.4);
        result.Pixels.Should().Equal(30, 220, 255, 20, 50, 148);
        ImageAdjustment.Brightness(Pixels(10, 40, 60), -50).Pixels.Should().Equal(0, 0, 10);
    }

    [Fact]
    public void Hue_keeps_grey_and_luma_and_moves_colour()
    {
        ImageAdjustment.Hue(Pixels(90, 90, 90), 40).Pixels.Should().Equal(90, 90, 90); // no chroma to rotate
        RgbImage red = ImageAdjustment.Hue(Pixels(200, 60, 40), 40);
        double Luma(byte[] p) => (0.299 * p[0]) + (0.587 * p[1]) + (0.114 * p[2]);
        Luma(red.Pixels).Should().BeApproximately(Luma([200, 60, 40]), 1.5);
        red.Pixels.Should().NotEqual(new byte[] { 200, 60, 40 });
        ImageAdjustment.Hue(Pixels(200, 60, 40), 0).Pixels.Select(v => (int)v).Should().Equal(new[] { 200, 60, 40 }.Select(v => v), (a, b) => Math.Abs(a - b) <= 1);
    }

    [Fact]
    public void Blur_spreads_a_point_symmetrically_and_keeps_the_mean()
    {
        byte[] row = new byte[9 * 3];
        row[(4 * 3) + 1] = 200; // green impulse in the middle of a 9 x 1 image
        RgbImage blurred = ImageAdjustment.Blur(new RgbImage(9, 1, row), 1.0);
        int Green(int x) => blurred.Pixels[(x * 3) + 1];
        Green(3).Should().Be(Green(5));
        Green(4).Should().BeGreaterThan(Green(3));
        Green(3).Should().BeGreaterThan(Green(2));
        // Kernel weights for sigma 1: center 0.3991 -> 200 * 0.3991 = 79.8 -> 80.
        Green(4).Should().Be(80);
        Enumerable.Range(0, 9).Sum(Green).Should().BeInRange(197, 203);
    }

    [Fact]
    public void Sharpening_raises_contrast_at_an_edge_and_zero_changes_nothing()
    {
        byte[] edge = [.. Enumerable.Repeat((byte)50, 12), .. Enumerable.Repeat((byte)150, 12)]; // 8 x 1: four dark, four light pixels
        RgbImage sharp = ImageAdjustment.Sharpen(new RgbImage(8, 1, edge), 1.0);
        sharp.Pixels[3 * 3].Should().BeLessThan(50);
        sharp.Pixels[4 * 3].Should().BeGreaterThan(150);
        ImageAdjustment.Apply(new RgbImage(8, 1, edge), AdjustedAttribute.BlurSharpen, 0).Pixels.Should().Equal(edge);
    }
}
