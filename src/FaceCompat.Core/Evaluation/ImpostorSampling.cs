namespace FaceCompat.Evaluation;

/// <summary>Which impostor pairs verification uses (PROTOCOL.md, Verification).</summary>
public enum ImpostorSampling
{
    /// <summary>Every pair i &lt; j with different identities (exact, the default).</summary>
    All,

    /// <summary>As many impostor pairs as genuine ones, sampled with SplitMix64 seeded by the split seed.</summary>
    Balanced,
}
