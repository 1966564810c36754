using System.Reflection;
using FaceCompat.Data;

namespace FaceCompat.Cli;

/// <summary>
/// Runs a command body and maps every exception to one line on stderr and a documented exit code
/// (README, "Exit codes"): never a stack trace for bad input. Anything that is not a domain error
/// is a bug: exit 1 with one line asking for a report; the trace is shown only with
/// <c>--verbose</c> or <see cref="VerboseVariable"/>=1.
/// </summary>
public static class CommandRunner
{
    /// <summary>Set to 1 to print the stack trace of an internal error (same as <c>--verbose</c>).</summary>
    public const string VerboseVariable = "FACECOMPAT_VERBOSE";

    /// <summary>Whether an internal error also prints its stack trace (set per invocation by <see cref="Program.Run"/>).</summary>
    internal static bool ShowTrace { get; set; }

    internal static bool VerboseFromEnvironment =>
        Environment.GetEnvironmentVariable(VerboseVariable) is string v && v.Length > 0 && v != "0";

    public static int Run(Func<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return body();
        }
        catch (Exception e)
        {
            return Report(e, Console.Error);
        }
    }

    /// <summary>Writes the one-line message of <paramref name="exception"/> and returns its exit code.</summary>
    public static int Report(Exception exception, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(error);
        Exception e = Unwrap(exception);
        switch (e)
        {
            case UsageException:
                error.WriteLine($"error: {e.Message}");
                return ExitCodes.Usage;
            case DataFormatException:
                error.WriteLine($"error: {e.Message}");
                return ExitCodes.DataError;
            case ModelException:
                error.WriteLine($"error: {e.Message}");
                return ExitCodes.ModelError;
            case OperationCanceledException:
                error.WriteLine("interrupted: finished results were kept; run the same command again to resume.");
                return ExitCodes.Cancelled;
            case DllNotFoundException or EntryPointNotFoundException or BadImageFormatException:
                error.WriteLine($"error: a native library could not be used: {e.Message} Run scripts/setup-native.sh (as root) to install the optional libraries, or set FACECOMPAT_KERNELS=managed.");
                return ExitCodes.ModelError;
            case IOException or UnauthorizedAccessException:
                error.WriteLine($"error: {e.Message}");
                return ExitCodes.DataError;
            default:
                error.WriteLine(
                    $"internal error: {e.GetType().Name}: {OneLine(e.Message)} This is a bug in facecompat; please report it with the command line"
                    + (ShowTrace ? ". Stack trace:" : $" (run it again with --verbose, or {VerboseVariable}=1, to print the stack trace)."));
                if (ShowTrace)
                {
                    error.WriteLine(exception.ToString());
                }

                return ExitCodes.InternalError;
        }
    }

    /// <summary>
    /// The error a user should see: the first domain error inside an <see cref="AggregateException"/>
    /// (parallel runners wrap them), a reflection or type-initialiser wrapper, or the exception itself.
    /// </summary>
    internal static Exception Unwrap(Exception e)
    {
        while (true)
        {
            switch (e)
            {
                case AggregateException aggregate:
                    IReadOnlyList<Exception> inner = aggregate.Flatten().InnerExceptions;
                    if (inner.Count == 0)
                    {
                        return e;
                    }

                    // A real error beats the cancellations it caused in the other workers.
                    e = inner.FirstOrDefault(x => Unwrap(x) is not OperationCanceledException) ?? inner[0];
                    continue;
                case TargetInvocationException { InnerException: Exception wrapped }:
                    e = wrapped;
                    continue;
                case TypeInitializationException { InnerException: Exception wrapped }:
                    e = wrapped;
                    continue;
                default:
                    return e;
            }
        }
    }

    private static string OneLine(string message) =>
        message.ReplaceLineEndings(" ").Trim() is string s && s.EndsWith('.') ? s : message.ReplaceLineEndings(" ").Trim() + ".";
}

/// <summary>The command line is wrong in a way the parser cannot see (e.g. a bad list of seeds).</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException()
    {
    }

    public UsageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
