using System.Globalization;
using System.Text.Json;
using FaceCompat.Evaluation;

namespace FaceCompat.Tests.Evaluation;

public sealed class MetricCatalogueTests
{
    [Fact]
    public void The_json_keys_are_the_reference_keys()
    {
        // expected.jsonl is written by shared/reference/facecompat_ref.py (tests/fixtures/protocol/make_fixtures.py).
        string first = File.ReadLines(SharedData.Fixture("protocol", "expected.jsonl")).First();
        using JsonDocument doc = JsonDocument.Parse(first);
        string[] keys = doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        string[] metricKeys = keys.Where(k => MetricCatalogue.FindByKey(k) is not null).ToArray();
        metricKeys.Should().BeEquivalentTo(MetricCatalogue.Table.Select(m => m.JsonKey), "the reference writes its keys sorted; each of the eight is there, spelled the same");
        keys.Should().Contain(MetricCatalogue.Table.Select(m => m.JsonKey));
    }

    [Fact]
    public void Csv_and_json_keys_are_unique_and_every_metric_has_a_scale_and_direction()
    {
        MetricCatalogue.Table.Select(m => m.CsvKey).Should().OnlyHaveUniqueItems();
        MetricCatalogue.Table.Select(m => m.JsonKey).Should().OnlyHaveUniqueItems();
        MetricCatalogue.Table.Where(m => m.Scale == MetricScale.Fraction).Select(m => m.Name).Should().Equal("mAP", "AUC");
        MetricCatalogue.Table.Where(m => m.Direction == MetricDirection.LowerIsBetter).Select(m => m.Name).Should().Equal("EER");
    }

    [Fact]
    public void Rank_k_is_read_at_rank_k_of_the_cmc_curve()
    {
        double[] cmc = Enumerable.Range(1, 50).Select(k => (double)k).ToArray();
        MetricCatalogue.Rank1.FromCmc(cmc).Should().Be(1);
        MetricCatalogue.Rank5.FromCmc(cmc).Should().Be(5);
        MetricCatalogue.Rank10.FromCmc(cmc).Should().Be(10);
        MetricCatalogue.Rank10.FromCmc(cmc.AsSpan(0, 9)).Should().Be(double.NaN);
    }

    [Fact]
    public void Text_formats_are_culture_invariant_and_show_undefined_values_as_na()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            MetricCatalogue.Auc.Format(0.94567).Should().Be("0.9457");
            MetricCatalogue.Eer.Format(double.NaN).Should().Be("n/a");
            MetricCatalogue.Rank1.Format(new MetricAggregate(81, Math.Sqrt(2), 2)).Should().Be("81.00 ± 1.41");
            MetricCatalogue.Rank1.Format(new MetricAggregate(81, double.NaN, 1)).Should().Be("81.00");
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
