namespace FaceCompat.Tests.Corpus;

/// <summary>Every case of the malformed-input corpus, by name.</summary>
public static partial class MalformedInputCorpus
{
    private static readonly Lazy<IReadOnlyDictionary<string, CorpusCase>> s_cases = new(() =>
        Embeddings().Concat(Indexes()).Concat(IdentityStructures()).Concat(Adapters()).Concat(Studies())
            .Concat(ExtractionInputs()).Concat(Lfw10Inputs()).Concat(ClassmapInputs()).Concat(CommandLines()).Concat(Exports())
            .ToDictionary(c => c.Name, StringComparer.Ordinal));

    public static IReadOnlyDictionary<string, CorpusCase> Cases => s_cases.Value;
}

/// <summary>
/// Runs each corpus case in-process (CliRunner): the documented exit code, every mention (the file
/// or option) on stderr, and no .NET stack trace anywhere.
/// </summary>
[Collection("console")]
public sealed class MalformedInputCorpusTests : IClassFixture<CorpusWorkspace>
{
    private readonly CorpusWorkspace _workspace;

    public MalformedInputCorpusTests(CorpusWorkspace workspace) => _workspace = workspace;

    public static TheoryData<string> CaseNames => new(MalformedInputCorpus.Cases.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void The_corpus_has_at_least_100_cases_over_every_command()
    {
        MalformedInputCorpus.Cases.Count.Should().BeGreaterThanOrEqualTo(100);
        string[] commands = ["demo", "study", "evaluate", "fit", "apply", "audit", "extract", "report", "lfw10", "classmap", "scales", "macro", "micro", "toy"];
        foreach (string command in commands)
        {
            MalformedInputCorpus.Cases.Keys.Should().Contain(k => k.Contains(command, StringComparison.Ordinal), command);
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Malformed_input_gets_the_documented_exit_code_and_names_the_file_or_option(string name)
    {
        CorpusCase c = MalformedInputCorpus.Cases[name];
        string dir = _workspace.CaseFolder(name);
        string[] args = c.Prepare(_workspace, dir);
        (int exit, string stdout, string stderr) = CliRunner.Run(args);
        string because = $"'{string.Join(' ', args)}' printed:{Environment.NewLine}{stderr}";
        exit.Should().Be(c.Exit, because);
        stderr.Should().NotContain("   at ", because).And.NotContain("Exception:", because);
        stdout.Should().NotContain("   at ", because);
        if (c.Exit != 0)
        {
            stderr.Should().MatchRegex("(?m)^error: ", because);
        }

        foreach (string mention in c.Mentions)
        {
            stderr.Should().Contain(mention.Replace("{dir}", dir, StringComparison.Ordinal), because);
        }
    }
}
