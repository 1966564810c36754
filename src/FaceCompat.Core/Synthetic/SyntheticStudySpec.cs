namespace FaceCompat.Synthetic;

/// <summary>
/// One synthetic "model": models of one <see cref="Family"/> share a nonlinear feature map and
/// differ by <see cref="Perturbation"/> of its weights, their own projection to
/// <see cref="Dimension"/>, how much they see the nuisance factors, and noise.
/// </summary>
public sealed record SyntheticModelSpec(string Name, int Dimension, int Family, double Perturbation, double NuisanceWeight, double Noise);

/// <summary>
/// Identities in a latent space with per-image nuisance factors (pose/illumination-like,
/// shared by every model), seen through several models. Everything follows from <see cref="Seed"/>.
/// </summary>
public sealed record SyntheticStudySpec
{
    /// <summary>Identities generated.</summary>
    public int Identities { get; init; } = 1000;

    /// <summary>Images per identity.</summary>
    public int ImagesPerIdentity { get; init; } = 4;

    /// <summary>Dimension of the shared identity latent.</summary>
    public int LatentDimension { get; init; } = 32;

    /// <summary>Dimension of the per-image nuisance latent.</summary>
    public int NuisanceDimension { get; init; } = 8;

    /// <summary>Spread of an identity's images around its latent centre.</summary>
    public double WithinIdentitySpread { get; init; } = 0.55;

    /// <summary>Seeds the models (their weights and projections).</summary>
    public ulong Seed { get; init; } = 7;

    /// <summary>Seeds the identities and images; two datasets with the same <see cref="Seed"/> and different data seeds are seen by the same models.</summary>
    public ulong DataSeed { get; init; } = 1;

    /// <summary>The models and how each sees the latents.</summary>
    public IReadOnlyList<SyntheticModelSpec> Models { get; init; } = Demo;

    /// <summary>The family name of family index f (written to the dataset's manifest.json): entry f, or "family-f" beyond the list.</summary>
    public IReadOnlyList<string> FamilyNames { get; init; } = ["face", "generic"];

    /// <summary>The name of <paramref name="model"/>'s family (<see cref="FamilyNames"/>).</summary>
    public string FamilyName(SyntheticModelSpec model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Family >= 0 && model.Family < FamilyNames.Count ? FamilyNames[model.Family] : "family-" + model.Family.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Two families of three models each, 128 to 1024 dimensions: face-* (family 0, "face") and found-* (family 1, "generic").</summary>
    public static IReadOnlyList<SyntheticModelSpec> Demo { get; } =
    [
        new("face-a512", 512, 0, 0.15, 0.1, 0.9),
        new("face-b256", 256, 0, 0.25, 0.1, 0.95),
        new("face-c128", 128, 0, 0.35, 0.1, 1.0),
        new("found-x768", 768, 1, 0.15, 2.0, 0.9),
        new("found-y1024", 1024, 1, 0.25, 2.0, 0.95),
        new("found-z384", 384, 1, 0.35, 2.0, 1.0),
    ];
}
