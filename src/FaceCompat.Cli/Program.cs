using System.CommandLine;
using System.CommandLine.Invocation;
using System.Globalization;
using FaceCompat.Cli.Commands;

namespace FaceCompat.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        FaceCompat.LinearAlgebra.DenseKernels.ManagedNotice = note => Console.Error.WriteLine(note);
        return Run(args);
    }

    /// <summary>
    /// Parses and runs one command line with the documented exit codes: parser errors (unknown
    /// command or option, missing or malformed value, out-of-range value) are all reported
    /// together and exit 2; everything else goes through <see cref="CommandRunner"/>.
    /// </summary>
    public static int Run(string[] args)
    {
        try
        {
            ParseResult parse = BuildRoot().Parse(args);
            CommandRunner.ShowTrace = CommandRunner.VerboseFromEnvironment || (parse.GetResult(VerboseOption) is not null && parse.GetValue<bool>(VerboseOption));
            if (parse.Action is ParseErrorAction)
            {
                return ReportParseErrors(parse);
            }

            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return CommandRunner.Report(e, Console.Error);
        }
    }

    /// <summary>Prints every trace of an internal error (a bug) instead of one line; also <c>FACECOMPAT_VERBOSE=1</c>.</summary>
    internal const string VerboseOption = "--verbose";

    /// <summary>The whole command tree; each command lives in its own file under Commands/.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "facecompat: measure and exploit how compatible the embedding spaces of face-recognition models are.\n" +
            "Start with 'facecompat demo', then see README.md for the protocol and every command.");
        root.Options.Add(new Option<bool>(VerboseOption)
        {
            Description = $"On an internal error (a bug, exit code 1), print the stack trace too (or set {CommandRunner.VerboseVariable}=1).",
            Recursive = true,
        });
        foreach (Command command in Commands())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    private static int ReportParseErrors(ParseResult parse)
    {
        foreach (string message in parse.Errors.Select(e => e.Message).Distinct(StringComparer.Ordinal))
        {
            Console.Error.WriteLine($"error: {message}");
        }

        string command = string.Join(' ', CommandPath(parse.CommandResult.Command));
        Console.Error.WriteLine($"Run 'facecompat{(command.Length > 0 ? " " + command : "")} --help' for every option, its default and an example.");
        return ExitCodes.Usage;
    }

    private static IEnumerable<string> CommandPath(Command command)
    {
        var names = new Stack<string>();
        for (Command? c = command; c is not null && c is not RootCommand; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Push(c.Name);
        }

        return names;
    }

    private static IEnumerable<Command> Commands()
    {
        yield return DemoCommand.Create();
        yield return StudyCommand.Create();
        yield return EvaluateCommand.Create();
        yield return FitCommand.Create();
        yield return ApplyCommand.Create();
        yield return ExportCommand.Create();
        yield return AuditCommand.Create();
        yield return SimilarityCommand.Create();
        yield return ExtractCommand.Create();
        yield return ReportCommand.Create();
        yield return Lfw10Command.Create();
        yield return GeometryCommand.Create();
        yield return ClassmapCommand.Create();
        yield return SlurmCommand.Create();
    }
}
