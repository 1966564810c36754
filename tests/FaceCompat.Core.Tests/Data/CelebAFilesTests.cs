using FaceCompat.Data;

namespace FaceCompat.Tests.Data;

public sealed class CelebAFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fc-celeba-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Attributes_are_joined_to_the_images_by_file_name_in_index_order()
    {
        string path = Write("list_attr_celeba.txt", "3\nSmiling  Male\n000001.jpg  1 -1\n000002.jpg -1  1\n000003.jpg  1  1\n");
        Dictionary<string, string[]> joined = CelebAFiles.AttributesFor(path, ["000003.jpg", "000009.jpg", "000001.jpg"]);
        joined.Keys.Should().Equal("Smiling", "Male");
        joined["Smiling"].Should().Equal("1", "", "1");
        joined["Male"].Should().Equal("1", "", "-1");
    }

    [Fact]
    public void Attributes_that_list_none_of_the_images_name_the_file()
    {
        string path = Write("list_attr_celeba.txt", "1\nSmiling\n000001.jpg 1\n");
        Action act = () => CelebAFiles.AttributesFor(path, ["a.jpg", "b.jpg"]);
        act.Should().Throw<DataFormatException>().WithMessage($"*{path}*no image of index.csv is listed*");
    }

    [Fact]
    public void Identity_codes_count_from_zero_in_order_of_first_appearance()
    {
        string path = Write("identity_CelebA.txt", "000001.jpg 2880\n000002.jpg 17\n000003.jpg 2880\n000004.jpg 5\n");
        CelebAFiles.IdentityCodesFor(path, ["000004.jpg", "000001.jpg", "000002.jpg", "000003.jpg"]).Should().Equal(0, 1, 2, 1);
    }

    [Fact]
    public void An_image_without_an_identity_is_named_with_its_index_row()
    {
        string path = Write("identity_CelebA.txt", "000001.jpg 1\n");
        Action act = () => CelebAFiles.IdentityCodesFor(path, ["000001.jpg", "000002.jpg"]);
        act.Should().Throw<DataFormatException>().WithMessage($"*{path}*000002.jpg (index.csv row 3) has no identity here*");
    }
}
