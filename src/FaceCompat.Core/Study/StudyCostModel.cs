using FaceCompat.Data;

namespace FaceCompat.Study;

/// <summary>
/// The estimated cost of a work unit, in multiply-adds, from the shapes alone (no embedding is loaded
/// for .npy files): fitting reads the fitting rows once per pair (n_fit d_s d_t), and each method scores
/// the test queries against the gallery in min(d_s, d_t) dimensions (n_test^2 min(d_s, d_t), three
/// such passes with linkability) after mapping them (n_test d_s d_t). Only ratios matter: it balances shards.
/// </summary>
public sealed class StudyCostModel
{
    private readonly StudyDefinition _definition;
    private readonly Dictionary<string, DatasetFolder> _datasets;
    private readonly Dictionary<(string Dataset, string Model), int> _dimensions = [];

    /// <summary>A cost model for the study's work units over the opened datasets.</summary>
    public StudyCostModel(StudyDefinition definition, IReadOnlyList<DatasetFolder> datasets)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(datasets);
        _definition = definition;
        _datasets = datasets.ToDictionary(d => d.Name, StringComparer.Ordinal);
    }

    /// <summary>The relative cost of a work unit (fitting plus scoring work), for scheduling and sharding.</summary>
    public double Estimate(StudyWorkUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        DatasetFolder eval = _datasets[unit.EvalDataset];
        DatasetFolder fit = unit.IsCross ? _datasets[unit.FitDataset!] : eval;
        double nTest = unit.IsCross ? eval.Index.Count : eval.Index.Count * _definition.TestPercent / 100.0;
        double nFit = unit.IsCross ? fit.Index.Count : fit.Index.Count - nTest;
        if (unit.FitIdentityLimit is int k)
        {
            nFit = Math.Min(nFit, k * (double)fit.Index.Count / Math.Max(1, fit.Index.UniqueIdentities.Count));
        }

        double ds = Dimension(eval, unit.Source), dt = Dimension(eval, unit.Target);
        double passes = _definition.Linkability ? 3 : 1;
        return (nFit * ds * dt) + (_definition.Methods.Count * ((passes * nTest * nTest * Math.Min(ds, dt)) + (nTest * ds * dt)));
    }

    private int Dimension(DatasetFolder data, string model)
    {
        if (_dimensions.TryGetValue((data.Name, model), out int d))
        {
            return d;
        }

        string path = data.EmbeddingPath(model);
        d = path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) ? NpyFile.ReadHeader(path).Columns : data.Embeddings(model).Columns;
        _dimensions[(data.Name, model)] = d;
        return d;
    }
}
