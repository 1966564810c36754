using System.Collections.Concurrent;
using FaceCompat.Extraction.Pipeline;

namespace FaceCompat.Tests.Pipeline;

public sealed class BlockScheduleTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 3, 1)]
    [InlineData(9, 1, 2)]
    [InlineData(13, 6, 4)]
    [InlineData(5, 0, 2)]
    [InlineData(0, 2, 2)]
    public void Every_task_is_handed_out_once_and_a_model_only_runs_on_a_prepared_chunk(int chunks, int models, int workers)
    {
        var schedule = new BlockSchedule(chunks, models, lookahead: 2 * workers);
        var prepared = new ConcurrentDictionary<int, int>();
        var embedded = new ConcurrentDictionary<(int, int), int>();
        int early = 0, held = 0, maxHeld = 0;
        var finishedModels = new ConcurrentDictionary<int, int>();
        var perChunk = new ConcurrentDictionary<int, int>();

        void Work(bool inference)
        {
            var random = new Random(inference ? 1 : 2);
            while (true)
            {
                (BlockTask task, int c, int m) = schedule.Take(inference);
                if (task == BlockTask.None)
                {
                    return;
                }

                Thread.SpinWait(random.Next(2000));
                if (task == BlockTask.Prepare)
                {
                    prepared.AddOrUpdate(c, 1, (_, n) => n + 1);
                    int now = Interlocked.Increment(ref held);
                    InterlockedMax(ref maxHeld, now);
                    schedule.Prepared(c);
                    continue;
                }

                if (!prepared.ContainsKey(c))
                {
                    Interlocked.Increment(ref early);
                }

                embedded.AddOrUpdate((c, m), 1, (_, n) => n + 1);
                if (perChunk.AddOrUpdate(c, 1, (_, n) => n + 1) == models)
                {
                    Interlocked.Decrement(ref held); // before the schedule learns of it, so held never undercounts
                }

                if (schedule.Embedded(c))
                {
                    finishedModels[c] = perChunk[c];
                }
            }
        }

        var threads = Enumerable.Range(0, workers).Select(_ => new Thread(() => Work(inference: true))).Append(new Thread(() => Work(inference: false))).ToArray();
        foreach (Thread t in threads)
        {
            t.Start();
        }

        foreach (Thread t in threads)
        {
            t.Join();
        }

        schedule.IsComplete.Should().BeTrue();
        prepared.Keys.Order().Should().Equal(Enumerable.Range(0, chunks));
        prepared.Values.Where(n => n != 1).Should().BeEmpty();
        embedded.Keys.Should().BeEquivalentTo(Enumerable.Range(0, chunks).SelectMany(c => Enumerable.Range(0, models).Select(m => (c, m))));
        embedded.Values.Where(n => n != 1).Should().BeEmpty();
        early.Should().Be(0);
        finishedModels.Values.Where(n => n != models).Should().BeEmpty("a chunk is finished only when every model ran on it");
        if (models > 0)
        {
            maxHeld.Should().BeLessThanOrEqualTo(2 * workers, "chunks are prepared at most the lookahead beyond the oldest unfinished one");
        }
    }

    [Fact]
    public void A_stopped_schedule_hands_out_nothing_more()
    {
        var schedule = new BlockSchedule(4, 2, lookahead: 2);
        schedule.Take(inference: false).Task.Should().Be(BlockTask.Prepare);
        schedule.Stop();
        schedule.Take(inference: true).Task.Should().Be(BlockTask.None);
        schedule.Take(inference: false).Task.Should().Be(BlockTask.None);
        schedule.IsComplete.Should().BeFalse();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
