using System.Diagnostics;

namespace FaceCompat.Extraction.Pipeline;

/// <summary>What a worker of a <see cref="BlockSchedule"/> does next.</summary>
internal enum BlockTask
{
    /// <summary>Nothing left for this worker (or the run failed or was cancelled).</summary>
    None,

    /// <summary>Decode, detect (when asked) and align one chunk of images.</summary>
    Prepare,

    /// <summary>Run one model over one prepared chunk.</summary>
    Embed,
}

/// <summary>
/// The work of one checkpoint block as tasks: prepare chunk c, then run each model m over it. Model
/// tasks are handed out in (chunk, model) order, so with one inference worker the models run one after
/// another on each chunk, and with more the next tasks (another model, or the same model on the next
/// chunk) run at the same time. Chunks are prepared in order, at most <c>lookahead</c> chunks beyond the
/// oldest one with model tasks left (bounding the crops held); the preparation worker takes only
/// preparation, an inference worker prepares only when no model task is ready (as when detection makes
/// preparation as heavy as inference). Which worker runs a task never changes its result.
/// </summary>
internal sealed class BlockSchedule
{
    private readonly object _gate = new();
    private readonly int _chunks;
    private readonly int _models;
    private readonly int _lookahead;
    private readonly bool[] _ready;
    private readonly int[] _left;
    private int _nextPrepare;
    private int _nextEmbed;
    private int _oldest;
    private int _finishedChunks;
    private bool _stopped;

    public BlockSchedule(int chunks, int models, int lookahead)
    {
        Debug.Assert(chunks >= 0 && models >= 0 && lookahead >= 1);
        _chunks = chunks;
        _models = models;
        _lookahead = lookahead;
        _ready = new bool[chunks];
        _left = Enumerable.Repeat(models, chunks).ToArray();
        _finishedChunks = models == 0 ? chunks : 0;
        _oldest = models == 0 ? chunks : 0;
    }

    /// <summary>True when every chunk was prepared and every model ran over it.</summary>
    public bool IsComplete
    {
        get
        {
            lock (_gate)
            {
                return _finishedChunks == _chunks && _nextPrepare == _chunks;
            }
        }
    }

    /// <summary>Waits for the next task of a worker (an inference worker when <paramref name="inference"/>, else the preparation worker).</summary>
    public (BlockTask Task, int Chunk, int Model) Take(bool inference)
    {
        lock (_gate)
        {
            while (true)
            {
                if (_stopped)
                {
                    return (BlockTask.None, 0, 0);
                }

                int total = _chunks * _models;
                if (inference && _nextEmbed < total && _ready[_nextEmbed / _models])
                {
                    int k = _nextEmbed++;
                    return (BlockTask.Embed, k / _models, k % _models);
                }

                if (_nextPrepare < _chunks && _nextPrepare < _oldest + _lookahead)
                {
                    return (BlockTask.Prepare, _nextPrepare++, 0);
                }

                if (inference ? _nextEmbed >= total : _nextPrepare >= _chunks)
                {
                    return (BlockTask.None, 0, 0);
                }

                Monitor.Wait(_gate);
            }
        }
    }

    public void Prepared(int chunk)
    {
        lock (_gate)
        {
            _ready[chunk] = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Records that one model finished a chunk; true when that was the chunk's last model.</summary>
    public bool Embedded(int chunk)
    {
        lock (_gate)
        {
            bool last = --_left[chunk] == 0;
            if (last)
            {
                _finishedChunks++;
                while (_oldest < _chunks && _left[_oldest] == 0)
                {
                    _oldest++;
                }

                Monitor.PulseAll(_gate);
            }

            return last;
        }
    }

    /// <summary>Stops handing out tasks (a task failed, or the run was cancelled).</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            Monitor.PulseAll(_gate);
        }
    }
}
