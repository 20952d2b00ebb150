using Akka.Actor;
using Akka.Event;
using AkkaEtl.Catalog;
using AkkaEtl.Messages;
using AkkaEtl.Storage;
using static AkkaEtl.Messages.DayProtocol;

namespace AkkaEtl.Coordinator.Actors;

public sealed record CoordinatorSettings
{
    /// <summary>Days processed at once; more wait in the queue, highest priority first.</summary>
    public int MaxConcurrentDays { get; init; } = 3;
    public DayCoordinatorSettings Day { get; init; } = new();
    /// <summary>How long replaced files stay after a swap (null: 10 minutes on S3, none locally).</summary>
    public TimeSpan? RetainReplaced { get; init; }
}

/// <summary>
/// The coordinator: accepts days, queues them, runs a <see cref="DayCoordinator"/> per active day (never two for
/// the same table and day), and answers status queries. It owns the compaction and catalog actors.
/// </summary>
public sealed class EtlCoordinator : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _workItems;
    private readonly ObjectStoreProvider _stores;
    private readonly CoordinatorSettings _settings;
    private readonly Dictionary<(string Table, string Day), DayEntry> _days = new();
    private readonly List<DayEntry> _queue = [];
    private readonly HashSet<IActorRef> _subscribers = [];
    private IActorRef _compaction = ActorRefs.Nobody;
    private long _sequence;

    public EtlCoordinator(IActorRef workItems, ObjectStoreProvider stores, CoordinatorSettings settings)
    {
        _workItems = workItems;
        _stores = stores;
        _settings = settings;
        Receive<SubmitDays>(OnSubmit);
        Receive<GetStatus>(OnGetStatus);
        Receive<DayUpdated>(OnDayUpdated);
        Receive<CancelDay>(OnCancel);
        Receive<Subscribe>(s =>
        {
            _subscribers.Add(s.Subscriber);
            Context.Watch(s.Subscriber);
        });
        Receive<Terminated>(t =>
        {
            if (_subscribers.Remove(t.ActorRef)) return;
            var entry = _days.Values.FirstOrDefault(d => Equals(d.Actor, t.ActorRef));
            if (entry is null) return;
            entry.Actor = null;
            if (!entry.Status.State.IsFinal())
                Update(entry, entry.Status with { State = DayState.Failed, Error = "day coordinator stopped unexpectedly", FinishedAt = DateTimeOffset.UtcNow });
            StartMore();
        });
    }

    public static Props Props(IActorRef workItems, ObjectStoreProvider stores, CoordinatorSettings settings) =>
        Akka.Actor.Props.Create(() => new EtlCoordinator(workItems, stores, settings));

    protected override void PreStart()
    {
        var catalog = Context.ActorOf(CatalogActor.Props(_stores), "catalog");
        _compaction = Context.ActorOf(CompactionActor.Props(_stores, catalog, _settings.RetainReplaced), "compaction");
    }

    private void OnSubmit(SubmitDays m)
    {
        if (!CatalogKeys.IsValidTableName(m.Table))
        {
            Sender.Tell(new SubmitRejected($"'{m.Table}' is not a table name (letters, digits and '_', starting with a letter)"));
            return;
        }
        var accepted = new List<string>();
        var active = new List<string>();
        foreach (var d in m.Days.Days())
        {
            var day = Common.DayRange.Format(d);
            var key = (m.Table, day);
            if (_days.TryGetValue(key, out var existing) && !existing.Status.State.IsFinal())
            {
                active.Add(day);
                continue;
            }
            var entry = new DayEntry(m.Table, day, m.Options, ++_sequence) { Status = DayStatus.Queued(m.Table, day) };
            _days[key] = entry;
            _queue.Add(entry);
            accepted.Add(day);
            Broadcast(entry.Status);
        }
        Sender.Tell(new SubmitAccepted(m.Table, accepted, active));
        StartMore();
    }

    private void StartMore()
    {
        var running = _days.Values.Count(d => d.Actor is not null);
        while (running < _settings.MaxConcurrentDays && _queue.Count > 0)
        {
            var next = _queue.OrderByDescending(e => e.Options.Priority).ThenBy(e => e.Sequence).First();
            _queue.Remove(next);
            var runId = $"r{DateTime.UtcNow:yyyyMMddHHmmss}{next.Sequence:D4}";
            next.Actor = Context.ActorOf(
                DayCoordinator.Props(next.Table, next.Day, next.Options, runId, _workItems, _compaction, _stores, _settings.Day, next.Status),
                $"day-{next.Table}-{next.Day}-{next.Sequence}");
            Context.Watch(next.Actor);
            running++;
        }
    }

    private void OnDayUpdated(DayUpdated u)
    {
        if (!_days.TryGetValue((u.Status.Table, u.Status.Day), out var entry) || !Equals(entry.Actor, Sender)) return;
        Update(entry, u.Status);
        if (u.Status.State.IsFinal())
        {
            Context.Unwatch(Sender);
            entry.Actor = null;
            _log.Info("{0} {1}: {2}", u.Status.Table, u.Status.Day, u.Status.State);
            StartMore();
        }
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
        if (entry.Actor is { } actor) actor.Tell(c);
        else
        {
            _queue.Remove(entry);
            Update(entry, entry.Status with { State = DayState.Cancelled, Error = "cancelled", FinishedAt = DateTimeOffset.UtcNow });
        }
        Sender.Tell(new CommandResult(true, $"{c.Table} {c.Day} cancelled"));
    }

    private void Update(DayEntry entry, DayStatus status)
    {
        entry.Status = status;
        Broadcast(status);
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
        public IActorRef? Actor { get; set; }
    }
}
