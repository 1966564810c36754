using Spectre.Console;

namespace FaceCompat.Cli;

/// <summary>
/// Progress on stderr: a Spectre.Console bar on an interactive terminal, plain lines every 10%
/// otherwise (CI logs), never on stdout.
/// </summary>
internal static class ConsoleProgress
{
    public static T Run<T>(string title, Func<IProgress<(int Done, int Total, string? Last)>, T> work)
    {
        if (Console.IsErrorRedirected || Environment.GetEnvironmentVariable("CI") is not null)
        {
            int lastDecile = -1;
            var plain = new SynchronousProgress<(int Done, int Total, string? Last)>(p =>
            {
                int decile = p.Total == 0 ? 10 : p.Done * 10 / p.Total;
                if (decile != lastDecile)
                {
                    lastDecile = decile;
                    Console.Error.WriteLine($"{title}: {p.Done}/{p.Total}");
                }
            });
            return work(plain);
        }

        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask(title);
                var bar = new SynchronousProgress<(int Done, int Total, string? Last)>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    if (p.Last is not null)
                    {
                        task.Description = $"{title} [grey]{Markup.Escape(p.Last)}[/]";
                    }
                });
                result = work(bar);
                task.Value = task.MaxValue;
            });
        return result;
    }
}
