using FaceCompat.Data;

namespace FaceCompat.Study;

/// <summary>
/// The family of each model of a study, from its datasets' manifest.json files (<see cref="DatasetFolder.Families"/>).
/// Rule: a model's family is the one its datasets record; a dataset that records none (no manifest, or no
/// <c>family</c>) does not count; two datasets that record different families for one model are an error naming both
/// manifests. Models that no dataset gives a family have none (unknown).
/// </summary>
public static class ModelFamilies
{
    /// <summary>The known families of <paramref name="models"/>; each disagreement (or unreadable manifest) is added to <paramref name="problems"/>.</summary>
    public static IReadOnlyDictionary<string, string> Combine(IReadOnlyList<string> models, IReadOnlyList<DatasetFolder> datasets, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(datasets);
        ArgumentNullException.ThrowIfNull(problems);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var from = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DatasetFolder data in datasets)
        {
            IReadOnlyDictionary<string, string> families;
            try
            {
                families = data.Families;
            }
            catch (DataFormatException e)
            {
                problems.Add(e.Message);
                continue;
            }

            foreach (string model in models)
            {
                if (!families.TryGetValue(model, out string? family))
                {
                    continue;
                }

                if (result.TryGetValue(model, out string? earlier))
                {
                    if (earlier != family)
                    {
                        problems.Add($"model '{model}' has family \"{earlier}\" in {from[model]} but \"{family}\" in {data.ManifestPath}. fix: make the two manifests agree (edit the model's \"family\" in one of them), or study the datasets separately.");
                    }
                }
                else
                {
                    result[model] = family;
                    from[model] = data.ManifestPath;
                }
            }
        }

        return result;
    }
}
