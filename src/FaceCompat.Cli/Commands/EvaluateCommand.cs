using System.CommandLine;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat evaluate</c>: one (source, target, method) over seeds, as the reference prints it.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var command = new Command("evaluate", "Fit a map from one model's space to another's and score it (one JSON line per seed with --json).");
        command.SetAction(_ => CommandRunner.Run(() => throw new UsageException("evaluate is not built yet.")));
        return command;
    }
}
