using FaceCompat.Data;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Linkability;

/// <summary>The template-linkability audit of one pair of template sets (see <see cref="LinkabilityPass"/>).</summary>
public static class LinkabilityAudit
{
    /// <param name="queries">Source-system records after the attacker's map, unit rows (as <see cref="Mapping.FittedMap.ScoringRows"/> gives them).</param>
    /// <param name="gallery">Target-system records of the same images, in the same row order.</param>
    /// <param name="identities">Identity code of each row.</param>
    /// <param name="omega">Prior ratio P(mated) / P(non-mated); 1 when unknown.</param>
    /// <exception cref="DataFormatException">Fewer than 10 mated pairs of different images, or a single identity.</exception>
    /// <param name="bootstrap">Resamples for D_sys's 95 % interval over source identities (0: none).</param>
    /// <param name="seed">Seeds the bootstrap.</param>
    public static TemplateLinkability Measure(Matrix<float> queries, Matrix<float> gallery, int[] identities, double omega, IDenseKernels kernels, int threads = 0, int bootstrap = 0, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(gallery);
        ArgumentNullException.ThrowIfNull(identities);
        ArgumentNullException.ThrowIfNull(kernels);
        if (queries.Rows != gallery.Rows || queries.Columns != gallery.Columns || identities.Length != queries.Rows)
        {
            throw new ArgumentException($"queries ({queries.Rows} x {queries.Columns}), gallery ({gallery.Rows} x {gallery.Columns}) and identities ({identities.Length}) must describe the same rows.", nameof(gallery));
        }

        if (!(omega > 0) || !double.IsFinite(omega))
        {
            throw new ArgumentOutOfRangeException(nameof(omega), omega, "The prior ratio must be a positive number.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(bootstrap);
        return new LinkabilityPass(queries, gallery, identities, kernels, threads > 0 ? threads : Environment.ProcessorCount).Run(omega, bootstrap, seed);
    }
}
