namespace FaceCompat.Cli;

/// <summary>Reports on the calling thread, one report at a time (System.Progress posts to a context instead).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly Lock _lock = new();

    public void Report(T value)
    {
        lock (_lock)
        {
            report(value);
        }
    }
}
