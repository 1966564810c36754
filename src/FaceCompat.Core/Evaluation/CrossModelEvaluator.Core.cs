using FaceCompat.Data;

namespace FaceCompat.Evaluation;

public static partial class CrossModelEvaluator
{
    /// <summary>Cells with at most this many impostor pairs keep every score (exact AUC too); larger ones stream.</summary>
    internal const long ExactImpostorLimit = 32_000_000;

    private static CellMetrics EvaluateCore(Matrix<float> queries, Matrix<float> gallery, int[] identities, EvaluationOptions options)
        => EvaluateCore(queries, gallery, identities, options, ExactImpostorLimit);

    internal static CellMetrics EvaluateCore(Matrix<float> queries, Matrix<float> gallery, int[] identities, EvaluationOptions options, long exactImpostorLimit, bool forecastBoundary = true, int binnedFrom = ExactVerification.BinnedFrom)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(gallery);
        ArgumentNullException.ThrowIfNull(identities);
        ArgumentNullException.ThrowIfNull(options);
        if (queries.Rows != gallery.Rows || queries.Rows != identities.Length)
        {
            throw new DataFormatException($"queries ({queries.Rows} rows), gallery ({gallery.Rows} rows) and identities ({identities.Length}) must describe the same test images.");
        }

        if (queries.Columns != gallery.Columns)
        {
            throw new DataFormatException($"queries have {queries.Columns} dimensions but the gallery has {gallery.Columns}; map the queries into the gallery's space first.");
        }

        if (queries.Rows < 2)
        {
            throw new DataFormatException($"evaluation needs at least 2 test images, found {queries.Rows}.");
        }

        // CSLS and the hubness statistic: a first pass over the score blocks collects the neighbourhoods.
        GalleryNeighbourhoods? neighbourhoods = options.Scoring.CollectsNeighbourhoods
            ? GalleryNeighbourhoods.Collect(queries, gallery, options.Scoring.K, options.Kernels, Math.Max(1, options.MaxDegreeOfParallelism))
            : null;
        CslsScores? csls = options.Scoring.Method == ScoringMethod.Csls ? new CslsScores(neighbourhoods!) : null;
        var groups = IdentityGroups.Build(identities);
        var pass = new EvaluationPass(queries, gallery, identities, groups, options, exactImpostorLimit, forecastBoundary, binnedFrom, csls);
        CellMetrics metrics = pass.Run();
        return neighbourhoods is null ? metrics : metrics with { HubnessSkew = neighbourhoods.KOccurrenceSkewness() };
    }
}
