using System.Collections.Concurrent;
using FaceCompat.Data;
using FaceCompat.Extraction.Images;

namespace FaceCompat.Extraction.Detection;

/// <summary>Landmarks of every image of a folder from a detector (the chosen face per <see cref="FaceChoice"/>); images without a face are simply absent.</summary>
public static class LandmarkDetection
{
    /// <param name="shard">Only the images of this shard of the sorted list (the images that <c>extract --shard</c> embeds).</param>
    public static Dictionary<string, double[]> Run(string imagesDirectory, IFaceDetector detector, IProgress<(int Done, int Total)>? progress = null, Study.WorkShard? shard = null)
    {
        ArgumentNullException.ThrowIfNull(detector);
        string root = Path.GetFullPath(imagesDirectory);
        if (!Directory.Exists(root))
        {
            throw new DataFormatException($"{root}: image folder not found.");
        }

        string[] paths = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => ImageReader.Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (shard is Study.WorkShard part && paths.Length >= part.Count)
        {
            (int start, int end) = Study.StudyPartition.EqualRange(paths.Length, part);
            paths = paths[start..end];
        }

        var found = new ConcurrentDictionary<string, double[]>(StringComparer.Ordinal);
        int done = 0;
        foreach (string rel in paths)
        {
            try
            {
                RgbImage image = ImageReader.Read(Path.Combine(root, rel));
                if (FaceChoice.Pick(detector.Detect(image), image.Width, image.Height) is DetectedFace face)
                {
                    found[rel] = face.Landmarks;
                }
            }
            catch (DataFormatException)
            {
                // Unreadable: the extractor reports it with its reason.
            }

            progress?.Report((++done, paths.Length));
        }

        return new Dictionary<string, double[]>(found, StringComparer.Ordinal);
    }
}
