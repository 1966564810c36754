using FaceCompat.Cli;
using FaceCompat.Data;

namespace FaceCompat.Tests;

[Collection("console")]
public sealed class ExitCodeTests
{
    [Theory]
    [InlineData("no-such-command")]
    [InlineData("evaluate", "--no-such-option", "1")]
    [InlineData("evaluate", "--data", "x", "--source", "a")]
    [InlineData("geometry", "toy", "--runs", "many")]
    public void Parser_errors_exit_2_and_name_what_is_wrong(params string[] args)
    {
        (int exit, string stdout, string stderr) = CliRunner.Run(args);
        exit.Should().Be(ExitCodes.Usage, stderr);
        stdout.Should().BeEmpty();
        stderr.Should().StartWith("error: ").And.Contain("--help").And.NotContain("   at ");
        stderr.Should().ContainAny("no-such-command", "--no-such-option", "--target", "--runs");
    }

    [Fact]
    public void A_data_error_inside_a_parallel_runner_is_reported_as_the_data_error()
    {
        var inner = new DataFormatException("/d/embeddings/a.npy: row 3 is NaN.");
        var wrapped = new AggregateException(new OperationCanceledException(), new AggregateException(inner));
        var error = new StringWriter();
        CommandRunner.Report(wrapped, error).Should().Be(ExitCodes.DataError);
        error.ToString().Should().Be($"error: /d/embeddings/a.npy: row 3 is NaN.{Environment.NewLine}");
    }

    [Fact]
    public void Cancellation_inside_a_parallel_runner_exits_130()
    {
        var error = new StringWriter();
        CommandRunner.Report(new AggregateException(new OperationCanceledException()), error).Should().Be(ExitCodes.Cancelled);
    }

    [Fact]
    public void A_bug_is_one_line_asking_for_a_report_and_shows_the_trace_only_when_verbose()
    {
        Exception bug;
        try
        {
            throw new InvalidOperationException("unexpected state");
        }
        catch (InvalidOperationException e)
        {
            bug = e;
        }

        bool before = CommandRunner.ShowTrace;
        try
        {
            CommandRunner.ShowTrace = false;
            var quiet = new StringWriter();
            CommandRunner.Report(bug, quiet).Should().Be(ExitCodes.InternalError);
            quiet.ToString().TrimEnd().Should().NotContain(Environment.NewLine).And.Contain("please report").And.Contain("--verbose").And.Contain(CommandRunner.VerboseVariable).And.NotContain("   at ");

            CommandRunner.ShowTrace = true;
            var verbose = new StringWriter();
            CommandRunner.Report(bug, verbose).Should().Be(ExitCodes.InternalError);
            verbose.ToString().Should().Contain("   at ");
        }
        finally
        {
            CommandRunner.ShowTrace = before;
        }
    }

    [Fact]
    public void Help_and_version_exit_0()
    {
        CliRunner.Run("--help").Exit.Should().Be(0);
        CliRunner.Run("--version").Exit.Should().Be(0);
        CliRunner.Run("study", "--help").Exit.Should().Be(0);
    }
}
