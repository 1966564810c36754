using FaceCompat.Data;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Study;

/// <summary>Where a study run stands: work units done out of all, and the one just finished.</summary>
public readonly record struct StudyProgress(int Done, int Total, int Skipped, string? Last);

/// <summary>
/// Runs a study into a folder (<see cref="StudyFolder"/>, docs/study-format.md). Each work unit fits once and writes one
/// cell file per method atomically (temporary file, then rename), so a killed run loses at most
/// the units in flight; a re-run skips every unit whose cells are all present and readable, and
/// recomputes torn or unreadable ones. Aggregates are rewritten from the cell files at the end.
/// </summary>
public static class StudyRunner
{
    /// <summary>Runs (or resumes) the study in <paramref name="studyDirectory"/>: every missing cell, then the summaries; finished cells are kept when cancelled.</summary>
    public static StudySummary Run(StudyDefinition definition, string studyDirectory, IDenseKernels kernels, IProgress<StudyProgress>? progress = null, CancellationToken cancellation = default)
    {
        (StudyFolder folder, DatasetFolder[] datasets) = Open(definition, studyDirectory);
        folder.RemoveTemporaryFiles();
        RunUnits(definition, datasets, Enumerate(definition, datasets).ToList(), folder, kernels, progress, cancellation);
        return folder.WriteSummaries();
    }

    /// <summary>
    /// Runs one shard of the study (<see cref="Plan(StudyDefinition, IReadOnlyList{DatasetFolder}, int)"/>) into the shared folder and writes no
    /// aggregates: shards of one study may run at once on machines sharing the folder; each cell is
    /// still one atomic file, and a re-run of a shard skips its finished cells. Returns the shard's
    /// work units. <see cref="Merge"/> writes the aggregates once every shard is done.
    /// </summary>
    public static IReadOnlyList<StudyWorkUnit> RunShard(StudyDefinition definition, string studyDirectory, WorkShard shard, IDenseKernels kernels, IProgress<StudyProgress>? progress = null, CancellationToken cancellation = default)
    {
        (StudyFolder folder, DatasetFolder[] datasets) = Open(definition, studyDirectory);
        List<StudyWorkUnit> mine = Plan(definition, datasets, shard.Count).Where(p => p.Shard == shard.Index).Select(p => p.Unit).ToList();
        RunUnits(definition, datasets, mine, folder, kernels, progress, cancellation);
        return mine;
    }

    /// <summary>
    /// Writes the aggregates of a sharded study once every cell exists; otherwise refuses
    /// (<see cref="DataFormatException"/>) and lists the missing cells.
    /// </summary>
    public static StudySummary Merge(StudyDefinition definition, string studyDirectory)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!File.Exists(Path.Combine(studyDirectory, StudyFolder.ConfigurationFile)))
        {
            throw new DataFormatException($"{studyDirectory}: no study.json; this is not a study folder (run the shards into it first).") { FilePath = studyDirectory };
        }

        (StudyFolder folder, DatasetFolder[] datasets) = Open(definition, studyDirectory);
        List<string> missing = Enumerate(definition, datasets)
            .SelectMany(u => definition.Methods.Select(m => StudyFolder.CellPath(u, m)))
            .Where(c => !folder.IsComplete(c))
            .ToList();
        if (missing.Count > 0)
        {
            const int Shown = 20;
            string list = string.Join(Environment.NewLine, missing.Take(Shown).Select(c => "  - " + c));
            string more = missing.Count > Shown ? $"{Environment.NewLine}  ... and {missing.Count - Shown} more" : string.Empty;
            throw new DataFormatException(
                $"{studyDirectory}: {missing.Count} cells are missing, so the study cannot be merged yet. Run the shards that own them again ('facecompat slurm status {studyDirectory}' names them; 'facecompat slurm resubmit {studyDirectory}' or 'facecompat study ... --shard i/n'), then merge:{Environment.NewLine}{list}{more}")
            { FilePath = studyDirectory };
        }

        return folder.WriteSummaries();
    }

    /// <summary>
    /// Every work unit with its shard out of <paramref name="shards"/>, in <see cref="Enumerate"/>
    /// order. A model pair and its reverse (same datasets, seed and fitting limit) always share a
    /// shard, as in one process the reverse fit reuses the forward fit's products (PairProductCache):
    /// so a shard computes each cell as one process would. These pair groups, in order of first
    /// appearance, are cut into contiguous runs of about equal estimated cost (<see cref="StudyCostModel"/>).
    /// </summary>
    public static IReadOnlyList<(StudyWorkUnit Unit, int Shard)> Plan(StudyDefinition definition, IReadOnlyList<DatasetFolder> datasets, int shards)
    {
        List<StudyWorkUnit> units = Enumerate(definition, datasets).ToList();
        var cost = new StudyCostModel(definition, datasets);
        var groups = new Dictionary<(string?, string, int?, int?, string, string), int>();
        var groupCosts = new List<double>();
        int[] groupOf = new int[units.Count];
        for (int i = 0; i < units.Count; i++)
        {
            StudyWorkUnit u = units[i];
            bool ordered = string.CompareOrdinal(u.Source, u.Target) <= 0;
            var key = (u.FitDataset, u.EvalDataset, u.Seed, u.FitIdentityLimit, ordered ? u.Source : u.Target, ordered ? u.Target : u.Source);
            if (!groups.TryGetValue(key, out int g))
            {
                groups[key] = g = groupCosts.Count;
                groupCosts.Add(0);
            }

            groupOf[i] = g;
            groupCosts[g] += cost.Estimate(u);
        }

        int[] assigned = StudyPartition.Assign(groupCosts, shards);
        return units.Select((u, i) => (u, assigned[groupOf[i]])).ToList();
    }

    /// <summary>
    /// The plan of a study about to be sharded into <paramref name="studyDirectory"/>: checks the
    /// datasets and the folder (a folder holding another definition is refused) and writes study.json.
    /// </summary>
    public static IReadOnlyList<(StudyWorkUnit Unit, int Shard)> Plan(StudyDefinition definition, string studyDirectory, int shards) =>
        Plan(definition, Open(definition, studyDirectory).Datasets, shards);

    /// <summary>
    /// How many shards a definition allows (without opening any dataset): its pair groups, i.e. the work
    /// units with a model pair and its reverse counted once (see <see cref="Plan(StudyDefinition, IReadOnlyList{DatasetFolder}, int)"/>).
    /// </summary>
    public static int MaxShards(StudyDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        int d = definition.Datasets.Count, m = definition.Models.Count, pairs = m * (m + 1) / 2;
        return (d * definition.Seeds.Count * pairs * (1 + definition.FitIdentities.Count)) + (definition.Cross ? d * (d - 1) * pairs : 0);
    }

    private static (StudyFolder Folder, DatasetFolder[] Datasets) Open(StudyDefinition definition, string studyDirectory)
    {
        ArgumentNullException.ThrowIfNull(definition);
        // Every input is checked before the folder is touched: a wrong --data leaves no study behind.
        DatasetFolder[] datasets = definition.Datasets.Select(DatasetFolder.Open).ToArray();
        IReadOnlyDictionary<string, string> families = Validate(definition, datasets);
        StudyFolder folder = StudyFolder.Create(studyDirectory, definition);
        folder.WriteFamilies(definition.Models, families);
        return (folder, datasets);
    }

    private static void RunUnits(StudyDefinition definition, DatasetFolder[] datasets, List<StudyWorkUnit> units, StudyFolder folder, IDenseKernels kernels, IProgress<StudyProgress>? progress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(kernels);
        folder.RemoveTemporaryFiles(units.SelectMany(u => definition.Methods.Select(m => StudyFolder.CellPath(u, m))));
        List<StudyWorkUnit> pending = units.Where(u => !definition.Methods.All(m => folder.IsComplete(StudyFolder.CellPath(u, m)))).ToList();
        int skipped = units.Count - pending.Count;
        int done = skipped;
        progress?.Report(new StudyProgress(done, units.Count, skipped, null));
        var byName = datasets.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var options = new ProtocolOptions
        {
            RidgeLambda = definition.RidgeLambda,
            TestPercent = definition.TestPercent,
            Impostors = definition.Impostors,
            KeepQueryOutcomes = definition.KeepQueryOutcomes,
            LinkabilityOmega = definition.Linkability ? 1.0 : null,
            Similarity = definition.Similarity,
            OpenSet = definition.OpenSet,
            Scoring = definition.Scoring,
            Mlp = definition.Mlp,
            Kernels = kernels,
        };
        using IDisposable singleThreaded = DenseKernels.SingleThreadedNative(kernels);
        Parallel.ForEach(
            pending,
            new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellation },
            unit =>
            {
                cancellation.ThrowIfCancellationRequested();
                ProtocolOptions unitOptions = options with { FitIdentityLimit = unit.FitIdentityLimit };
                IReadOnlyList<CellResult> results = unit.IsCross
                    ? ProtocolRunner.RunCross(byName[unit.FitDataset!], byName[unit.EvalDataset], unit.Source, unit.Target, definition.Methods, unitOptions)
                    : ProtocolRunner.RunIntra(byName[unit.EvalDataset], unit.Source, unit.Target, unit.Seed!.Value, definition.Methods, unitOptions);
                foreach (CellResult result in results)
                {
                    folder.WriteCell(StudyFolder.CellPath(unit, result.Method), result);
                }

                int now = Interlocked.Increment(ref done);
                progress?.Report(new StudyProgress(now, units.Count, skipped, unit.ToString()));
            });
    }

    /// <summary>Every work unit of a definition, in a fixed order.</summary>
    public static IEnumerable<StudyWorkUnit> Enumerate(StudyDefinition definition, IReadOnlyList<DatasetFolder> datasets)
    {
        foreach (DatasetFolder data in datasets)
        {
            // Seed, then source, then target: consecutive units share the source side of the fit, and
            // the reverse of each pair comes within the same seed (its cross product is kept for it).
            foreach (int seed in definition.Seeds)
            {
                foreach (string source in definition.Models)
                {
                    foreach (string target in definition.Models)
                    {
                        yield return new StudyWorkUnit(null, data.Name, source, target, seed, null);
                    }

                    foreach (int k in definition.FitIdentities)
                    {
                        foreach (string target in definition.Models)
                        {
                            yield return new StudyWorkUnit(null, data.Name, source, target, seed, k);
                        }
                    }
                }
            }
        }

        if (!definition.Cross)
        {
            yield break;
        }

        foreach (DatasetFolder fit in datasets)
        {
            foreach (DatasetFolder eval in datasets.Where(d => d != fit))
            {
                foreach (string source in definition.Models)
                {
                    foreach (string target in definition.Models)
                    {
                        yield return new StudyWorkUnit(fit.Name, eval.Name, source, target, null, null);
                    }
                }
            }
        }
    }

    /// <summary>Checks every input before the folder is touched (all problems together); returns the models' known families (<see cref="ModelFamilies"/>).</summary>
    private static IReadOnlyDictionary<string, string> Validate(StudyDefinition definition, DatasetFolder[] datasets)
    {
        var problems = new List<string>();
        if (datasets.Select(d => d.Name).Distinct(StringComparer.Ordinal).Count() != datasets.Length)
        {
            problems.Add("two datasets share a folder name; results are labelled by folder name, so rename one.");
        }

        if (definition.Models.Count == 0)
        {
            problems.Add("no models: pass --models or give datasets that share embedding files.");
        }

        if (definition.Methods.Count == 0 || definition.Seeds.Count == 0)
        {
            problems.Add("at least one method and one seed are needed.");
        }

        foreach (DatasetFolder data in datasets)
        {
            foreach (string model in definition.Models)
            {
                try
                {
                    // Loaded now (the run needs them all, cached): a malformed file stops the study before any cell.
                    data.Embeddings(model);
                }
                catch (DataFormatException e)
                {
                    problems.Add(e.Message);
                }
            }

            problems.AddRange(ProtocolChecks.Intra(data, definition.Seeds, definition.TestPercent, definition.FitIdentities, definition.Scoring));
            if (definition.Cross)
            {
                foreach (DatasetFolder eval in datasets.Where(d => d != data))
                {
                    problems.AddRange(ProtocolChecks.Cross(data, eval, scoring: definition.Scoring));
                }
            }
        }

        IReadOnlyDictionary<string, string> families = ModelFamilies.Combine(definition.Models, datasets, problems);
        if (problems.Count > 0)
        {
            throw new DataFormatException("the study cannot start:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Distinct(StringComparer.Ordinal).Select(p => "  - " + p)));
        }

        return families;
    }
}
