using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using AkkaEtl.Catalog;
using AkkaEtl.Common;
using AkkaEtl.Messages;
using AkkaEtl.Storage;
using static AkkaEtl.Messages.CoordinatorEvents;
using static AkkaEtl.Messages.DayProtocol;

namespace AkkaEtl.Coordinator.Actors;

public sealed record CoordinatorSettings
{
    /// <summary>Days processed at once; more wait in the queue, highest priority first.</summary>
    public int MaxConcurrentDays { get; init; } = 3;
    public DayCoordinatorSettings Day { get; init; } = new();
    /// <summary>How long replaced files stay after a swap (null: 10 minutes on S3, none locally).</summary>
    public TimeSpan? RetainReplaced { get; init; }
    /// <summary>Journal events between snapshots of the coordinator's state.</summary>
    public int SnapshotEvery { get; init; } = 200;
    /// <summary>Resubmit today (and yesterday) every so often, like the cron job of the system this replaces.</summary>
    public RescanSettings? Rescan { get; init; }
}

/// <summary>Which tables are rescanned, how often, and whether yesterday too (files arriving late).</summary>
public sealed record RescanSettings(TimeSpan Every, bool IncludeYesterday, IReadOnlyList<(string Table, RunOptions Options)> Tables);

/// <summary>
/// The coordinator (a cluster singleton): accepts days, queues them, runs a <see cref="DayCoordinator"/> per active
/// day (never two for the same table and day), and answers status queries. Its journal records submissions, runs
/// and their ends, so that on another node it resumes the days that were running and keeps the queue. It owns the
/// compaction and catalog actors.
/// </summary>
public sealed class EtlCoordinator : ReceivePersistentActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _workItems;
    private readonly ObjectStoreProvider _stores;
    private readonly CoordinatorSettings _settings;
    private readonly Dictionary<(string Table, string Day), DayEntry> _days = new();
    private readonly HashSet<IActorRef> _subscribers = [];
    private readonly Queue<ErrorEntry> _errors = new();
    private readonly CoordinatorMetrics _metrics = new();
    private IActorRef _compaction = ActorRefs.Nobody;
    private long _sequence;

    public EtlCoordinator(IActorRef workItems, ObjectStoreProvider stores, CoordinatorSettings settings)
    {
        _workItems = workItems;
        _stores = stores;
        _settings = settings;

        Recover<DaySubmitted>(Apply);
        Recover<DayRunStarted>(Apply);
        Recover<DayRunEnded>(Apply);
        Recover<SnapshotOffer>(o => Restore((Snapshot)o.Snapshot));
        Recover<RecoveryCompleted>(_ => Resume());

        Command<SubmitDays>(OnSubmit);
        Command<GetStatus>(OnGetStatus);
        Command<DayUpdated>(OnDayUpdated);
        Command<CancelDay>(OnCancel);
        Command<RetryDay>(OnRetry);
        Command<Subscribe>(s =>
        {
            _subscribers.Add(s.Subscriber);
            Context.Watch(s.Subscriber);
        });
        Command<Terminated>(OnTerminated);
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning("snapshot failed: {0}", f.Cause.Message));
        Command<Rescan>(_ => OnRescan());
        Command<ErrorReported>(e => AddError(e.Error));
        Command<ItemMeasured>(_metrics.Add);
        Command<GetRecentErrors>(_ => Sender.Tell(new RecentErrors(_errors.Reverse().ToList())));
        Command<GetMetrics>(_ => Sender.Tell(_metrics.Snapshot(_days.Values.Select(d => d.Status).ToList())));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    public override string PersistenceId => "etl-coordinator";

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef workItems, ObjectStoreProvider stores, CoordinatorSettings settings) =>
        Akka.Actor.Props.Create(() => new EtlCoordinator(workItems, stores, settings));

    protected override void PreStart()
    {
        base.PreStart();
        var catalog = Context.ActorOf(CatalogActor.Props(_stores), "catalog");
        _compaction = Context.ActorOf(CompactionActor.Props(_stores, catalog, _settings.RetainReplaced), "compaction");
        if (_settings.Rescan is { } rescan) Timers.StartPeriodicTimer("rescan", Rescan.Instance, rescan.Every);
    }

    /// <summary>The scheduled rescan: today's (and yesterday's) days again, incremental; a day still running is left alone.</summary>
    private void OnRescan()
    {
        var rescan = _settings.Rescan!;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var days = new DayRange(rescan.IncludeYesterday ? today.AddDays(-1) : today, today);
        foreach (var (table, options) in rescan.Tables) Self.Tell(new SubmitDays(table, days, options), ActorRefs.NoSender);
    }

    private sealed class Rescan
    {
        public static readonly Rescan Instance = new();
    }

    // --- journal ---------------------------------------------------------------------------------------------

    private void Apply(DaySubmitted e)
    {
        _sequence = Math.Max(_sequence, e.Sequence);
        var previous = _days.GetValueOrDefault((e.Table, e.Day));
        _days[(e.Table, e.Day)] = new DayEntry(e.Table, e.Day, e.Options, e.Sequence)
        {
            Status = DayStatus.Queued(e.Table, e.Day) with { SubmittedAt = e.SubmittedAt },
            Queued = true,
            LastRunId = previous?.LastRunId,
        };
    }

    private void Apply(DayRunStarted e)
    {
        if (!_days.TryGetValue((e.Table, e.Day), out var entry)) return;
        entry.Queued = false;
        entry.RunId = e.RunId;
        entry.LastRunId = e.RunId;
        if (entry.Status.State.IsFinal()) entry.Status = entry.Status with { State = DayState.Queued, Error = null, FinishedAt = null };
    }

    private void Apply(DayRunEnded e)
    {
        if (!_days.TryGetValue((e.Status.Table, e.Status.Day), out var entry)) return;
        entry.RunId = null;
        entry.Queued = false;
        entry.Status = e.Status;
    }

    private void Restore(Snapshot s)
    {
        _days.Clear();
        _sequence = s.Sequence;
        foreach (var d in s.Days)
            _days[(d.Table, d.Day)] = new DayEntry(d.Table, d.Day, d.Options, d.Sequence)
            {
                Status = d.Status, RunId = d.RunId, LastRunId = d.LastRunId, Queued = d.Queued,
            };
    }

    private void Record<T>(T e, Action<T> then) where T : class
    {
        Persist(e, x =>
        {
            Apply(x);
            then(x);
            if (LastSequenceNr % _settings.SnapshotEvery == 0)
                SaveSnapshot(new Snapshot(_days.Values.Select(d => new DayRecord(d.Table, d.Day, d.Options, d.Sequence, d.Status, d.RunId, d.LastRunId, d.Queued)).ToList(), _sequence));
        });
    }

    private void Apply(object e)
    {
        switch (e)
        {
            case DaySubmitted s: Apply(s); break;
            case DayRunStarted s: Apply(s); break;
            case DayRunEnded s: Apply(s); break;
        }
    }

    /// <summary>After recovery: runs that were going on go on (same run id, finished items kept), then the queue.</summary>
    private void Resume()
    {
        foreach (var entry in _days.Values.Where(d => d.RunId is not null))
        {
            _log.Info("resuming {0} {1} (run {2})", entry.Table, entry.Day, entry.RunId);
            StartRun(entry, entry.RunId!);
        }
        StartMore();
    }

    // --- commands --------------------------------------------------------------------------------------------

    private void OnSubmit(SubmitDays m)
    {
        if (!CatalogKeys.IsValidTableName(m.Table))
        {
            Sender.Tell(new SubmitRejected($"'{m.Table}' is not a table name (letters, digits and '_', starting with a letter)"));
            return;
        }
        var accepted = new List<string>();
        var active = new List<string>();
        var events = new List<DaySubmitted>();
        var now = DateTimeOffset.UtcNow;
        foreach (var d in m.Days.Days())
        {
            var day = DayRange.Format(d);
            if (_days.TryGetValue((m.Table, day), out var existing) && !existing.Status.State.IsFinal())
            {
                active.Add(day);
                continue;
            }
            events.Add(new DaySubmitted(m.Table, day, m.Options, ++_sequence, now));
            accepted.Add(day);
        }
        var sender = Sender;
        if (events.Count == 0)
        {
            sender.Tell(new SubmitAccepted(m.Table, accepted, active));
            return;
        }
        PersistAll(events, e =>
        {
            Apply(e);
            Broadcast(_days[(e.Table, e.Day)].Status);
            if (!ReferenceEquals(e, events[^1])) return;
            sender.Tell(new SubmitAccepted(m.Table, accepted, active));
            StartMore();
        });
    }

    private void StartMore()
    {
        var running = _days.Values.Count(d => d.Actor is not null);
        foreach (var next in _days.Values.Where(d => d.Queued && d.Actor is null)
                     .OrderByDescending(e => e.Options.Priority).ThenBy(e => e.Sequence).ToList())
        {
            if (running >= _settings.MaxConcurrentDays) break;
            var runId = $"r{DateTime.UtcNow:yyyyMMddHHmmss}{next.Sequence:D4}";
            next.Queued = false; // taken now, so a second StartMore before the journal answers does not take it again
            running++;
            Record(new DayRunStarted(next.Table, next.Day, runId), e => StartRun(next, e.RunId));
        }
    }

    private void StartRun(DayEntry entry, string runId)
    {
        entry.Actor = Context.ActorOf(
            DayCoordinator.Props(entry.Table, entry.Day, entry.Options, runId, _workItems, _compaction, _stores, _settings.Day, entry.Status),
            $"day-{entry.Table}-{entry.Day}-{runId}");
        Context.Watch(entry.Actor);
    }

    private void OnDayUpdated(DayUpdated u)
    {
        if (!_days.TryGetValue((u.Status.Table, u.Status.Day), out var entry) || !Equals(entry.Actor, Sender)) return;
        entry.Status = u.Status;
        Broadcast(u.Status);
        if (!u.Status.State.IsFinal()) return;
        if ((u.Status.Error ?? u.Status.Warning) is { } problem) AddError(new ErrorEntry(DateTimeOffset.UtcNow, u.Status.Table, u.Status.Day, problem));
        _metrics.DayEnded(u.Status);
        Context.Unwatch(Sender);
        entry.Actor = null;
        _log.Info("{0} {1}: {2}", u.Status.Table, u.Status.Day, u.Status.State);
        Record(new DayRunEnded(u.Status), _ => StartMore());
    }

    private void OnTerminated(Terminated t)
    {
        if (_subscribers.Remove(t.ActorRef)) return;
        var entry = _days.Values.FirstOrDefault(d => Equals(d.Actor, t.ActorRef));
        if (entry is null) return;
        entry.Actor = null;
        if (entry.Status.State.IsFinal()) return;
        var failed = entry.Status with { State = DayState.Failed, Error = "the day's coordinator stopped unexpectedly", FinishedAt = DateTimeOffset.UtcNow };
        entry.Status = failed;
        Broadcast(failed);
        Record(new DayRunEnded(failed), _ => StartMore());
    }

    private void OnGetStatus(GetStatus q)
    {
        var days = _days.Values
            .Where(d => (q.Table is null || d.Table == q.Table) && (q.Days is not { } r || r.Contains(DateOnly.ParseExact(d.Day, "yyyy-MM-dd"))))
            .OrderBy(d => d.Table, StringComparer.Ordinal).ThenBy(d => d.Day, StringComparer.Ordinal)
            .Select(d => d.Status)
            .ToList();
        Sender.Tell(new StatusReport(days));
    }

    private void OnCancel(CancelDay c)
    {
        if (!_days.TryGetValue((c.Table, c.Day), out var entry) || entry.Status.State.IsFinal())
        {
            Sender.Tell(new CommandResult(false, $"{c.Table} {c.Day} is not queued or running"));
            return;
        }
        if (entry.Actor is { } actor)
        {
            actor.Tell(c);
        }
        else
        {
            var cancelled = entry.Status with { State = DayState.Cancelled, Error = "cancelled", FinishedAt = DateTimeOffset.UtcNow };
            entry.Status = cancelled;
            Broadcast(cancelled);
            Record(new DayRunEnded(cancelled), _ => { });
        }
        Sender.Tell(new CommandResult(true, $"{c.Table} {c.Day} cancelled"));
    }

    /// <summary>A failed day again, in the same run: its finished items stay finished, only the rest is redone.</summary>
    private void OnRetry(RetryDay r)
    {
        if (!_days.TryGetValue((r.Table, r.Day), out var entry) || entry.Status.State != DayState.Failed || entry.LastRunId is null)
        {
            Sender.Tell(new CommandResult(false, $"{r.Table} {r.Day} has no failed run to retry"));
            return;
        }
        var sender = Sender;
        var runId = entry.LastRunId;
        Record(new DayRunStarted(r.Table, r.Day, runId), _ =>
        {
            entry.Status = entry.Status with { State = DayState.Queued, Error = null, FinishedAt = null, ItemsFailed = 0, FailedFiles = [] };
            Broadcast(entry.Status);
            StartRun(entry, runId);
            sender.Tell(new CommandResult(true, $"{r.Table} {r.Day}: retrying run {runId}"));
        });
    }

    private void AddError(ErrorEntry error)
    {
        _errors.Enqueue(error);
        while (_errors.Count > 100) _errors.Dequeue();
    }

    private void Broadcast(DayStatus status)
    {
        foreach (var s in _subscribers) s.Tell(new DayUpdated(status));
    }

    private sealed class DayEntry(string table, string day, RunOptions options, long sequence)
    {
        public string Table { get; } = table;
        public string Day { get; } = day;
        public RunOptions Options { get; } = options;
        public long Sequence { get; } = sequence;
        public DayStatus Status { get; set; } = null!;
        public bool Queued { get; set; }
        /// <summary>The run going on (journaled as started, not yet ended).</summary>
        public string? RunId { get; set; }
        /// <summary>The latest run, kept after it ends so that a failed day can be retried in it.</summary>
        public string? LastRunId { get; set; }
        public IActorRef? Actor { get; set; }
    }
}
