using System.CommandLine;
using System.Globalization;
using FaceCompat.Mapping;

namespace FaceCompat.Cli.Commands;

/// <summary>
/// The <c>--mlp-*</c> options of the mlp method (shared by <c>fit</c>, <c>evaluate</c>, <c>study</c> and
/// <c>slurm study</c>; ranges as <see cref="MlpOptions.Validate"/>), the <see cref="MlpOptions"/> they build
/// and the arguments that rebuild them.
/// </summary>
internal sealed class MlpArguments
{
    private static readonly MlpOptions s_defaults = new();

    public Option<int> Hidden { get; } = OptionRules.Integer("--mlp-hidden", "mlp: units per hidden layer, 1 to 8192.", s_defaults.Hidden, 1, 8192);

    public Option<int> Layers { get; } = OptionRules.Integer("--mlp-layers", "mlp: hidden layers, 1 or 2.", s_defaults.Layers, 1, 2);

    public Option<string> Loss { get; } = OptionRules.Choice("--mlp-loss", "mlp: regression (1 - cosine to the image's own target embedding) | contrastive (InfoNCE over the batch, same-identity targets as positives).", "regression", "regression", "contrastive");

    public Option<int> Epochs { get; } = OptionRules.Integer("--mlp-epochs", "mlp: most epochs, 1 to 10000.", s_defaults.MaxEpochs, 1, 10000);

    public Option<int> Patience { get; } = OptionRules.Integer("--mlp-patience", "mlp: stop after this many epochs without a lower validation loss, 1 to 10000.", s_defaults.Patience, 1, 10000);

    public Option<int> Batch { get; } = OptionRules.Integer("--mlp-batch", "mlp: rows per Adam step, 2 to 65536.", s_defaults.BatchSize, 2, 65536);

    public Option<double> LearningRate { get; } = OptionRules.Real("--mlp-learning-rate", "mlp: Adam's step size, above 0 and at most 1.", s_defaults.LearningRate, 0, 1, minInclusive: false);

    public Option<int> ValidationPercent { get; } = OptionRules.Integer("--mlp-validation-percent", "mlp: share of the fitting identities held out for early stopping, 1 to 50 %.", s_defaults.ValidationPercent, 1, 50);

    public Option<double> Temperature { get; } = OptionRules.Real("--mlp-temperature", "mlp: the contrastive loss's temperature, above 0 and at most 10.", s_defaults.Temperature, 0, 10, minInclusive: false);

    public IEnumerable<Option> All => [Hidden, Layers, Loss, Epochs, Patience, Batch, LearningRate, ValidationPercent, Temperature];

    public MlpOptions Options(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        string loss = parse.GetValue(Loss)!;
        return new MlpOptions
        {
            Hidden = parse.GetValue(Hidden),
            Layers = parse.GetValue(Layers),
            Loss = MlpOptions.TryParseLoss(loss, out MlpLoss l) ? l : throw new UsageException($"--mlp-loss: unknown value '{loss}'; expected regression or contrastive."),
            MaxEpochs = parse.GetValue(Epochs),
            Patience = parse.GetValue(Patience),
            BatchSize = parse.GetValue(Batch),
            LearningRate = parse.GetValue(LearningRate),
            ValidationPercent = parse.GetValue(ValidationPercent),
            Temperature = parse.GetValue(Temperature),
        };
    }

    /// <summary>The arguments that rebuild <paramref name="options"/>.</summary>
    public static IEnumerable<string> Arguments(MlpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
        static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        return
        [
            "--mlp-hidden", I(options.Hidden), "--mlp-layers", I(options.Layers), "--mlp-loss", MlpOptions.LossName(options.Loss),
            "--mlp-epochs", I(options.MaxEpochs), "--mlp-patience", I(options.Patience), "--mlp-batch", I(options.BatchSize),
            "--mlp-learning-rate", R(options.LearningRate), "--mlp-validation-percent", I(options.ValidationPercent), "--mlp-temperature", R(options.Temperature),
        ];
    }
}
