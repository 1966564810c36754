using System.Globalization;
using FaceCompat.Cli;

namespace FaceCompat.Tests;

/// <summary>Runs the CLI in-process with captured stdout/stderr. Tests using it share one collection (the console is global).</summary>
internal static class CliRunner
{
    public static (int Exit, string Out, string Error) Run(params string[] args) => RunUnder(CultureInfo.InvariantCulture, args);

    public static (int Exit, string Out, string Error) RunUnder(CultureInfo culture, params string[] args)
    {
        TextWriter outBefore = Console.Out, errorBefore = Console.Error;
        CultureInfo cultureBefore = CultureInfo.CurrentCulture;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        try
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            CultureInfo.CurrentCulture = culture;
            int exit = Program.Run(args);
            return (exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(outBefore);
            Console.SetError(errorBefore);
            CultureInfo.CurrentCulture = cultureBefore;
        }
    }
}

[CollectionDefinition("console", DisableParallelization = true)]
public sealed class ConsoleCollection
{
}
