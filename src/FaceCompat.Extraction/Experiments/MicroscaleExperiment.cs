using System.Globalization;
using FaceCompat.Data;
using FaceCompat.Extraction.FaceAlignment;
using FaceCompat.Extraction.Images;
using FaceCompat.Extraction.Models;
using FaceCompat.Extraction.Onnx;
using FaceCompat.Extraction.Pipeline;
using FaceCompat.Geometry;
using FaceCompat.Randomness;

namespace FaceCompat.Extraction.Experiments;

/// <summary>What one microscale run measures.</summary>
public sealed record MicroscaleOptions
{
    public required string ImagesDirectory { get; init; }

    /// <summary>Landmarks per relative image path ('/' separators, the folder is the identity), 0-based.</summary>
    public required IReadOnlyDictionary<string, double[]> Landmarks { get; init; }

    public required IReadOnlyList<ModelManifest> Models { get; init; }

    public required string ModelDirectory { get; init; }

    public int Identities { get; init; } = 30;

    public int ImagesPerIdentity { get; init; } = 2;

    /// <summary>Points per curve (odd, so that the middle one is the unchanged image).</summary>
    public int Steps { get; init; } = 9;

    public int Seed { get; init; }

    public int IntraOpThreads { get; init; } = 2;

    public IReadOnlyList<double> RelativeScales { get; init; } = [0.1, 0.25, 0.5, 1.0];
}

/// <summary>Invariance energy of one model for one attribute at one relative scale.</summary>
public sealed record MicroscaleEnergy(string Model, string Attribute, double RelativeScale, double Energy, int Points);

/// <summary>Energies, and per model the share of changed images whose nearest unchanged image is of their own identity.</summary>
public sealed record MicroscaleResult(IReadOnlyList<MicroscaleEnergy> Energies, IReadOnlyDictionary<string, double> SameIdentityShare, int Images, int Identities);

/// <summary>
/// The microscale measure on real faces (PROTOCOL.md, GEOMETRY): for each chosen image and each
/// low-level attribute (<see cref="AdjustedAttribute"/>), a curve of <see cref="MicroscaleOptions.Steps"/>
/// images on which only that attribute changes, each aligned and embedded exactly as by
/// <c>extract</c>; the attribute's vector field at a curve point is the unit forward difference of the
/// unit embeddings; clouds are identities; <see cref="InvarianceEnergy"/> at each relative scale.
/// </summary>
public static class MicroscaleExperiment
{
    private static readonly AdjustedAttribute[] s_attributes = [AdjustedAttribute.Brightness, AdjustedAttribute.Hue, AdjustedAttribute.BlurSharpen];

    public static MicroscaleResult Run(MicroscaleOptions options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Steps < 3 || options.Steps % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Steps, "Steps must be odd and at least 3 (the middle point is the unchanged image).");
        }

        (string Path, int Identity, RgbImage Image, double[] Points)[] images = Choose(options);
        var energies = new List<MicroscaleEnergy>();
        var sameIdentity = new Dictionary<string, double>(StringComparer.Ordinal);
        int steps = options.Steps;
        int[] identityOfImage = images.Select(i => i.Identity).ToArray();
        foreach (ModelManifest model in options.Models)
        {
            progress?.Report($"{model.Name}: {images.Length * s_attributes.Length * steps} images");
            using var session = new OnnxSession(Path.Combine(options.ModelDirectory, model.File), options.IntraOpThreads, allowSpinning: false);
            var curves = new Matrix<double>[s_attributes.Length];
            for (int a = 0; a < s_attributes.Length; a++)
            {
                byte[][] crops = Crops(images, s_attributes[a], steps, model.InputSize);
                curves[a] = UnitRows(FaceExtractor.Embed(session, model, crops, out _));
            }

            foreach ((Matrix<double> curve, int a) in curves.Select((c, a) => (c, a)))
            {
                (Matrix<double> points, Matrix<double> field, int[] clouds) = Field(curve, identityOfImage, steps);
                foreach (double scale in options.RelativeScales)
                {
                    double energy = InvarianceEnergy.Compute(points, field, clouds, scale, (ulong)options.Seed);
                    energies.Add(new MicroscaleEnergy(model.Name, Name(s_attributes[a]), scale, energy, points.Rows));
                }
            }

            sameIdentity[model.Name] = SameIdentityShare(curves, identityOfImage, steps);
        }

        return new MicroscaleResult(energies, sameIdentity, images.Length, images.Select(i => i.Identity).Distinct().Count());
    }

    public static string Name(AdjustedAttribute attribute) => attribute switch
    {
        AdjustedAttribute.Brightness => "brightness",
        AdjustedAttribute.Hue => "hue",
        _ => "blur-sharpen",
    };

    private static (string, int, RgbImage, double[])[] Choose(MicroscaleOptions options)
    {
        var byIdentity = options.Landmarks.Keys
            .Where(p => p.Contains('/', StringComparison.Ordinal))
            .GroupBy(p => p[..p.LastIndexOf('/')], StringComparer.Ordinal)
            .Where(g => g.Count() >= options.ImagesPerIdentity)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToArray();
        if (byIdentity.Length < 2)
        {
            throw new DataFormatException($"{options.ImagesDirectory}: fewer than 2 identities have {options.ImagesPerIdentity} images with landmarks; lower --images-per-identity.");
        }

        var chosen = byIdentity
            .Select((g, i) => (Group: g, Key: SplitMix64.Mix(((ulong)(uint)options.Seed << 32) | (uint)i)))
            .OrderBy(x => x.Key)
            .Take(options.Identities)
            .OrderBy(x => x.Group.Key, StringComparer.Ordinal)
            .SelectMany((x, identity) => x.Group.Order(StringComparer.Ordinal).Take(options.ImagesPerIdentity).Select(p => (p, identity)))
            .ToArray();
        var result = new (string, int, RgbImage, double[])[chosen.Length];
        Parallel.For(0, chosen.Length, i =>
        {
            (string path, int identity) = chosen[i];
            result[i] = (path, identity, ImageReader.Read(Path.Combine(options.ImagesDirectory, path)), options.Landmarks[path].ToArray());
        });
        return result;
    }

    /// <summary>Row (image i, step s) = i * steps + s: the image changed by the s-th value of the attribute's range, aligned.</summary>
    private static byte[][] Crops((string Path, int Identity, RgbImage Image, double[] Points)[] images, AdjustedAttribute attribute, int steps, int size)
    {
        (double from, double to) = ImageAdjustment.Range(attribute);
        byte[][] crops = new byte[images.Length * steps][];
        Parallel.For(0, crops.Length, row =>
        {
            var (_, _, image, points) = images[row / steps];
            double value = from + ((to - from) * (row % steps) / (steps - 1));
            RgbImage changed = ImageAdjustment.Apply(image, attribute, value);
            var m112 = SimilarityTransform.Estimate(points, SimilarityTransform.ArcFace112);
            crops[row] = FaceWarper.Warp(changed, m112.Scaled(size / 112.0), size);
        });
        return crops;
    }

    private static Matrix<double> UnitRows(List<float[]> rows)
    {
        var m = new Matrix<double>(rows.Count, rows[0].Length);
        for (int r = 0; r < rows.Count; r++)
        {
            double norm = Math.Sqrt(rows[r].Sum(v => (double)v * v));
            for (int c = 0; c < m.Columns; c++)
            {
                m[r, c] = rows[r][c] / norm;
            }
        }

        return m;
    }

    /// <summary>Points are curve steps 0..steps-2; the field is the unit forward difference to the next step.</summary>
    private static (Matrix<double> Points, Matrix<double> Field, int[] Clouds) Field(Matrix<double> curve, int[] identityOfImage, int steps)
    {
        int images = curve.Rows / steps, d = curve.Columns, n = images * (steps - 1);
        var points = new Matrix<double>(n, d);
        var field = new Matrix<double>(n, d);
        int[] clouds = new int[n];
        for (int i = 0; i < images; i++)
        {
            for (int s = 0; s < steps - 1; s++)
            {
                int p = (i * (steps - 1)) + s;
                clouds[p] = identityOfImage[i];
                ReadOnlySpan<double> here = curve.Row((i * steps) + s), next = curve.Row((i * steps) + s + 1);
                here.CopyTo(points.MutableRow(p));
                double norm = 0;
                for (int c = 0; c < d; c++)
                {
                    field[p, c] = next[c] - here[c];
                    norm += field[p, c] * field[p, c];
                }

                if (norm > 0)
                {
                    double scale = 1.0 / Math.Sqrt(norm);
                    for (int c = 0; c < d; c++)
                    {
                        field[p, c] *= scale;
                    }
                }
            }
        }

        return (points, field, clouds);
    }

    /// <summary>Share of changed images (every attribute, every step but the middle) whose most similar unchanged image has their identity.</summary>
    private static double SameIdentityShare(Matrix<double>[] curves, int[] identityOfImage, int steps)
    {
        int images = identityOfImage.Length, middle = steps / 2;
        Matrix<double> originals = curves[0];
        int same = 0, total = 0;
        foreach (Matrix<double> curve in curves)
        {
            for (int i = 0; i < images; i++)
            {
                for (int s = 0; s < steps; s++)
                {
                    if (s == middle)
                    {
                        continue;
                    }

                    ReadOnlySpan<double> x = curve.Row((i * steps) + s);
                    int best = 0;
                    double bestScore = double.NegativeInfinity;
                    for (int j = 0; j < images; j++)
                    {
                        double score = System.Numerics.Tensors.TensorPrimitives.Dot(x, originals.Row((j * steps) + middle));
                        if (score > bestScore)
                        {
                            bestScore = score;
                            best = j;
                        }
                    }

                    same += identityOfImage[best] == identityOfImage[i] ? 1 : 0;
                    total++;
                }
            }
        }

        return total == 0 ? double.NaN : (double)same / total;
    }

    /// <summary>CSV of the energies: <c>model,attribute,relative_scale,energy,points</c>.</summary>
    public static string ToCsv(MicroscaleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var lines = new List<string> { "model,attribute,relative_scale,energy,points" };
        lines.AddRange(result.Energies.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Model},{e.Attribute},{e.RelativeScale:R},{e.Energy:R},{e.Points}")));
        return string.Join('\n', lines) + "\n";
    }
}
