using System.Collections.Immutable;

namespace FaceCompat.Mapping;

/// <summary>The maps of PROTOCOL.md, fitted on centred, zero-padded rows (mapped = X W).</summary>
public enum MapMethod
{
    /// <summary>W = I: no alignment.</summary>
    Baseline,

    /// <summary>W = U V^T from the SVD of Xs^T Xt (orthogonal Procrustes).</summary>
    Procrustes,

    /// <summary>W = pinv(Xs) Xt (minimum-norm least squares).</summary>
    Linear,

    /// <summary>W = (Xs^T Xs + lambda I)^-1 Xs^T Xt, no intercept.</summary>
    Ridge,

    /// <summary>
    /// The null control: a random orthogonal map (the polar factor of a seeded Gaussian matrix,
    /// Haar-distributed), fitted to nothing. What Rank-1 an unrelated isometry reaches. Opt-in:
    /// not part of <see cref="MapMethods.All"/>; ask for it with <c>--methods ...,null</c>.
    /// </summary>
    Null,

    /// <summary>
    /// Unpaired (mini-vec2vec style, arXiv 2510.02348): an orthogonal map fitted with the row
    /// correspondence withheld: k-means anchors matched by their relational structure, pseudo-pairs,
    /// CSLS mutual-nearest-neighbour refinement (docs/unpaired.md). Opt-in like <see cref="Null"/>.
    /// </summary>
    Unpaired,

    /// <summary>Unpaired baseline: an entropic Gromov-Wasserstein coupling of row samples, then the same refinement (docs/unpaired.md). Opt-in.</summary>
    UnpairedGw,

    /// <summary>
    /// <see cref="Unpaired"/> on identity-disjoint fit sets: the source model is fitted on the rows of one seeded
    /// half of the fitting identities, the target model on the other half (<see cref="IdentitySplit.DisjointHalves"/>),
    /// so no person is seen by both sides (docs/unpaired.md). Opt-in.
    /// </summary>
    UnpairedDisjoint,

    /// <summary><see cref="UnpairedGw"/> on identity-disjoint fit sets, like <see cref="UnpairedDisjoint"/>. Opt-in.</summary>
    UnpairedGwDisjoint,

    /// <summary>
    /// The MLP adapter (docs/mlp.md): the ridge map plus a trained residual,
    /// mapped = x W + b + relu(x W_1 + b_1) W_2 (1 or 2 hidden layers). Opt-in like <see cref="Null"/>.
    /// </summary>
    Mlp,
}

/// <summary>The names of the map methods and the lists of them that studies run.</summary>
public static class MapMethods
{
    /// <summary>The protocol's four methods (the default of every command).</summary>
    public static readonly ImmutableArray<MapMethod> All = [MapMethod.Baseline, MapMethod.Procrustes, MapMethod.Linear, MapMethod.Ridge];

    /// <summary>Every method a name can select, the null control included.</summary>
    public static readonly ImmutableArray<MapMethod> Known = [.. All, MapMethod.Null, MapMethod.Unpaired, MapMethod.UnpairedGw, MapMethod.UnpairedDisjoint, MapMethod.UnpairedGwDisjoint, MapMethod.Mlp];

    /// <summary>The method names a command accepts, for messages.</summary>
    public const string Expected = "baseline, procrustes, linear, ridge, null (a random orthogonal control), unpaired, unpaired-gw, unpaired-disjoint, unpaired-gw-disjoint (docs/unpaired.md) or mlp (docs/mlp.md)";

    /// <summary>The protocol's lower-case name: baseline, procrustes, linear, ridge.</summary>
    public static string ToName(this MapMethod method) => method switch
    {
        MapMethod.Baseline => "baseline",
        MapMethod.Procrustes => "procrustes",
        MapMethod.Linear => "linear",
        MapMethod.Ridge => "ridge",
        MapMethod.Null => "null",
        MapMethod.Unpaired => "unpaired",
        MapMethod.UnpairedGw => "unpaired-gw",
        MapMethod.UnpairedDisjoint => "unpaired-disjoint",
        MapMethod.UnpairedGwDisjoint => "unpaired-gw-disjoint",
        MapMethod.Mlp => "mlp",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    /// <summary>Whether the method is fitted on identity-disjoint halves of the fitting identities (it needs each fitting row's identity).</summary>
    public static bool IsIdentityDisjoint(this MapMethod method) => method is MapMethod.UnpairedDisjoint or MapMethod.UnpairedGwDisjoint;

    /// <summary>Parses a method name (case-insensitive); false for an unknown name.</summary>
    public static bool TryParse(string name, out MapMethod method)
    {
        foreach (MapMethod m in Known)
        {
            if (string.Equals(m.ToName(), name, StringComparison.OrdinalIgnoreCase))
            {
                method = m;
                return true;
            }
        }

        method = default;
        return false;
    }
}
