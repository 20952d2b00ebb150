using System.Collections.Concurrent;
using Akka;
using Akka.Actor;
using Akka.Event;
using AkkaEtl.Storage;

namespace AkkaEtl.Coordinator.Compaction;

/// <summary>
/// Deletions that need not hold up a reply: a committed day's staging parts (deleting the standard day's 23 parts took
/// 0.5 s, most of it the kernel dropping their unwritten pages). They run in the background, the actor system's
/// shutdown waits for them, and what a crash leaves behind goes with the day's next run (<see cref="DayCompactor.TidyAsync"/>).
/// </summary>
public sealed class BackgroundDeletions : IExtension
{
    private readonly ConcurrentDictionary<Task, byte> _pending = new();
    private readonly ILoggingAdapter _log;

    public BackgroundDeletions(ExtendedActorSystem system)
    {
        _log = Logging.GetLogger(system, typeof(BackgroundDeletions));
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "background-deletions", async () =>
        {
            await DrainAsync();
            return Done.Instance;
        });
    }

    public static BackgroundDeletions Get(ActorSystem system) => system.WithExtension<BackgroundDeletions, BackgroundDeletionsProvider>();

    public int Pending => _pending.Count;

    /// <summary>Deletes <paramref name="keys"/> from <paramref name="store"/> in the background; a failure is logged.</summary>
    public void Delete(IObjectStore store, IReadOnlyCollection<string> keys, string what)
    {
        if (keys.Count == 0) return;
        var task = Task.Run(() => store.DeleteAsync(keys, CancellationToken.None));
        _pending.TryAdd(task, 0);
        task.ContinueWith(t =>
        {
            if (t.Exception is { } e) _log.Warning("deleting {0} failed (the day's next run removes them): {1}", what, e.GetBaseException().Message);
            _pending.TryRemove(t, out _);
        }, TaskScheduler.Default);
    }

    /// <summary>Completes when every deletion started so far has ended (failed ones included).</summary>
    public Task DrainAsync() => Task.WhenAll(_pending.Keys.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
}

public sealed class BackgroundDeletionsProvider : ExtensionIdProvider<BackgroundDeletions>
{
    public override BackgroundDeletions CreateExtension(ExtendedActorSystem system) => new(system);
}
