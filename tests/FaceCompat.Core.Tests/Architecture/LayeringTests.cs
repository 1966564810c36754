using System.Text.RegularExpressions;
using FaceCompat.Tests;

namespace FaceCompat.Core.Tests.Architecture;

/// <summary>
/// The README's Layout section lists the folders of src/FaceCompat.Core as layers: a folder may use the
/// ones above it, never one below. This reads that list from the README (the one place it is written) and
/// checks every source file against it, so the README and the code cannot drift apart.
/// </summary>
public sealed partial class LayeringTests
{
    [Fact]
    public void Every_core_folder_is_listed_once_in_the_README_layout()
    {
        IReadOnlyList<string> layers = ReadmeLayers();
        string[] folders = CoreFolders();

        Assert.Equal(layers.Count, layers.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(folders.Order(StringComparer.Ordinal), layers.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_core_folder_uses_a_folder_listed_below_it()
    {
        IReadOnlyList<string> layers = ReadmeLayers();
        var violations = new List<string>();
        for (int i = 0; i < layers.Count; i++)
        {
            string folder = Path.Combine(CoreRoot, layers[i]);
            foreach (string file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            {
                string text = File.ReadAllText(file);
                foreach (Match m in NamespaceUse().Matches(text))
                {
                    int used = IndexOf(layers, m.Groups[1].Value);
                    if (used > i)
                    {
                        violations.Add($"{Path.GetRelativePath(CoreRoot, file)} uses FaceCompat.{layers[used]}, listed below {layers[i]}");
                    }
                }
            }
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations.Distinct(StringComparer.Ordinal)));
    }

    private static string CoreRoot => Path.Combine(SharedData.RepositoryRoot, "src", "FaceCompat.Core");

    private static string[] CoreFolders() =>
        Directory.GetDirectories(CoreRoot)
            .Select(d => Path.GetFileName(d)!)
            .Where(n => n is not ("bin" or "obj"))
            .ToArray();

    /// <summary>The folder names between the <c>src/FaceCompat.Core/</c> line and the next <c>src/</c> line of the README's Layout block.</summary>
    private static List<string> ReadmeLayers()
    {
        string[] lines = File.ReadAllLines(Path.Combine(SharedData.RepositoryRoot, "README.md"));
        int start = Array.FindIndex(lines, l => l.TrimEnd() == "src/FaceCompat.Core/");
        Assert.True(start >= 0, "README.md has no 'src/FaceCompat.Core/' line in its Layout section");
        var layers = new List<string>();
        for (int i = start + 1; i < lines.Length && !lines[i].StartsWith("src/", StringComparison.Ordinal); i++)
        {
            Match m = LayerLine().Match(lines[i]);
            if (m.Success)
            {
                layers.Add(m.Groups[1].Value);
            }
        }

        return layers;
    }

    private static int IndexOf(IReadOnlyList<string> layers, string name)
    {
        for (int i = 0; i < layers.Count; i++)
        {
            if (layers[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"^  (\w+)/\s")]
    private static partial Regex LayerLine();

    [GeneratedRegex(@"\bFaceCompat\.(\w+)")]
    private static partial Regex NamespaceUse();
}
