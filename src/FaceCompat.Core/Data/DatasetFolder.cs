namespace FaceCompat.Data;

/// <summary>
/// A dataset folder (PROTOCOL.md): <c>index.csv</c> and <c>embeddings/&lt;model&gt;.npy</c> (or .npz/.csv),
/// one embedding row per index row, same order.
/// </summary>
public sealed class DatasetFolder
{
    private readonly Dictionary<string, (Matrix<float> Matrix, long Version)> _cache = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private IReadOnlyDictionary<string, string>? _families;

    private DatasetFolder(string root, DatasetIndex index)
    {
        Root = root;
        Index = index;
        Name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)));
    }

    /// <summary>The folder's full path.</summary>
    public string Root { get; }

    /// <summary>The folder's name, used to label results.</summary>
    public string Name { get; }

    /// <summary>The rows of <c>index.csv</c>: image path and identity per embedding row.</summary>
    public DatasetIndex Index { get; }

    /// <summary><c>embeddings/</c>: one file per model.</summary>
    public string EmbeddingsDirectory => Path.Combine(Root, "embeddings");

    /// <summary>The path of the folder's manifest.json (<see cref="DatasetManifest"/>; it may not exist).</summary>
    public string ManifestPath => Path.Combine(Root, DatasetManifest.FileName);

    /// <summary>
    /// The family of each model the folder's manifest.json records (<see cref="DatasetManifest.ReadFamilies"/>), read on
    /// first use; empty without a manifest. A model that is not a key has no known family.
    /// </summary>
    /// <exception cref="DataFormatException">The manifest is not JSON or holds a family that is not a non-empty string.</exception>
    public IReadOnlyDictionary<string, string> Families => _families ??= DatasetManifest.ReadFamilies(Root);

    /// <summary>Opens a dataset folder and reads its <c>index.csv</c>; embeddings are read when asked for.</summary>
    public static DatasetFolder Open(string root)
    {
        if (string.IsNullOrWhiteSpace(root))
        {
            throw new DataFormatException("the dataset folder path is empty (--data \"\"); give a folder holding index.csv and embeddings/<model>.npy.");
        }

        if (!Directory.Exists(root))
        {
            throw new DataFormatException($"{root}: dataset folder not found. A dataset folder holds index.csv and embeddings/<model>.npy.") { FilePath = root };
        }

        return new DatasetFolder(root, DatasetIndex.Read(Path.Combine(root, "index.csv")));
    }

    /// <summary>Model names with an embedding file, in ordinal order.</summary>
    public IReadOnlyList<string> Models =>
        Directory.Exists(EmbeddingsDirectory)
            ? Directory.EnumerateFiles(EmbeddingsDirectory)
                .Where(f => EmbeddingFile.Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                .Select(Path.GetFileNameWithoutExtension)
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToArray()
            : [];

    /// <summary>The embedding file of <paramref name="model"/> (the first of <see cref="EmbeddingFile.Extensions"/> that exists).</summary>
    public string EmbeddingPath(string model)
    {
        foreach (string ext in EmbeddingFile.Extensions)
        {
            string candidate = Path.Combine(EmbeddingsDirectory, model + ext);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        IReadOnlyList<string> models = Models;
        string available = models.Count == 0 ? "none" : string.Join(", ", models);
        throw new DataFormatException(
            $"{EmbeddingsDirectory}: unknown model '{model}'; no {model}.npy there. Available models: {available}.")
        { FilePath = EmbeddingsDirectory };
    }

    /// <summary>
    /// Loads and validates a model's embeddings (cached): row count, finite values, no zero rows.
    /// A cached matrix that was written since (see <see cref="Matrix{T}.Version"/>) is read again from the file.
    /// </summary>
    public Matrix<float> Embeddings(string model)
    {
        lock (_lock)
        {
            if (_cache.TryGetValue(model, out var cached) && cached.Matrix.Version == cached.Version)
            {
                return cached.Matrix;
            }
        }

        string path = EmbeddingPath(model);
        Matrix<float> m = EmbeddingFile.Read(path);
        if (m.Rows != Index.Count)
        {
            throw DataFormatException.InFile(
                path,
                $"{m.Rows} embedding rows but index.csv has {Index.Count}. Each index.csv row needs exactly one embedding row, in the same order.");
        }

        EmbeddingValidator.Validate(m, path);
        EmbeddingValidator.RequireVariation(m, path);
        lock (_lock)
        {
            _cache[model] = (m, m.Version);
        }

        return m;
    }
}
