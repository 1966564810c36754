namespace FaceCompat.Tests;

/// <summary>
/// Where <c>../shared</c> (real faces, ONNX models, the reference implementation) is, if anywhere.
/// Tests that need it use <see cref="SharedDataFactAttribute"/> and skip with a message without it.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> s_root = new(FindRoot);

    /// <summary>The shared folder (holding PROTOCOL.md), or null.</summary>
    public static string? Root => s_root.Value;

    public static string? DataRoot => Root is null ? null : Path.Combine(Root, "data");

    public static bool HasData => DataRoot is not null && Directory.Exists(DataRoot);

    /// <summary>The repository root (holding FaceCompat.sln).</summary>
    public static string RepositoryRoot
    {
        get
        {
            string? dir = AppContext.BaseDirectory;
            while (dir is not null && !File.Exists(Path.Combine(dir, "FaceCompat.sln")))
            {
                dir = Path.GetDirectoryName(dir);
            }

            return dir ?? throw new InvalidOperationException("FaceCompat.sln not found above the test binaries.");
        }
    }

    public static string Fixture(params string[] parts) => Path.Combine([RepositoryRoot, "tests", "fixtures", .. parts]);

    private static string? FindRoot()
    {
        string? env = Environment.GetEnvironmentVariable("FACECOMPAT_SHARED");
        if (!string.IsNullOrEmpty(env) && File.Exists(Path.Combine(env, "PROTOCOL.md")))
        {
            return env;
        }

        string? dir = AppContext.BaseDirectory;
        while (dir is not null)
        {
            string candidate = Path.Combine(dir, "shared");
            if (File.Exists(Path.Combine(candidate, "PROTOCOL.md")))
            {
                return candidate;
            }

            dir = Path.GetDirectoryName(dir);
        }

        return null;
    }
}

/// <summary>A fact that is skipped, with a message, when <c>../shared/data</c> is absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (!SharedData.HasData)
        {
            Skip = "../shared/data is absent (set FACECOMPAT_SHARED to the shared folder to run this test).";
        }
    }
}
