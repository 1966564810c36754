namespace FaceCompat.Cli;

/// <summary>The documented exit codes of <c>facecompat</c> (README, "Exit codes").</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>An unexpected internal error (a bug: please report it with the command line).</summary>
    public const int InternalError = 1;

    /// <summary>The command line is wrong: unknown option, missing value, bad number.</summary>
    public const int Usage = 2;

    /// <summary>Input data is malformed (dataset folder, .npy, index.csv, pairs file, adapter).</summary>
    public const int DataError = 3;

    /// <summary>A model or native library problem (ONNX model, manifest, missing runtime).</summary>
    public const int ModelError = 4;

    /// <summary>Interrupted (Ctrl+C); finished work is kept.</summary>
    public const int Cancelled = 130;
}
