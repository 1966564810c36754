using System.CommandLine;
using System.Globalization;
using FaceCompat.Evaluation;
using FaceCompat.Mapping;
using FaceCompat.Study;

namespace FaceCompat.Cli.Commands;

/// <summary>
/// The options that define a study (shared by <c>study</c> and <c>slurm study</c>), the
/// definition they build, and the same definition written back as arguments (for job scripts).
/// </summary>
internal sealed class StudyOptions
{
    public Option<string> Data { get; } = OptionRules.DistinctList(new Option<string>("--data") { Description = "Dataset folders, comma-separated.", Required = true }, "data-a,data-b");

    public Option<string?> Models { get; } = OptionRules.DistinctList(new Option<string?>("--models") { Description = "Models, comma-separated (default: every model all datasets have)." }, "mfn512,mfn128");

    public Option<string> Methods { get; } = OptionRules.NameList(new Option<string>("--methods") { Description = "Methods, comma-separated.", DefaultValueFactory = _ => "baseline,procrustes,linear,ridge" }, "baseline,procrustes", "baseline", "procrustes", "linear", "ridge", "null", "unpaired", "unpaired-gw", "unpaired-disjoint", "unpaired-gw-disjoint", "mlp");

    public Option<string> Seeds { get; } = OptionRules.IntegerList(new Option<string>("--seeds") { Description = "Split seeds, comma-separated.", DefaultValueFactory = _ => "0,1,2,3,4" }, 0, int.MaxValue, "0,1,2");

    public Option<int> TestPercent { get; } = OptionRules.Integer("--test-percent", "Share of identities held out for testing, 1 to 99 %.", 30, 1, 99);

    public Option<double> Lambda { get; } = OptionRules.Real("--lambda", "Ridge regularisation. A finite number > 0 (--method linear is the unregularised fit).", 0.1, 0, 1e6, minInclusive: false);

    public Option<string> Impostors { get; } = OptionRules.Choice("--impostors", "all | balanced.", "all", "all", "balanced");

    public Option<bool> Cross { get; } = new("--cross") { Description = "Also fit on each dataset and evaluate on each other one." };

    public Option<string?> FitIdentities { get; } = OptionRules.IntegerList(new Option<string?>("--fit-identities") { Description = "Training-size experiment: numbers of fitting identities, e.g. 10,20,50,100 (each at most the fitting identities every seed leaves)." }, 1, int.MaxValue, "10,20,50");

    public Option<bool> Linkability { get; } = new("--linkability") { Description = "Also measure template linkability (D_sys) in every cell and write linkability/ matrices (about doubles the scoring time)." };

    public Option<bool> Similarity { get; } = new("--similarity") { Description = "Also measure representation similarity (CKA unbiased/biased, mutual k-NN, Procrustes angle, with permutation nulls) of every pair's raw test embeddings and write similarity/ matrices and rank correlations with Rank-1/TMR." };

    public Option<int> SimilarityK { get; } = SimilarityOptionRules.Neighbours("--similarity-k");

    public Option<int> SimilarityPermutations { get; } = SimilarityOptionRules.Permutations("--similarity-permutations");

    public Option<bool> OpenSet { get; } = new("--open-set") { Description = "Also run open-set identification (NIST FRTE protocol: FNIR at FPIR 0.3/1/10 %, FNIR at rank 1 and R, DIR curve) in every cell." };

    public Option<int> NonMatedPercent { get; } = OptionRules.Integer("--non-mated-percent", "Open-set: share of test identities never enrolled, 1 to 99 %.", 30, 1, 99);

    public Option<int> OpenSetRank { get; } = OptionRules.Integer("--open-set-rank", "Open-set: candidate-list length R, 1 to 1000000.", OpenSetIdentification.DefaultRank, 1, 1_000_000);

    public ScoringArguments Scoring { get; } = new();

    public MlpArguments Mlp { get; } = new();

    public Option<string> Out { get; } = OptionRules.Writable(new Option<string>("--out") { Description = "Study folder (created; re-running resumes).", Required = true }, folder: true);

    public IEnumerable<Option> All => [Data, Models, Methods, Seeds, TestPercent, Lambda, Impostors, Cross, FitIdentities, Linkability, Similarity, SimilarityK, SimilarityPermutations, OpenSet, NonMatedPercent, OpenSetRank, .. Scoring.All, .. Mlp.All, Out];

    public StudyDefinition Definition(ParseResult parse)
    {
        string[] dataPaths = ListArgument.Strings(parse.GetValue(Data));
        return new StudyDefinition
        {
            Datasets = StudyFolder.FullPaths(dataPaths),
            Models = StudyCommand.ResolveModels(parse.GetValue(Models), dataPaths),
            Methods = StudyCommand.ParseMethods(parse.GetValue(Methods)),
            Seeds = ListArgument.Integers(parse.GetValue(Seeds), "--seeds"),
            TestPercent = parse.GetValue(TestPercent),
            RidgeLambda = parse.GetValue(Lambda),
            Impostors = EvaluateCommand.ParseImpostors(parse.GetValue(Impostors)),
            Cross = parse.GetValue(Cross),
            FitIdentities = parse.GetValue(FitIdentities) is string f ? ListArgument.Integers(f, "--fit-identities") : [],
            Linkability = parse.GetValue(Linkability),
            Similarity = parse.GetValue(Similarity)
                ? new FaceCompat.Similarity.SimilarityOptions { Neighbours = parse.GetValue(SimilarityK), Permutations = parse.GetValue(SimilarityPermutations) }
                : null,
            OpenSet = parse.GetValue(OpenSet) ? new OpenSetOptions(parse.GetValue(NonMatedPercent), parse.GetValue(OpenSetRank)) : null,
            Scoring = Scoring.Options(parse),
            Mlp = Mlp.Options(parse),
        };
    }

    /// <summary>The <c>study</c> arguments that rebuild exactly <paramref name="definition"/> (the same study.json).</summary>
    public static List<string> Arguments(StudyDefinition definition, string outDirectory)
    {
        var args = new List<string>
        {
            "--data", string.Join(',', definition.Datasets),
            "--models", string.Join(',', definition.Models),
            "--methods", string.Join(',', definition.Methods.Select(m => m.ToName())),
            "--seeds", string.Join(',', definition.Seeds.Select(s => s.ToString(CultureInfo.InvariantCulture))),
            "--test-percent", definition.TestPercent.ToString(CultureInfo.InvariantCulture),
            "--lambda", definition.RidgeLambda.ToString("R", CultureInfo.InvariantCulture),
            "--impostors", definition.Impostors == ImpostorSampling.Balanced ? "balanced" : "all",
        };
        if (definition.Cross)
        {
            args.Add("--cross");
        }

        if (definition.FitIdentities.Count > 0)
        {
            args.AddRange(["--fit-identities", string.Join(',', definition.FitIdentities.Select(k => k.ToString(CultureInfo.InvariantCulture)))]);
        }

        if (definition.Linkability)
        {
            args.Add("--linkability");
        }

        if (definition.Similarity is FaceCompat.Similarity.SimilarityOptions similarity)
        {
            args.AddRange(["--similarity", "--similarity-k", similarity.Neighbours.ToString(CultureInfo.InvariantCulture), "--similarity-permutations", similarity.Permutations.ToString(CultureInfo.InvariantCulture)]);
        }

        if (definition.OpenSet is OpenSetOptions openSet)
        {
            args.AddRange(["--open-set", "--non-mated-percent", openSet.NonMatedPercent.ToString(CultureInfo.InvariantCulture), "--open-set-rank", openSet.Rank.ToString(CultureInfo.InvariantCulture)]);
        }

        args.AddRange(ScoringArguments.Arguments(definition.Scoring));
        if (definition.Methods.Contains(MapMethod.Mlp))
        {
            args.AddRange(MlpArguments.Arguments(definition.Mlp));
        }

        args.AddRange(["--out", outDirectory]);
        return args;
    }
}
