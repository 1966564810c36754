using FaceCompat.Data;
using FaceCompat.Extraction.Export;
using FaceCompat.Extraction.FaceAlignment;
using FaceCompat.Extraction.Models;
using FaceCompat.Extraction.Onnx;
using FaceCompat.Extraction.Onnx.Format;
using FaceCompat.Extraction.Pipeline;
using FaceCompat.LinearAlgebra;
using FaceCompat.Mapping;
using Xunit.Abstractions;

namespace FaceCompat.Tests.Export;

/// <summary>
/// Exported adapter graphs run through ONNX Runtime (an independent implementation of every
/// operator) and compared with <see cref="FittedMap.MapSource"/> / <see cref="FittedMap.PrepareTarget"/>,
/// the code path 'apply' uses: the bound is 1e-5 per entry.
/// </summary>
public sealed class AdapterGraphTests : IDisposable
{
    private static readonly AdapterProvenance s_provenance = new("src", "tgt", "synthetic", 0, 0, "all rows", "");
    private readonly string _dir = Directory.CreateTempSubdirectory("fc-export-").FullName;
    private readonly ITestOutputHelper _output;

    public AdapterGraphTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, int, int, AdapterPrecision> Cases()
    {
        var data = new TheoryData<string, int, int, AdapterPrecision>();
        foreach (AdapterPrecision precision in new[] { AdapterPrecision.Float64, AdapterPrecision.Float32 })
        {
            foreach (string method in new[] { "baseline", "procrustes", "linear", "ridge", "mlp1", "mlp2" })
            {
                data.Add(method, 24, 10, precision);
                data.Add(method, 10, 24, precision);
                data.Add(method, 16, 16, precision);
            }
        }

        return data;
    }

    [OnnxRuntimeOnlyTheory]
    [MemberData(nameof(Cases))]
    public void Standalone_graph_gives_the_rows_apply_gives(string method, int ds, int dt, AdapterPrecision precision)
    {
        FittedMap map = Fit(method, ds, dt, rows: 80);
        Matrix<float> rows = AdapterCheck.RandomRows(50, ds, seed: 7);
        rows.MutableRow(3).Clear();
        foreach (AdapterSide side in new[] { AdapterSide.Source, AdapterSide.Target })
        {
            Matrix<float> input = side == AdapterSide.Source ? rows : AdapterCheck.RandomRows(50, dt, seed: 8);
            string path = Path.Combine(_dir, $"{method}-{side}-{precision}.onnx");
            OnnxModelFile.Save(path, AdapterGraph.Standalone(map, s_provenance, side, precision));
            AdapterCheck.MaxAbsDifference(path, map, side, input).Should().BeLessThanOrEqualTo(AdapterCheck.Tolerance, $"{method} {ds}->{dt} {side}");
        }
    }

    [OnnxRuntimeOnlyFact]
    public void A_zero_row_maps_to_a_zero_row_and_other_rows_to_unit_rows()
    {
        FittedMap map = Fit("ridge", 12, 9, rows: 60);
        Matrix<float> rows = AdapterCheck.RandomRows(4, 12, seed: 3);
        rows.MutableRow(1).Clear();
        string path = Path.Combine(_dir, "zero.onnx");
        OnnxModelFile.Save(path, AdapterGraph.Standalone(map, s_provenance, AdapterSide.Source));
        using var session = new OnnxSession(path, intraOpThreads: 1);
        float[] output = session.Run(AdapterGraph.InputName, rows.Values, [4, 12], [AdapterGraph.OutputName])[0].Data;

        // Row 1 is zero: l2n keeps it zero, centring gives -mu_s, so the mapped row is -mu_s W normalised: unit length.
        for (int r = 0; r < 4; r++)
        {
            double norm = Math.Sqrt(output.AsSpan(r * 9, 9).ToArray().Sum(v => (double)v * v));
            norm.Should().BeApproximately(1.0, 1e-6);
        }
    }

    [OnnxRuntimeOnlyFact]
    public void The_graph_records_its_provenance_and_reads_back()
    {
        FittedMap map = Fit("procrustes", 8, 6, rows: 40);
        string path = Path.Combine(_dir, "meta.onnx");
        OnnxModelFile.Save(path, AdapterGraph.Standalone(map, new AdapterProvenance("arcface", "adaface", "lfw", 40, 10, "all rows", "abc"), AdapterSide.Source));
        ModelProto back = OnnxModelFile.Load(path);
        back.MetadataProps.Should().Contain(p => p.Key == "facecompat.source_model" && p.Value == "arcface");
        back.MetadataProps.Should().Contain(p => p.Key == "facecompat.method" && p.Value == "procrustes");
        OnnxModelFile.DefaultOpset(back).Should().Be(AdapterGraph.StandaloneOpset);
        using var session = new OnnxSession(path, intraOpThreads: 1);
        session.Inputs.Single().Name.Should().Be(AdapterGraph.InputName);
        session.Outputs.Single().Shape.Should().Equal(-1, 6);
    }

    [Fact]
    public void Files_that_are_not_models_are_refused_with_the_path()
    {
        string garbage = Path.Combine(_dir, "garbage.onnx");
        File.WriteAllBytes(garbage, [0xff, 0xff, 0xff, 0x07, 0x01]);
        FluentActions.Invoking(() => OnnxModelFile.Load(garbage)).Should().Throw<ModelException>().WithMessage($"{garbage}*");
        string empty = Path.Combine(_dir, "empty.onnx");
        File.WriteAllBytes(empty, []);
        FluentActions.Invoking(() => OnnxModelFile.Load(empty)).Should().Throw<ModelException>().WithMessage($"{empty}: not an ONNX model*");
        FluentActions.Invoking(() => OnnxModelFile.Load(Path.Combine(_dir, "none.onnx"))).Should().Throw<ModelException>().WithMessage("*not found*");
    }

    [Fact]
    public void Composing_checks_the_output_name_the_width_and_the_opset()
    {
        FittedMap map = Fit("ridge", 7, 5, rows: 40);
        FluentActions.Invoking(() => AdapterGraph.Compose(TinyOnnxModels.Identity(13, 9, "emb"), "m.onnx", null, map, s_provenance, AdapterSide.Source))
            .Should().Throw<DataFormatException>().WithMessage("m.onnx: output 'emb' is 9-dimensional, but the adapter's source model (src) is 7-dimensional*");
        FluentActions.Invoking(() => AdapterGraph.Compose(TinyOnnxModels.Identity(13, 7, "a", "b"), "m.onnx", null, map, s_provenance, AdapterSide.Source))
            .Should().Throw<ModelException>().WithMessage("*2 outputs (a, b)*--model-output*");
        FluentActions.Invoking(() => AdapterGraph.Compose(TinyOnnxModels.Identity(13, 7, "a"), "m.onnx", "zzz", map, s_provenance, AdapterSide.Source))
            .Should().Throw<ModelException>().WithMessage("*no output named 'zzz'*");
        FluentActions.Invoking(() => AdapterGraph.Compose(TinyOnnxModels.Identity(7, 7, "a"), "m.onnx", null, map, s_provenance, AdapterSide.Source))
            .Should().Throw<ModelException>().WithMessage("*opset 7*");
        FluentActions.Invoking(() => AdapterGraph.Compose(TinyOnnxModels.Identity(13, 7, "a"), "m.onnx", null, map, s_provenance, AdapterSide.Target))
            .Should().Throw<DataFormatException>().WithMessage("*target model (tgt) is 5-dimensional*");
    }

    [OnnxRuntimeOnlyFact]
    public void A_model_of_opset_9_with_the_adapter_appended_runs_and_matches_apply()
    {
        FittedMap map = Fit("linear", 6, 4, rows: 40);
        var graph = new GraphProto { Name = "double" };
        graph.Input.Add(GraphBuilder.FloatValue("x", "N", null, 6));
        var builder = new GraphBuilder(graph, "model");
        string doubled = builder.Node("Add", ["x", "x"]);
        graph.Output.Add(GraphBuilder.FloatValue(doubled, "N", null, 6));
        var model = new ModelProto { IrVersion = 4, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 9 });
        string path = Path.Combine(_dir, "composed9.onnx");
        OnnxModelFile.Save(path, AdapterGraph.Compose(model, "double.onnx", null, map, s_provenance, AdapterSide.Source));

        Matrix<float> rows = AdapterCheck.RandomRows(20, 6, seed: 5);
        using var session = new OnnxSession(path, intraOpThreads: 1);
        session.Outputs.Select(o => o.Name).Should().Equal(AdapterGraph.OutputName);
        float[] composed = session.Run("x", rows.Values, [20, 6], [AdapterGraph.OutputName])[0].Data;

        // x + x has the direction of x, and the adapter starts with l2n: the result is apply(x).
        Matrix<float> expected = map.MapSource(rows, DenseKernels.Default);
        composed.Zip(expected.ToArray()).Max(p => Math.Abs(p.First - p.Second)).Should().BeLessThanOrEqualTo((float)AdapterCheck.Tolerance);
    }

    [OnnxRuntimeFact]
    public void Adapter_fitted_on_LFW_embeddings_exports_within_1e_5_of_apply_on_held_out_LFW_rows()
    {
        (Matrix<float> source, Matrix<float> target) = ReferenceEmbeddings("mfn512", "faceres1024");
        int fit = 400;
        int[] fitRows = Enumerable.Range(0, fit).ToArray();
        Matrix<float> heldOut = source.SelectRows(Enumerable.Range(fit, source.Rows - fit).ToArray());
        foreach (MapMethod method in new[] { MapMethod.Procrustes, MapMethod.Ridge, MapMethod.Linear })
        {
            FittedMap map = MapFitter.Fit(source.SelectRows(fitRows), target.SelectRows(fitRows), method, 0.1, DenseKernels.Default);
            string path = Path.Combine(_dir, $"lfw-{method}.onnx");
            OnnxModelFile.Save(path, AdapterGraph.Standalone(map, s_provenance, AdapterSide.Source));
            AdapterCheck.MaxAbsDifference(path, map, AdapterSide.Source, heldOut).Should().BeLessThanOrEqualTo(AdapterCheck.Tolerance, method.ToName());
            if (method != MapMethod.Linear)
            {
                // float32 arithmetic holds the bound for the well-conditioned maps; the unregularised
                // 512 -> 1024 least squares on 400 rows does not (measured 2.3e-5), which --precision documents.
                OnnxModelFile.Save(path, AdapterGraph.Standalone(map, s_provenance, AdapterSide.Source, AdapterPrecision.Float32));
                AdapterCheck.MaxAbsDifference(path, map, AdapterSide.Source, heldOut).Should().BeLessThanOrEqualTo(AdapterCheck.Tolerance, method.ToName() + " float32");
            }
        }
    }

    [OnnxRuntimeFact]
    public void Model_composed_with_an_adapter_gives_extract_then_apply_on_100_LFW_faces()
    {
        (Matrix<float> source, Matrix<float> target) = ReferenceEmbeddings("mobileface256", "mfn512");
        FittedMap map = MapFitter.Fit(source, target, MapMethod.Ridge, 0.1, DenseKernels.Default);
        ComposedAgainstExtractThenApply("mobileface256", map);
    }

    [OnnxRuntimeFact]
    public void Model_composed_with_an_MLP_adapter_gives_extract_then_apply_on_100_LFW_faces()
    {
        // dlib128 -> mfn512 is the pair where the residual pays (docs/mlp.md); fitted on the 500 LFW reference rows
        // with their identities, as 'fit --method mlp' does, and checked to keep a trained (non-zero) residual.
        (Matrix<float> source, Matrix<float> target) = ReferenceEmbeddings("dlib128", "mfn512");
        var index = DatasetIndex.Read(Path.Combine(SharedData.DataRoot!, "reference-embeddings", "index.csv"));
        var fitting = new MlpFitting(index.IdentityCodes, Seed: 0, new MlpOptions());
        FittedMap map = MapFitter.Fit(new RowSubset(source, null), new RowSubset(target, null), [MapMethod.Mlp], 0.1, DenseKernels.Default, fitting)[0];
        map.MlpTraining!.BestEpoch.Should().BeGreaterThan(0, "the test is of the residual's nodes, so training must have moved it off the linear start");
        map.Residual!.Weights[^1].Values.ToArray().Should().Contain(v => v != 0);
        ComposedAgainstExtractThenApply("dlib128", map);
        ComposedAgainstExtractThenApply("dlib128", map, AdapterPrecision.Float32);
    }

    private void ComposedAgainstExtractThenApply(string model, FittedMap map, AdapterPrecision precision = AdapterPrecision.Float64)
    {
        string data = SharedData.DataRoot!;
        ModelManifest preset = ModelPresets.All[model];
        string composedPath = Path.Combine(_dir, $"{model}-to-mfn512-{precision}.onnx");
        string modelPath = Path.Combine(data, "models", preset.File);
        OnnxModelFile.Save(composedPath, AdapterGraph.Compose(OnnxModelFile.Load(modelPath), modelPath, preset.Output, map, s_provenance, AdapterSide.Source, precision));
        ModelManifest composed = preset with { Name = "composed", File = composedPath, Output = AdapterGraph.OutputName };

        var index = DatasetIndex.Read(Path.Combine(data, "reference-embeddings", "index.csv"));
        string outDir = Path.Combine(_dir, $"extract-{precision}");
        var result = FaceExtractor.Run(new ExtractionOptions
        {
            ImagesDirectory = Path.Combine(data, "faces", "lfw", "images"),
            Landmarks = LandmarkFile.Read(Path.Combine(data, "faces", "lfw", "landmarks_5pt.tsv"), oneBased: true),
            Models = [preset, composed],
            ModelDirectory = Path.Combine(data, "models"),
            OutputDirectory = outDir,
            OnlyPaths = index.Paths.Take(100).ToHashSet(StringComparer.Ordinal),
        });
        result.Failures.Should().BeEmpty();
        Matrix<float> extracted = NpyFile.ReadSingle(Path.Combine(outDir, "embeddings", model + ".npy"));
        Matrix<float> direct = NpyFile.ReadSingle(Path.Combine(outDir, "embeddings", "composed.npy"));
        extracted.Rows.Should().Be(100);
        direct.Columns.Should().Be(512);
        Matrix<float> applied = map.MapSource(extracted, DenseKernels.Default);
        float difference = direct.ToArray().Zip(applied.ToArray()).Max(p => Math.Abs(p.First - p.Second));
        _output.WriteLine($"{model} composed with a {map.Method.ToName()} adapter ({precision}) vs extract-then-apply, 100 LFW faces: max |difference| = {difference:G3}");
        difference.Should().BeLessThanOrEqualTo((float)AdapterCheck.Tolerance);
    }

    private static (Matrix<float> Source, Matrix<float> Target) ReferenceEmbeddings(string source, string target)
    {
        string dir = Path.Combine(SharedData.DataRoot!, "reference-embeddings", "embeddings");
        return (NpyFile.ReadSingle(Path.Combine(dir, source + ".npy")), NpyFile.ReadSingle(Path.Combine(dir, target + ".npy")));
    }

    private static FittedMap Fit(string method, int ds, int dt, int rows)
    {
        if (method.StartsWith("mlp", StringComparison.Ordinal))
        {
            // The ridge map plus a residual with every layer non-zero (training may keep the linear start on random rows).
            FittedMap ridge = Fit("ridge", ds, dt, rows);
            var residual = MlpResidual.Initial(ds, dt, 16, method == "mlp2" ? 2 : 1, seed: 13);
            Span<double> output = residual.Weights[^1].MutableValues();
            for (int i = 0; i < output.Length; i++)
            {
                output[i] = 0.3 * Math.Sin(i + 1.0);
            }

            for (int l = 0; l < residual.Biases.Length; l++)
            {
                for (int i = 0; i < residual.Biases[l].Length; i++)
                {
                    residual.Biases[l][i] = 0.05 * Math.Cos(i + l);
                }
            }

            return new FittedMap
            {
                Method = MapMethod.Mlp,
                Lambda = ridge.Lambda,
                SourceMean = ridge.SourceMean,
                TargetMean = ridge.TargetMean,
                Weights = ridge.Weights,
                PreservesNorm = false,
                Residual = residual,
            };
        }

        MapMethods.TryParse(method, out MapMethod m).Should().BeTrue();
        Matrix<float> x = AdapterCheck.RandomRows(rows, ds, seed: 11);
        Matrix<float> y = AdapterCheck.RandomRows(rows, dt, seed: 12);
        return MapFitter.Fit(x, y, m, 0.5, DenseKernels.Default);
    }
}
