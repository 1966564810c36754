using System.CommandLine;
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
        return BuildRoot().Parse(args).Invoke();
    }

    /// <summary>The whole command tree; each command lives in its own file under Commands/.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "facecompat: measure and exploit how compatible the embedding spaces of face-recognition models are.\n" +
            "Start with 'facecompat demo', then see README.md for the protocol and every command.");
        foreach (Command command in Commands())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    private static IEnumerable<Command> Commands()
    {
        yield return DemoCommand.Create();
        yield return StudyCommand.Create();
        yield return EvaluateCommand.Create();
        yield return FitCommand.Create();
        yield return ApplyCommand.Create();
        yield return AuditCommand.Create();
        yield return ExtractCommand.Create();
        yield return ReportCommand.Create();
        yield return Lfw10Command.Create();
        yield return GeometryCommand.Create();
        yield return ClassmapCommand.Create();
    }
}
