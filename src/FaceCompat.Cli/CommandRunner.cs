using FaceCompat.Data;

namespace FaceCompat.Cli;

/// <summary>
/// Runs a command body and maps the domain exceptions to one line on stderr and a documented exit
/// code: never a stack trace for bad input.
/// </summary>
public static class CommandRunner
{
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (DataFormatException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.DataError;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("interrupted: finished results were kept; run the same command again to resume.");
            return ExitCodes.Cancelled;
        }
        catch (ModelException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.ModelError;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.DataError;
        }
        catch (UnauthorizedAccessException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.DataError;
        }
    }
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
