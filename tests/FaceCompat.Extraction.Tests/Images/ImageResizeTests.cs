using FaceCompat.Extraction.Images;

namespace FaceCompat.Tests.Images;

/// <summary>
/// ImageResize against Pillow 9.4's Image.resize and transformers' shorter-side + centre-crop
/// arithmetic (tests/fixtures/resize/make_fixture.py wrote the expected images with Pillow itself).
/// </summary>
public sealed class ImageResizeTests
{
    private static RgbImage Fixture(string name) => ImageReader.Read(SharedData.Fixture("resize", name));

    [Theory]
    [InlineData("square-250.ppm", 224, 224, "square-250-to-224")]
    [InlineData("wide-200x130.ppm", 299, 299, "wide-200x130-to-299")]
    [InlineData("small-50x37.ppm", 150, 90, "small-50x37-to-150x90")]
    public void Resize_gives_Pillows_pixels(string input, int width, int height, string expected)
    {
        foreach ((ResizeFilter filter, string name) in new[] { (ResizeFilter.Bilinear, "bilinear"), (ResizeFilter.Bicubic, "bicubic") })
        {
            RgbImage ours = ImageResize.Resize(Fixture(input), width, height, filter);
            RgbImage pillow = Fixture($"{expected}-{name}.ppm");
            (ours.Width, ours.Height).Should().Be((pillow.Width, pillow.Height));
            ours.Pixels.Should().Equal(pillow.Pixels, $"{input} {name}");
        }
    }

    [Fact]
    public void Shorter_side_then_centre_crop_gives_the_Hugging_Face_processors_pixels()
    {
        foreach ((ResizeFilter filter, string name) in new[] { (ResizeFilter.Bilinear, "bilinear"), (ResizeFilter.Bicubic, "bicubic") })
        {
            RgbImage ours = ImageResize.ResizeShorterThenCentreCrop(Fixture("wide-200x130.ppm"), 256, 224, filter);
            ours.Pixels.Should().Equal(Fixture($"wide-200x130-shorter256-crop224-{name}.ppm").Pixels, name);
        }
    }

    [Fact]
    public void An_unchanged_size_is_a_copy()
    {
        RgbImage image = Fixture("small-50x37.ppm");
        RgbImage same = ImageResize.Resize(image, 50, 37, ResizeFilter.Bicubic);
        same.Pixels.Should().Equal(image.Pixels);
        same.Pixels.Should().NotBeSameAs(image.Pixels);
    }
}
