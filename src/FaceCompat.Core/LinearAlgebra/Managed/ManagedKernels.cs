namespace FaceCompat.LinearAlgebra;

/// <summary>
/// The always-available managed provider. Single-threaded and deterministic: every output element
/// is computed with a fixed summation order, so results do not depend on the machine's thread count.
/// Numeric semantics: GEMM follows BLAS (NaN/Inf in A or B propagate; with beta = 0 the old C is not read).
/// Svd and SymmetricEigen use cyclic Jacobi rotations (relative accuracy near 1e-15 times the largest
/// singular value / eigenvalue magnitude); NaN or infinite input gives an <see cref="ArgumentException"/>.
/// </summary>
public sealed partial class ManagedKernels : IDenseKernels
{
    /// <summary>The shared instance (the provider is stateless).</summary>
    public static ManagedKernels Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "managed";

    internal static void RequireFinite(ReadOnlySpan<double> values, string name)
    {
        if (IsAllFinite(values))
        {
            return;
        }

        throw new ArgumentException($"'{name}' contains NaN or infinite values; the decomposition is undefined.", name);
    }

    private static bool IsAllFinite(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
