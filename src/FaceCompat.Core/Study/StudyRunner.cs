using FaceCompat.Data;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Study;

/// <summary>Where a study run stands: work units done out of all, and the one just finished.</summary>
public readonly record struct StudyProgress(int Done, int Total, int Skipped, string? Last);

/// <summary>
/// Runs a study into a folder (docs/study-format.md). Each work unit fits once and writes one
/// cell file per method atomically (temporary file, then rename), so a killed run loses at most
/// the units in flight; a re-run skips every unit whose cells are all present and readable, and
/// recomputes torn or unreadable ones. Aggregates are rewritten from the cell files at the end.
/// </summary>
public static class StudyRunner
{
    public static StudySummary Run(StudyDefinition definition, string studyDirectory, IDenseKernels kernels, IProgress<StudyProgress>? progress = null, CancellationToken cancellation = default)
    {
        DatasetFolder[] datasets = Open(definition, studyDirectory);
        CellStore.RemoveTemporaryFiles(studyDirectory);
        RunUnits(definition, datasets, Enumerate(definition, datasets).ToList(), studyDirectory, kernels, progress, cancellation);
        return StudyAggregator.Write(studyDirectory, definition);
    }

    /// <summary>
    /// Runs one shard of the study (<see cref="Plan"/>) into the shared folder and writes no
    /// aggregates: shards of one study may run at once on machines sharing the folder; each cell is
    /// still one atomic file, and a re-run of a shard skips its finished cells. Returns the shard's
    /// work units. <see cref="Merge"/> writes the aggregates once every shard is done.
    /// </summary>
    public static IReadOnlyList<StudyWorkUnit> RunShard(StudyDefinition definition, string studyDirectory, WorkShard shard, IDenseKernels kernels, IProgress<StudyProgress>? progress = null, CancellationToken cancellation = default)
    {
        DatasetFolder[] datasets = Open(definition, studyDirectory);
        List<StudyWorkUnit> mine = Plan(definition, datasets, shard.Count).Where(p => p.Shard == shard.Index).Select(p => p.Unit).ToList();
        RunUnits(definition, datasets, mine, studyDirectory, kernels, progress, cancellation);
        return mine;
    }

    /// <summary>
    /// Writes the aggregates of a sharded study once every cell exists; otherwise refuses
    /// (<see cref="DataFormatException"/>) and lists the missing cells.
    /// </summary>
    public static StudySummary Merge(StudyDefinition definition, string studyDirectory)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!File.Exists(Path.Combine(studyDirectory, "study.json")))
        {
            throw new DataFormatException($"{studyDirectory}: no study.json; this is not a study folder (run the shards into it first).") { FilePath = studyDirectory };
        }

        DatasetFolder[] datasets = Open(definition, studyDirectory);
        List<string> missing = Enumerate(definition, datasets)
            .SelectMany(u => definition.Methods.Select(u.CellPath))
            .Where(c => !CellStore.IsComplete(studyDirectory, c))
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

        return StudyAggregator.Write(studyDirectory, definition);
    }

    /// <summary>
    /// Every work unit with its shard out of <paramref name="shards"/>, in <see cref="Enumerate"/>
    /// order: contiguous runs of about equal estimated cost (<see cref="StudyCostModel"/>).
    /// </summary>
    public static IReadOnlyList<(StudyWorkUnit Unit, int Shard)> Plan(StudyDefinition definition, IReadOnlyList<DatasetFolder> datasets, int shards)
    {
        List<StudyWorkUnit> units = Enumerate(definition, datasets).ToList();
        var cost = new StudyCostModel(definition, datasets);
        int[] assigned = StudyPartition.Assign(units.Select(cost.Estimate).ToArray(), shards);
        return units.Select((u, i) => (u, assigned[i])).ToList();
    }

    /// <summary>How many work units a definition has (without opening any dataset); at most this many shards.</summary>
    public static int CountUnits(StudyDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        int d = definition.Datasets.Count, m = definition.Models.Count;
        return (d * definition.Seeds.Count * m * m * (1 + definition.FitIdentities.Count)) + (definition.Cross ? d * (d - 1) * m * m : 0);
    }

    private static DatasetFolder[] Open(StudyDefinition definition, string studyDirectory)
    {
        ArgumentNullException.ThrowIfNull(definition);
        // Every input is checked before the folder is touched: a wrong --data leaves no study behind.
        DatasetFolder[] datasets = definition.Datasets.Select(DatasetFolder.Open).ToArray();
        Validate(definition, datasets);
        Directory.CreateDirectory(studyDirectory);
        EnsureSameDefinition(definition, studyDirectory);
        return datasets;
    }

    private static void RunUnits(StudyDefinition definition, DatasetFolder[] datasets, List<StudyWorkUnit> units, string studyDirectory, IDenseKernels kernels, IProgress<StudyProgress>? progress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(kernels);
        CellStore.RemoveTemporaryFiles(studyDirectory, units.SelectMany(u => definition.Methods.Select(u.CellPath)));
        List<StudyWorkUnit> pending = units.Where(u => !definition.Methods.All(m => CellStore.IsComplete(studyDirectory, u.CellPath(m)))).ToList();
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
                    CellStore.Write(studyDirectory, unit.CellPath(result.Method), result);
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

    private static void EnsureSameDefinition(StudyDefinition definition, string studyDirectory)
    {
        string path = Path.Combine(studyDirectory, "study.json");
        string json = definition.ToJson();
        if (File.Exists(path))
        {
            string existing = File.ReadAllText(path);
            if (existing != json)
            {
                throw new DataFormatException(
                    $"{path}: this folder holds a study with a different definition (datasets, models, methods, seeds or options). Use a new --out folder, or delete this one to start over.")
                { FilePath = path };
            }

            return;
        }

        NpyFile.WriteAtomically(path, s => s.Write(System.Text.Encoding.UTF8.GetBytes(json)));
    }

    private static void Validate(StudyDefinition definition, DatasetFolder[] datasets)
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

            problems.AddRange(ProtocolChecks.Intra(data, definition.Seeds, definition.TestPercent, definition.FitIdentities));
            if (definition.Cross)
            {
                foreach (DatasetFolder eval in datasets.Where(d => d != data))
                {
                    problems.AddRange(ProtocolChecks.Cross(data, eval));
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new DataFormatException("the study cannot start:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Distinct(StringComparer.Ordinal).Select(p => "  - " + p)));
        }
    }
}
