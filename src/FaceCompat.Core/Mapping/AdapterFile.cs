using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FaceCompat.Data;

namespace FaceCompat.Mapping;

/// <summary>Where an adapter came from: the models, the data it was fitted on and a hash of that data.</summary>
public sealed record AdapterProvenance(string SourceModel, string TargetModel, string Dataset, int FitRows, int FitIdentities, string Selection, string DataSha256);

/// <summary>
/// A fitted map saved for deployment (template migration without re-enrolment). The file is a
/// zip (NumPy .npz layout) holding <c>weights.npy</c> (d_s x d_t, float64), <c>source_mean.npy</c>
/// and <c>target_mean.npy</c> (1 x d, float64) and <c>adapter.json</c> (format, method, lambda,
/// dimensions, norm rule, provenance), so NumPy can read it too:
/// <c>np.load(path)["weights"]</c>. An MLP adapter (format 2, docs/mlp.md) also holds its residual's
/// layers as <c>mlp_weights_L.npy</c> and <c>mlp_bias_L.npy</c> (1 x d), L = 1 .. hidden layers + 1
/// (the last is the output layer), and an <c>mlp</c> object in adapter.json; linear adapters are still
/// written as format 1, and both formats are read.
/// </summary>
public static class AdapterFile
{
    /// <summary>The format tag of linear adapter files.</summary>
    public const string Format = "facecompat-adapter/1";

    /// <summary>The format tag of MLP adapter files (format 1 plus the residual's layers).</summary>
    public const string MlpFormat = "facecompat-adapter/2";

    /// <summary>Writes a fitted map and its provenance as an adapter file (JSON header and weights), atomically.</summary>
    public static void Save(string path, FittedMap map, AdapterProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(provenance);
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            WriteMember(zip, "weights.npy", s => NpyFile.Write(s, map.Weights));
            WriteMember(zip, "source_mean.npy", s => NpyFile.Write(s, new Matrix<double>(1, map.SourceDimension, map.SourceMean)));
            WriteMember(zip, "target_mean.npy", s => NpyFile.Write(s, new Matrix<double>(1, map.TargetDimension, map.TargetMean)));
            if (map.Residual is MlpResidual residual)
            {
                for (int l = 0; l < residual.Weights.Length; l++)
                {
                    Matrix<double> w = residual.Weights[l];
                    double[] b = residual.Biases[l];
                    WriteMember(zip, $"mlp_weights_{l + 1}.npy", s => NpyFile.Write(s, w));
                    WriteMember(zip, $"mlp_bias_{l + 1}.npy", s => NpyFile.Write(s, new Matrix<double>(1, b.Length, b)));
                }
            }

            WriteMember(zip, "adapter.json", s => s.Write(Encoding.UTF8.GetBytes(Metadata(map, provenance))));
        });
    }

    /// <summary>Reads an adapter file; a wrong format tag, shape or non-finite weight is a <see cref="Data.DataFormatException"/> naming the file.</summary>
    public static (FittedMap Map, AdapterProvenance Provenance) Load(string path)
    {
        if (!File.Exists(path))
        {
            throw DataFormatException.InFile(path, "adapter file not found. Make one with 'facecompat fit'.");
        }

        try
        {
            using ZipArchive zip = ZipFile.OpenRead(path);
            using JsonDocument doc = JsonDocument.Parse(ReadText(zip, path, "adapter.json"));
            JsonElement e = doc.RootElement;
            string? format = e.GetProperty("format").GetString();
            if (format is not (Format or MlpFormat))
            {
                throw DataFormatException.InFile(path, $"unknown adapter format '{format}'; expected {Format} or {MlpFormat}. A newer FaceCompat may have written it.");
            }

            if (!MapMethods.TryParse(e.GetProperty("method").GetString() ?? "", out MapMethod method))
            {
                throw DataFormatException.InFile(path, "adapter.json names an unknown method.");
            }

            Matrix<double> weights = ReadMatrix(zip, path, "weights.npy");
            double[] sourceMean = ReadMatrix(zip, path, "source_mean.npy").ToArray();
            double[] targetMean = ReadMatrix(zip, path, "target_mean.npy").ToArray();
            if (weights.Rows != sourceMean.Length || weights.Columns != targetMean.Length)
            {
                throw DataFormatException.InFile(path, $"weights are {weights.Rows}x{weights.Columns} but the means have {sourceMean.Length} and {targetMean.Length} values; the file is inconsistent. Fit it again with 'facecompat fit'.");
            }

            if (!weights.ToArray().All(double.IsFinite) || !sourceMean.All(double.IsFinite) || !targetMean.All(double.IsFinite))
            {
                throw DataFormatException.InFile(path, "the weights or means hold NaN or infinite values; the file is damaged. Fit it again with 'facecompat fit'.");
            }

            (MlpResidual? residual, MlpOptions? settings) = method == MapMethod.Mlp ? ReadResidual(zip, path, e, weights) : (null, null);
            var map = new FittedMap
            {
                Residual = residual,
                MlpSettings = settings,
                Method = method,
                Lambda = e.GetProperty("lambda").GetDouble(),
                SourceMean = sourceMean,
                TargetMean = targetMean,
                Weights = weights,
                PreservesNorm = e.GetProperty("preserves_norm").GetBoolean(),
            };
            JsonElement p = e.GetProperty("provenance");
            var provenance = new AdapterProvenance(
                e.GetProperty("source_model").GetString() ?? "",
                e.GetProperty("target_model").GetString() ?? "",
                p.GetProperty("dataset").GetString() ?? "",
                p.GetProperty("fit_rows").GetInt32(),
                p.GetProperty("fit_identities").GetInt32(),
                p.GetProperty("selection").GetString() ?? "",
                p.GetProperty("data_sha256").GetString() ?? "");
            return (map, provenance);
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException or IOException)
        {
            throw DataFormatException.InFile(path, $"not a readable FaceCompat adapter ({WithoutParameter(ex).TrimEnd('.')}). Fit it again with 'facecompat fit'.");
        }
    }

    /// <summary>SHA-256 over the bytes of the given files, in order (index.csv and the two embedding files).</summary>
    public static string HashFiles(IEnumerable<string> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[1 << 16];
        foreach (string file in files)
        {
            using FileStream s = File.OpenRead(file);
            int read;
            while ((read = s.Read(buffer)) > 0)
            {
                sha.AppendData(buffer, 0, read);
            }
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static string Metadata(FittedMap map, AdapterProvenance p)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", map.Residual is null ? Format : MlpFormat);
            w.WriteString("method", map.Method.ToName());
            w.WriteNumber("lambda", map.Lambda);
            w.WriteString("source_model", p.SourceModel);
            w.WriteString("target_model", p.TargetModel);
            w.WriteNumber("source_dimension", map.SourceDimension);
            w.WriteNumber("target_dimension", map.TargetDimension);
            w.WriteBoolean("preserves_norm", map.PreservesNorm);
            w.WriteString("mapped_rows", "normalise(pad(l2n(x) - source_mean) @ weights): unit rows in the target's centred space; prepare target probes as normalise(l2n(y) - target_mean)");
            if (map.Residual is MlpResidual residual)
            {
                WriteMlp(w, residual, map.MlpSettings, map.MlpTraining);
            }

            w.WriteStartObject("provenance");
            w.WriteString("dataset", p.Dataset);
            w.WriteNumber("fit_rows", p.FitRows);
            w.WriteNumber("fit_identities", p.FitIdentities);
            w.WriteString("selection", p.Selection);
            w.WriteString("data_sha256", p.DataSha256);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteMlp(Utf8JsonWriter w, MlpResidual residual, MlpOptions? settings, MlpTrainingReport? training)
    {
        w.WriteStartObject("mlp");
        (settings ?? new MlpOptions { Hidden = residual.Hidden, Layers = residual.Layers }).WriteProperties(w);
        w.WriteString("activation", "relu");
        w.WriteString("mapped_rows", "normalise(x @ weights + relu(... relu(x @ mlp_weights_1 + mlp_bias_1) ...) @ mlp_weights_last + mlp_bias_last), x = pad(l2n(x) - source_mean)");
        if (training is not null)
        {
            w.WriteNumber("epochs_run", training.EpochsRun);
            w.WriteNumber("best_epoch", training.BestEpoch);
            w.WriteNumber("linear_validation_loss", training.LinearValidationLoss);
            w.WriteNumber("best_validation_loss", training.BestValidationLoss);
            w.WriteNumber("training_rows", training.TrainingRows);
            w.WriteNumber("validation_rows", training.ValidationRows);
        }

        w.WriteEndObject();
    }

    private static (MlpResidual Residual, MlpOptions Settings) ReadResidual(ZipArchive zip, string path, JsonElement e, Matrix<double> linear)
    {
        JsonElement mlp = e.GetProperty("mlp");
        MlpOptions settings = MlpOptions.ReadProperties(mlp);
        int layers = settings.Layers;
        if (layers is < 1 or > 2)
        {
            throw DataFormatException.InFile(path, $"adapter.json says the MLP has {layers} hidden layers; this version reads 1 or 2.");
        }

        var weights = new Matrix<double>[layers + 1];
        var biases = new double[layers + 1][];
        for (int l = 0; l <= layers; l++)
        {
            weights[l] = ReadMatrix(zip, path, $"mlp_weights_{l + 1}.npy");
            biases[l] = ReadMatrix(zip, path, $"mlp_bias_{l + 1}.npy").ToArray();
            if (!weights[l].Values.ToArray().All(double.IsFinite) || !biases[l].All(double.IsFinite))
            {
                throw DataFormatException.InFile(path, $"MLP layer {l + 1} holds NaN or infinite values; the file is damaged. Fit it again with 'facecompat fit'.");
            }
        }

        MlpResidual residual;
        try
        {
            residual = new MlpResidual(weights, biases);
        }
        catch (ArgumentException ex)
        {
            throw DataFormatException.InFile(path, $"the MLP layers are inconsistent ({WithoutParameter(ex).TrimEnd('.')}); the file is damaged. Fit it again with 'facecompat fit'.");
        }

        if (residual.SourceDimension != linear.Rows || residual.TargetDimension != linear.Columns)
        {
            throw DataFormatException.InFile(path, $"the MLP maps {residual.SourceDimension} to {residual.TargetDimension} dimensions but the weights are {linear.Rows}x{linear.Columns}; the file is inconsistent. Fit it again with 'facecompat fit'.");
        }

        return (residual, settings);
    }

    private static void WriteMember(ZipArchive zip, string name, Action<Stream> write)
    {
        using Stream s = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
        write(s);
    }

    private static ZipArchiveEntry Entry(ZipArchive zip, string path, string name) =>
        zip.GetEntry(name) ?? throw DataFormatException.InFile(path, $"the adapter has no {name}; it is damaged or not a FaceCompat adapter. Fit it again with 'facecompat fit'.");

    private static string ReadText(ZipArchive zip, string path, string name)
    {
        using var reader = new StreamReader(Entry(zip, path, name).Open());
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Reads one array of the adapter. The .npy reader's messages end with the fix for an embedding file
    /// ("Re-export the embeddings"); inside an adapter the fix is to fit it again, so its problem is kept
    /// (the first sentence, after the member's name) and the fix replaced.
    /// </summary>
    private static Matrix<double> ReadMatrix(ZipArchive zip, string path, string name)
    {
        using Stream s = Entry(zip, path, name).Open();
        using var buffered = new BufferedStream(s, 1 << 16);
        try
        {
            return NpyFile.ReadDouble(buffered, name);
        }
        catch (DataFormatException ex)
        {
            throw new DataFormatException($"{path}: the adapter is damaged ({name}: {Problem(ex.Message, name)}); fit it again with 'facecompat fit'.", ex) { FilePath = path };
        }
    }

    /// <summary>An exception's message without the " (Parameter 'x')" that <see cref="ArgumentException"/> appends: the parameter is ours, not the user's.</summary>
    private static string WithoutParameter(Exception ex) =>
        ex is ArgumentException { ParamName: string name } ? ex.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : ex.Message;

    private static string Problem(string message, string name)
    {
        string problem = message.StartsWith(name + ": ", StringComparison.Ordinal) ? message[(name.Length + 2)..] : message;
        int end = problem.IndexOf(". ", StringComparison.Ordinal);
        return (end >= 0 ? problem[..end] : problem).TrimEnd('.');
    }
}
