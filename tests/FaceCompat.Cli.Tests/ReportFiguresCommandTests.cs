namespace FaceCompat.Tests;

/// <summary><c>report --figures</c>'s errors: no Chromium is exit 4 naming the set-up script; a figures folder that cannot be made is exit 2 naming it.</summary>
[Collection("console")]
public sealed class ReportFiguresCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fc-report-figures-" + Guid.NewGuid().ToString("N"));

    public ReportFiguresCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Missing_chromium_exits_4_and_names_the_setup_script()
    {
        string missing = Path.Combine(_dir, "no-chromium");
        (int exit, string stdout, string error) = CliRunner.Run("report", "--study", _dir, "--out", Path.Combine(_dir, "r.html"), "--figures", Path.Combine(_dir, "figs"), "--chromium", missing);
        exit.Should().Be(4);
        error.Should().Contain(missing).And.Contain("scripts/setup-native.sh").And.Contain("--chromium");
        error.Should().NotContain("   at ", "no stack trace");
        stdout.Should().BeEmpty();
        File.Exists(Path.Combine(_dir, "r.html")).Should().BeFalse("nothing is written before the browser is known to exist");
    }

    [Fact]
    public void A_figures_folder_under_a_file_exits_2_and_names_it()
    {
        string file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "x");
        string figures = Path.Combine(file, "figs");
        (int exit, _, string error) = CliRunner.Run("report", "--study", _dir, "--out", Path.Combine(_dir, "r.html"), "--figures", figures);
        exit.Should().Be(2);
        error.Should().Contain("--figures").And.Contain(file);
    }

    [Fact]
    public void A_figures_path_that_is_a_file_exits_2_and_names_it()
    {
        string file = Path.Combine(_dir, "figures.png");
        File.WriteAllText(file, "x");
        (int exit, _, string error) = CliRunner.Run("report", "--study", _dir, "--out", Path.Combine(_dir, "r.html"), "--figures", file);
        exit.Should().Be(2);
        error.Should().Contain("--figures").And.Contain(file).And.Contain("is a file");
    }
}
