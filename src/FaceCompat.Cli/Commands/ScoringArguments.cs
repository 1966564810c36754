using System.CommandLine;
using System.Globalization;
using FaceCompat.Evaluation;

namespace FaceCompat.Cli.Commands;

/// <summary>
/// <c>--scoring cosine|csls</c>, <c>--csls-k K</c> and <c>--hubness</c> (shared by <c>evaluate</c>, <c>study</c> and
/// <c>slurm study</c>): the <see cref="ScoringOptions"/> they build and the arguments that rebuild them.
/// </summary>
internal sealed class ScoringArguments
{
    public Option<string> Scoring { get; } = OptionRules.Choice("--scoring", "cosine (PROTOCOL.md) | csls (Conneau et al.'s hubness-corrected score 2 cos - r_T - r_S, for identification and verification; records the hubness statistic too).", "cosine", "cosine", "csls");

    public Option<int> K { get; } = OptionRules.Integer("--csls-k", $"Neighbourhood size k of CSLS and of the hubness statistic N_k, 1 to {ScoringOptions.MaxK} and at most the number of test images (MUSE uses 10).", ScoringOptions.DefaultK, 1, ScoringOptions.MaxK);

    public Option<bool> Hubness { get; } = new("--hubness") { Description = "Record the gallery's k-occurrence skewness (hubness statistic, k = --csls-k) with cosine scoring too (one extra scoring pass per cell)." };

    public IEnumerable<Option> All => [Scoring, K, Hubness];

    public ScoringOptions Options(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        string name = parse.GetValue(Scoring)!;
        if (!ScoringOptions.TryParse(name, out ScoringMethod method))
        {
            throw new UsageException($"--scoring: unknown value '{name}'; expected cosine or csls.");
        }

        bool hubness = parse.GetValue(Hubness) || method == ScoringMethod.Csls;
        return hubness ? new ScoringOptions { Method = method, K = parse.GetValue(K), Hubness = true } : ScoringOptions.Cosine;
    }

    /// <summary>The arguments that rebuild <paramref name="scoring"/> (none for plain cosine scoring).</summary>
    public static IEnumerable<string> Arguments(ScoringOptions scoring)
    {
        ArgumentNullException.ThrowIfNull(scoring);
        if (!scoring.CollectsNeighbourhoods)
        {
            return [];
        }

        string[] k = ["--csls-k", scoring.K.ToString(CultureInfo.InvariantCulture)];
        return scoring.Method == ScoringMethod.Csls ? ["--scoring", "csls", .. k] : ["--hubness", .. k];
    }
}
