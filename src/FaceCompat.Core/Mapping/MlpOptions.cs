using System.Text.Json;

namespace FaceCompat.Mapping;

/// <summary>What the MLP adapter's residual is trained to do (docs/mlp.md).</summary>
public enum MlpLoss
{
    /// <summary>Cosine regression: the mean of 1 - cos(mapped row, its own target row).</summary>
    Regression,

    /// <summary>
    /// Identity-aware InfoNCE over the batch: each mapped source row against every target row of the
    /// batch, with all target rows of the same identity as positives, at temperature tau.
    /// </summary>
    Contrastive,
}

/// <summary>
/// Settings of the <see cref="MapMethod.Mlp"/> adapter and its training (docs/mlp.md). The ranges are
/// those of <see cref="Validate"/>; the CLI's <c>--mlp-*</c> options enforce the same ones.
/// </summary>
public sealed record MlpOptions
{
    /// <summary>Units per hidden layer, 1 to 8192.</summary>
    public int Hidden { get; init; } = 512;

    /// <summary>Hidden layers, 1 or 2.</summary>
    public int Layers { get; init; } = 1;

    /// <summary>The training loss.</summary>
    public MlpLoss Loss { get; init; } = MlpLoss.Regression;

    /// <summary>Most passes over the training rows, 1 to 10000.</summary>
    public int MaxEpochs { get; init; } = 100;

    /// <summary>Stop after this many epochs without a lower validation loss, 1 to 10000.</summary>
    public int Patience { get; init; } = 8;

    /// <summary>Rows per Adam step, 2 to 65536.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Adam's step size, in (0, 1].</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Share of the fitting identities held out for early stopping, 1 to 50 %.</summary>
    public int ValidationPercent { get; init; } = 10;

    /// <summary>The contrastive loss's temperature tau, in (0, 10].</summary>
    public double Temperature { get; init; } = 0.05;

    /// <summary>The lower-case name of a loss: regression or contrastive.</summary>
    public static string LossName(MlpLoss loss) => loss == MlpLoss.Contrastive ? "contrastive" : "regression";

    /// <summary>Parses a loss name (case-insensitive); false for an unknown one.</summary>
    public static bool TryParseLoss(string? name, out MlpLoss loss)
    {
        foreach (MlpLoss l in new[] { MlpLoss.Regression, MlpLoss.Contrastive })
        {
            if (string.Equals(LossName(l), name, StringComparison.OrdinalIgnoreCase))
            {
                loss = l;
                return true;
            }
        }

        loss = default;
        return false;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of its range.</summary>
    public void Validate()
    {
        if (Problem() is (string name, string problem))
        {
            throw new ArgumentOutOfRangeException(name, problem);
        }
    }

    /// <summary>The first setting out of its range, its name and one sentence, or null when every setting is in range.</summary>
    private (string Name, string Message)? Problem() =>
        Hidden is < 1 or > 8192 ? OutOfRange(nameof(Hidden), Hidden, "1 to 8192")
        : Layers is not (1 or 2) ? OutOfRange(nameof(Layers), Layers, "1 or 2")
        : MaxEpochs is < 1 or > 10000 ? OutOfRange(nameof(MaxEpochs), MaxEpochs, "1 to 10000")
        : Patience is < 1 or > 10000 ? OutOfRange(nameof(Patience), Patience, "1 to 10000")
        : BatchSize is < 2 or > 65536 ? OutOfRange(nameof(BatchSize), BatchSize, "2 to 65536")
        : !(LearningRate is > 0 and <= 1) ? OutOfRange(nameof(LearningRate), LearningRate, "a number in (0, 1]")
        : ValidationPercent is < 1 or > 50 ? OutOfRange(nameof(ValidationPercent), ValidationPercent, "1 to 50")
        : !(Temperature is > 0 and <= 10) ? OutOfRange(nameof(Temperature), Temperature, "a number in (0, 10]")
        : null;

    private static (string, string) OutOfRange(string name, object value, string range) =>
        (name, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the MLP setting {name} is {value}; it must be {range}"));

    /// <summary>Writes the settings as properties of the current JSON object (study.json's and adapter.json's <c>mlp</c> object).</summary>
    public void WriteProperties(Utf8JsonWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteNumber("hidden", Hidden);
        w.WriteNumber("layers", Layers);
        w.WriteString("loss", LossName(Loss));
        w.WriteNumber("max_epochs", MaxEpochs);
        w.WriteNumber("patience", Patience);
        w.WriteNumber("batch_size", BatchSize);
        w.WriteNumber("learning_rate", LearningRate);
        w.WriteNumber("validation_percent", ValidationPercent);
        w.WriteNumber("temperature", Temperature);
    }

    /// <summary>Reads what <see cref="WriteProperties"/> wrote, validated.</summary>
    /// <exception cref="JsonException">A setting is missing, malformed or out of range.</exception>
    public static MlpOptions ReadProperties(JsonElement e)
    {
        string? loss = e.GetProperty("loss").GetString();
        var options = new MlpOptions
        {
            Hidden = e.GetProperty("hidden").GetInt32(),
            Layers = e.GetProperty("layers").GetInt32(),
            Loss = TryParseLoss(loss, out MlpLoss l) ? l : throw new JsonException($"unknown mlp loss '{loss}'"),
            MaxEpochs = e.GetProperty("max_epochs").GetInt32(),
            Patience = e.GetProperty("patience").GetInt32(),
            BatchSize = e.GetProperty("batch_size").GetInt32(),
            LearningRate = e.GetProperty("learning_rate").GetDouble(),
            ValidationPercent = e.GetProperty("validation_percent").GetInt32(),
            Temperature = e.GetProperty("temperature").GetDouble(),
        };
        return options.Problem() is (_, string problem) ? throw new JsonException(problem) : options;
    }
}
