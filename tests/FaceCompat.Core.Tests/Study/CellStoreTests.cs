using FaceCompat.Evaluation;
using FaceCompat.Mapping;
using FaceCompat.Study;

namespace FaceCompat.Tests.Study;

public sealed class CellStoreTests : IDisposable
{
    private readonly string _study = Path.Combine(Path.GetTempPath(), "fc-cellstore-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_study))
        {
            Directory.Delete(_study, recursive: true);
        }
    }

    private static CellResult Cell(int seed, double rank1) => new()
    {
        Protocol = "intra",
        Dataset = "ds",
        FitDataset = "ds",
        Seed = seed,
        Source = "a",
        Target = "b",
        Method = MapMethod.Ridge,
        Lambda = 0.1,
        FitIdentities = 70,
        Metrics = new CellMetrics
        {
            Rank1 = rank1,
            Rank5 = 90,
            Rank10 = 95,
            MeanAveragePrecision = 0.5,
            Auc = 0.9,
            Eer = 10,
            TmrAtFmr1 = 60,
            TmrAtFmr01 = 40,
            Genuine = 12,
            Impostor = 300,
            TestImages = 30,
            TestIdentities = 10,
            Cmc = [rank1, 90, 95],
            Roc = [new RocPoint(0.5, 0.01, 0.2)],
        },
    };

    [Fact]
    public void A_written_cell_reads_back_and_counts_as_complete()
    {
        CellStore.Write(_study, "cells/ds/a__b/ridge/seed-3.json", Cell(3, 81.25));
        CellStore.IsComplete(_study, "cells/ds/a__b/ridge/seed-3.json").Should().BeTrue();
        var all = CellStore.ReadAll(_study).ToList();
        all.Should().ContainSingle();
        all[0].Cell.Seed.Should().Be(3);
        all[0].Cell.Metrics.Rank1.Should().Be(81.25);
        all[0].Cell.Method.Should().Be(MapMethod.Ridge);
        Directory.EnumerateFiles(_study, "*.tmp-*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public void A_torn_cell_is_not_counted_and_is_deleted_so_it_is_recomputed()
    {
        string relative = "cells/ds/a__b/ridge/seed-0.json";
        CellStore.Write(_study, relative, Cell(0, 50));
        string path = Path.Combine(_study, relative);
        string json = File.ReadAllText(path);
        File.WriteAllText(path, json[..(json.Length / 2)]);

        CellStore.ReadAll(_study).Should().BeEmpty();
        CellStore.IsComplete(_study, relative).Should().BeFalse();
        File.Exists(path).Should().BeFalse();
    }

    [Fact]
    public void Stray_temporary_files_are_removed_and_never_read()
    {
        CellStore.Write(_study, "cells/ds/a__b/ridge/seed-1.json", Cell(1, 70));
        string stray = Path.Combine(_study, "cells/ds/a__b/ridge/seed-2.json.tmp-4242");
        File.WriteAllText(stray, "{\"protocol\":");
        CellStore.ReadAll(_study).Should().ContainSingle();
        CellStore.RemoveTemporaryFiles(_study);
        File.Exists(stray).Should().BeFalse();
        File.Exists(Path.Combine(_study, "cells/ds/a__b/ridge/seed-1.json")).Should().BeTrue();
    }
}
