namespace FaceCompat.Data;

/// <summary>
/// Input data is not what FaceCompat expects. The message says what was expected, what was found,
/// where (file, row, column) and how to fix it. The CLI prints it as one line (exit code 3).
/// </summary>
public sealed class DataFormatException : Exception
{
    /// <summary>An input-data error; the message names the file or option and the fix.</summary>
    public DataFormatException(string message)
        : base(message)
    {
    }

    /// <summary>An input-data error with its cause.</summary>
    public DataFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An input-data error with no message (for serializers; prefer <see cref="InFile"/>).</summary>
    public DataFormatException()
    {
    }

    /// <summary>The file the problem is in, when there is one.</summary>
    public string? FilePath { get; init; }

    /// <summary>An error that names the file and says what is wrong with it: "<c>path: problem</c>".</summary>
    public static DataFormatException InFile(string path, string problem) =>
        new($"{path}: {problem}") { FilePath = path };
}
