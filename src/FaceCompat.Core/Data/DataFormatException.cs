namespace FaceCompat.Data;

/// <summary>
/// Input data is not what FaceCompat expects. The message says what was expected, what was found,
/// where (file, row, column) and how to fix it. The CLI prints it as one line (exit code 3).
/// </summary>
public sealed class DataFormatException : Exception
{
    public DataFormatException(string message)
        : base(message)
    {
    }

    public DataFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DataFormatException()
    {
    }

    /// <summary>The file the problem is in, when there is one.</summary>
    public string? FilePath { get; init; }

    public static DataFormatException InFile(string path, string problem) =>
        new($"{path}: {problem}") { FilePath = path };
}
