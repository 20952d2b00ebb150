using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Persistence;
using AkkaEtl.Catalog;
using AkkaEtl.Coordinator.Compaction;
using AkkaEtl.Features;
using AkkaEtl.Messages;
using AkkaEtl.Storage;
using static AkkaEtl.Messages.CompactionProtocol;
using static AkkaEtl.Messages.DayEvents;
using static AkkaEtl.Messages.DayProtocol;
using static AkkaEtl.Messages.WorkProtocol;

namespace AkkaEtl.Coordinator.Actors;

/// <summary>Limits and timings of a day's work distribution.</summary>
public sealed record DayCoordinatorSettings
{
    /// <summary>Items of one day sent to workers and not yet finished.</summary>
    public int MaxItemsInFlight { get; init; } = 16;
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxRetryBackoff { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>An item with no result after this long is sent again (its first attempt's output, if any, is overwritten).</summary>
    public TimeSpan ItemTimeout { get; init; } = TimeSpan.FromMinutes(30);
    /// <summary>An item not yet started after this long is sent again (the worker entity ignores a duplicate).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// Runs one (table, day) run: discovers its files, plans work items, sends them to the sharded workers within a
/// window, and hands the finished parts to compaction. Delivery is at-least-once: an item is sent again when its
/// worker's node leaves the cluster, when it is handed back, fails (with backoff, up to a limit) or times out; its
/// output is exactly-once because every attempt writes the same part key and only results the coordinator
/// confirmed (journaled) are compacted. The journal (the plan's key and each finished item) lets a restarted
/// coordinator carry on without redoing finished items. A full, deduplicated day first sends every item as a versions
/// item and finds the superseded records from what they read, so that the rows items write those apart (see
/// <see cref="SupersededRecords"/>); that pass is not journaled and is dropped when anything goes wrong with it.
/// </summary>
public sealed class DayCoordinator : ReceivePersistentActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _table;
    private readonly string _day;
    private readonly RunOptions _options;
    private readonly string _runId;
    private readonly IActorRef _workItems;
    private readonly IActorRef _compaction;
    private readonly ObjectStoreProvider _stores;
    private readonly DayCoordinatorSettings _settings;
    private readonly Dictionary<string, ItemState> _items = new(StringComparer.Ordinal);
    // The versions pass: one item per rows item, run first; the rows items wait for what it finds.
    private readonly Dictionary<string, ItemState> _versionItems = new(StringComparer.Ordinal);
    private List<ItemState>? _awaitingVersions;
    private DateTimeOffset _versionsStarted;
    private readonly Dictionary<int, ItemResult> _recovered = [];
    private readonly Queue<ItemState> _pending = new();
    private string? _plannedKey;
    private Discovered? _discovered;
    private DayStatus _status;
    private int _inFlight;

    public DayCoordinator(string table, string day, RunOptions options, string runId, IActorRef workItems, IActorRef compaction,
        ObjectStoreProvider stores, DayCoordinatorSettings settings, DayStatus status)
    {
        _table = table;
        _day = day;
        _options = options;
        _runId = runId;
        _workItems = workItems;
        _compaction = compaction;
        _stores = stores;
        _settings = settings;
        _status = status;

        Recover<DayPlanned>(e => _plannedKey = e.PlanKey);
        Recover<ItemSucceeded>(e => _recovered[e.Index] = e.Result);
        Recover<RecoveryCompleted>(_ => Start());

        Command<Discovered>(OnDiscovered);
        Command<Status.Failure>(f => Fail(f.Cause is { } e ? e.GetBaseException().Message : "discovery failed"));
        Command<WorkItemStarted>(OnStarted);
        Command<WorkItemCompleted>(OnCompleted);
        Command<WorkItemFailed>(OnFailed);
        Command<WorkItemHandedBack>(OnHandedBack);
        Command<Resend>(OnResend);
        Command<ClusterEvent.MemberRemoved>(OnMemberRemoved);
        Command<ClusterEvent.CurrentClusterState>(_ => { });
        Command<DayCommitted>(OnCommitted);
        Command<CompactionFailed>(f => Fail(f.Error));
        Command<Retry>(OnRetry);
        Command<SupersededFound>(OnSupersededFound);
        Command<VersionPassAbandoned>(a => AbandonVersionPass(a.Reason));
        Command<CancelDay>(_ =>
        {
            foreach (var item in AllItems.Where(i => i.InFlight)) _workItems.Tell(new CancelWorkItem(item.Item.ItemId));
            Finish(_status with { State = DayState.Cancelled, Error = "cancelled" });
        });
    }

    public override string PersistenceId => $"day|{_table}|{_day}|{_runId}";

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string table, string day, RunOptions options, string runId, IActorRef workItems, IActorRef compaction,
        ObjectStoreProvider stores, DayCoordinatorSettings settings, DayStatus status) =>
        Akka.Actor.Props.Create(() => new DayCoordinator(table, day, options, runId, workItems, compaction, stores, settings, status));

    protected override void PreStart()
    {
        base.PreStart();
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.MemberRemoved));
    }

    protected override void PostStop()
    {
        Cluster.Get(Context.System).Unsubscribe(Self);
        base.PostStop();
    }

    private void Start()
    {
        if (_plannedKey is null)
        {
            Publish(_status with { State = DayState.Discovering, StartedAt = _status.StartedAt ?? DateTimeOffset.UtcNow, Error = null });
            DiscoverAsync().PipeTo(Self);
        }
        else
        {
            _log.Info("{0} {1}: resuming run {2} with {3} finished items", _table, _day, _runId, _recovered.Count);
            Publish(_status with { State = DayState.Processing, StartedAt = _status.StartedAt ?? DateTimeOffset.UtcNow, Error = null });
            ResumeAsync(_plannedKey).PipeTo(Self);
        }
    }

    private async Task<Discovered> DiscoverAsync()
    {
        var extractor = ExtractorLoader.Get(_options.Extractor);
        var catalog = new CatalogStore(_stores.Get(_options.Warehouse));
        var existing = await catalog.GetTableAsync(_table);
        if (existing is not null && SchemaEvolution.Incompatibility(_table, existing.Columns, extractor.Schema.Columns) is { } error)
            throw new InvalidOperationException(error);
        var files = await DayPlanner.DiscoverAsync(_stores.Get(_options.Source), DateOnly.ParseExact(_day, "yyyy-MM-dd"), CancellationToken.None);
        var previous = await catalog.GetPartitionAsync(_table, _day);
        await DayCompactor.TidyAsync(catalog.Warehouse, _table, _day, previous, CancellationToken.None);
        // Incremental only against a manifest of files written with the same columns; otherwise every file again.
        SourceManifest? manifest = null;
        if (!_options.Full && previous?.Lineage.ManifestKey is { } manifestKey &&
            previous.SchemaFingerprint == SchemaEvolution.Fingerprint(extractor.Schema.Columns))
            manifest = await catalog.ReadAsync<SourceManifest>(manifestKey);
        var (plan, items) = DayPlanner.Plan(_table, _day, _runId, files, manifest, _options.TargetItemBytes, _options.MaxFilesPerItem);
        var planKey = CatalogKeys.Plan(_table, _day, _runId);
        var nothingToDo = files.Count == 0 || (plan.Incremental && items.Count == 0 && plan.Removed.Count == 0);
        if (!nothingToDo) await catalog.WriteAsync(planKey, plan);
        return new Discovered(extractor, files, plan, planKey, items, previous, NothingToDo: nothingToDo, AlreadyCommitted: false);
    }

    /// <summary>The journaled run again: its plan from the warehouse, or the news that it was committed already.</summary>
    private async Task<Discovered> ResumeAsync(string planKey)
    {
        var extractor = ExtractorLoader.Get(_options.Extractor);
        var catalog = new CatalogStore(_stores.Get(_options.Warehouse));
        var previous = await catalog.GetPartitionAsync(_table, _day);
        var plan = await catalog.ReadAsync<DayPlan>(planKey);
        var committed = previous?.Lineage.RunId == _runId;
        if (plan is null && !committed) throw new InvalidOperationException($"the plan of run {_runId} ({catalog.Warehouse.Describe(planKey)}) is gone");
        plan ??= new DayPlan(_table, _day, _runId, false, null, [], []);
        var files = plan.Sources.Select(s => new SourceFileRef(s.Key, s.Size, s.Version)).ToList();
        var items = plan.ToProcess.GroupBy(s => s.Item).OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<SourceFileRef>)g.Select(s => new SourceFileRef(s.Key, s.Size, s.Version)).ToList()).ToList();
        return new Discovered(extractor, files, plan, planKey, items, previous, NothingToDo: false, AlreadyCommitted: committed);
    }

    private void OnDiscovered(Discovered d)
    {
        _discovered = d;
        var status = _status with
        {
            Files = d.Files.Count,
            FilesToProcess = d.Items.Sum(i => i.Count),
            FilesRemoved = d.Plan.Removed.Count,
            Incremental = d.Plan.Incremental,
            InputBytes = d.Items.Sum(i => i.Sum(f => f.Size)),
            ItemsTotal = d.Items.Count,
        };
        if (d.AlreadyCommitted)
        {
            // The coordinator stopped between the commit and recording it: nothing to redo.
            Finish(status with { State = DayState.Committed, CommittedRows = d.Previous!.Rows, OutputFiles = d.Previous.Files.Count, Version = d.Previous.Version });
            return;
        }
        if (d.Files.Count == 0)
        {
            // Nothing to read is not an error, and it never empties a committed partition.
            Finish(status with { State = DayState.Empty });
            return;
        }
        if (d.NothingToDo)
        {
            _log.Info("{0} {1}: no new or changed files", _table, _day);
            Finish(status with { State = DayState.Committed, CommittedRows = d.Previous!.Rows, OutputFiles = d.Previous.Files.Count, Version = d.Previous.Version });
            return;
        }
        if (_plannedKey is null) Persist(new DayPlanned(d.PlanKey), e => _plannedKey = e.PlanKey);
        var toDo = new List<ItemState>();
        for (var i = 0; i < d.Items.Count; i++)
        {
            var item = new WorkItem($"{_table}|{_day}|{_runId}|{i:D5}", _table, _day, _runId, i, _options.Source, d.Items[i], _options.Warehouse,
                _options.Extractor, Math.Min(_options.MaxRowsPerFile, WorkItemDefaults.RowGroupMaxRows));
            var state = new ItemState(item);
            _items.Add(item.ItemId, state);
            if (_recovered.TryGetValue(i, out var result))
            {
                state.Result = result;
                status = Counted(status, state, result);
            }
            else
            {
                toDo.Add(state);
            }
        }
        // A resumed run with finished items goes on without the versions pass: it is only an optimisation.
        if (_options.VersionPass && _options.Deduplicate && d.Extractor.KeyColumn is not null && d.Extractor.Extractor is IRecordVersionReader &&
            !d.Plan.Incremental && _recovered.Count == 0 && toDo.Count > 0)
            StartVersionPass(toDo);
        else
            foreach (var state in toDo) _pending.Enqueue(state);
        _log.Info("{0} {1}: {2} files, {3} to process in {4} items ({5} done), {6} removed",
            [_table, _day, d.Files.Count, status.FilesToProcess, d.Items.Count, _recovered.Count, d.Plan.Removed.Count]);
        Publish(status with { State = DayState.Processing });
        Continue();
    }

    private void Dispatch()
    {
        while (_inFlight < _settings.MaxItemsInFlight && _pending.TryDequeue(out var item))
        {
            item.InFlight = true;
            _inFlight++;
            Send(item);
        }
    }

    private void Send(ItemState item)
    {
        item.Attempt++;
        item.Node = null;
        _workItems.Tell(new ProcessWorkItem(item.Item, item.Attempt, Self));
        Timers.StartSingleTimer(item.Item.ItemId, new Resend(item.Item.ItemId, item.Attempt, Failed: false, "not started"), _settings.StartTimeout);
    }

    private void OnStarted(WorkItemStarted m)
    {
        if (!TryFind(m.ItemId, out var item) || !item.InFlight) return;
        item.Node = m.Node;
        Timers.StartSingleTimer(item.Item.ItemId, new Resend(item.Item.ItemId, item.Attempt, Failed: true, "timed out"), _settings.ItemTimeout);
    }

    private void OnCompleted(WorkItemCompleted m)
    {
        if (!TryFind(m.ItemId, out var item) || item.Result is not null || item.GaveUp) return;
        if (item.Item.Pass == WorkItemPass.Versions)
        {
            item.Result = m.Result;
            ItemDone(item);
            VersionItemDone();
            return;
        }
        // Any attempt's result is good: the part's key is the same for every attempt.
        Context.Parent.Tell(new ItemMeasured(m.Result.Node, m.Result.Lines, m.Result.Rows, m.Result.Rejected, m.Result.InputBytes, m.Result.Seconds));
        Persist(new ItemSucceeded(item.Item.Index, m.Result), e =>
        {
            if (item.Result is not null) return;
            item.Result = e.Result;
            ItemDone(item);
            Publish(Counted(_status, item, e.Result));
            Continue();
        });
    }

    private static DayStatus Counted(DayStatus status, ItemState item, ItemResult r) => status with
    {
        ItemsDone = status.ItemsDone + 1,
        FilesDone = status.FilesDone + item.Item.Files.Count,
        BytesDone = status.BytesDone + r.InputBytes,
        Lines = status.Lines + r.Lines,
        Rows = status.Rows + r.Rows,
        Rejected = status.Rejected + r.Rejected,
        FieldErrors = status.FieldErrors + r.FieldErrors,
    };

    private void OnFailed(WorkItemFailed m)
    {
        if (!TryFind(m.ItemId, out var item) || item.Result is not null || item.GaveUp || m.Attempt != item.Attempt) return;
        if (item.Item.Pass == WorkItemPass.Versions)
        {
            ItemDone(item);
            AbandonVersionPass($"item {item.Item.Index} failed on {m.Node}: {m.Error}");
            return;
        }
        item.LastError = m.Error;
        item.Failures++;
        Context.Parent.Tell(new ErrorReported(new ErrorEntry(DateTimeOffset.UtcNow, _table, _day,
            $"item {item.Item.Index} attempt {item.Attempt}: {m.Error}", m.Node)));
        ItemDone(item);
        if (item.Failures < _options.MaxAttempts)
        {
            var backoff = TimeSpan.FromTicks(Math.Min(_settings.MaxRetryBackoff.Ticks, _settings.RetryBackoff.Ticks << (item.Failures - 1)));
            _log.Warning("{0} {1}: item {2} attempt {3} failed on {4}, retrying in {5}: {6}", [_table, _day, item.Item.Index, item.Attempt, m.Node, backoff, m.Error]);
            Timers.StartSingleTimer(item.Item.ItemId, new Retry(item.Item.ItemId), backoff);
            Dispatch();
            return;
        }
        item.GaveUp = true;
        var failedFiles = _status.FailedFiles.Concat(item.Item.Files.Select(f => f.Key)).ToList();
        var error = $"item {item.Item.Index} ({item.Item.Files.Count} files) failed after {item.Failures} attempts: {m.Error}";
        Publish(_status with { ItemsFailed = _status.ItemsFailed + 1, FailedFiles = failedFiles, Error = error });
        if (!_options.AllowPartial)
        {
            Fail(error);
            return;
        }
        Continue();
    }

    private void OnHandedBack(WorkItemHandedBack m)
    {
        if (!TryFind(m.ItemId, out var item) || item.Result is not null || item.GaveUp || !item.InFlight) return;
        _log.Info("{0} {1}: item {2} handed back by {3}", _table, _day, item.Item.Index, m.Node);
        Send(item);
    }

    private void OnMemberRemoved(ClusterEvent.MemberRemoved removed)
    {
        var node = removed.Member.Address.ToString();
        foreach (var item in AllItems.Where(i => i.InFlight && i.Result is null && (i.Node == node || i.Node is null)).ToList())
        {
            _log.Warning("{0} {1}: {2} left with item {3}, sending it again", _table, _day, node, item.Item.Index);
            Send(item);
        }
    }

    private void OnRetry(Retry r)
    {
        if (!TryFind(r.ItemId, out var item) || item.Result is not null || item.GaveUp || item.InFlight) return;
        _pending.Enqueue(item);
        Dispatch();
    }

    private void OnResend(Resend r)
    {
        if (!TryFind(r.ItemId, out var item) || item.Result is not null || item.GaveUp || !item.InFlight || r.Attempt != item.Attempt) return;
        if (r.Failed)
            OnFailed(new WorkItemFailed(r.ItemId, r.Attempt, r.Reason, item.Node ?? "unknown"));
        else
            Send(item);
    }

    private void Continue()
    {
        Dispatch();
        if (_items.Values.Any(i => i.Result is null && !i.GaveUp)) return;
        var parts = _items.Values
            .Where(i => i.Result is not null)
            .OrderBy(i => i.Item.Index)
            .Select(i => new PartRef(i.Result!.PartKey ?? "", i.Result.Rows, i.Result.PartBytes, i.Item.Index, i.Result.Node, Math.Max(i.Attempt, 1),
                i.VersionsKnown ? i.Item.SupersededKey is not null : null))
            .ToList();
        Publish(_status with { State = DayState.Compacting });
        var d = _discovered!;
        var lineage = new PartitionLineage(_status.Files, d.Files.Sum(f => f.Size), _status.Lines, _status.Rejected, 0, _runId, null);
        _compaction.Tell(new CompactDay(_table, _day, _runId, _options.Warehouse, d.Extractor.Schema.Columns, d.Extractor.KeyColumn,
            d.Extractor.Spec.ToString(), parts, d.PlanKey, d.Plan.Incremental, _options.MaxRowsPerFile, _options.Deduplicate, lineage,
            _options.GlueDatabase, Self));
    }

    private IEnumerable<ItemState> AllItems => _items.Values.Concat(_versionItems.Values);

    private bool TryFind(string itemId, out ItemState item) =>
        _items.TryGetValue(itemId, out item!) || _versionItems.TryGetValue(itemId, out item!);

    private void StartVersionPass(List<ItemState> rowItems)
    {
        _awaitingVersions = rowItems;
        _versionsStarted = DateTimeOffset.UtcNow;
        foreach (var rows in rowItems)
        {
            var versions = new ItemState(rows.Item with { ItemId = rows.Item.ItemId + "|versions", Pass = WorkItemPass.Versions });
            _versionItems.Add(versions.Item.ItemId, versions);
            _pending.Enqueue(versions);
        }
        _log.Info("{0} {1}: versions pass over {2} items", _table, _day, rowItems.Count);
    }

    private void VersionItemDone()
    {
        Dispatch();
        if (_awaitingVersions is null || _versionItems.Values.Any(i => i.Result is null)) return;
        var scanned = _versionItems.Values.OrderBy(i => i.Item.Index)
            .Select(i => new ScannedItem(i.Item, i.Result!.PartKey!, i.Result.Rows)).ToList();
        var warehouse = _stores.Get(_options.Warehouse);
        var scratch = Path.Combine(warehouse.ScratchDirectory, $"superseded-{_table}-{_day}-{_runId}");
        SupersededRecords.FindAsync(warehouse, scanned, scratch, CancellationToken.None)
            .PipeTo(Self, success: keys => new SupersededFound(keys), failure: e => new VersionPassAbandoned("finding superseded records failed: " + e.GetBaseException().Message));
    }

    private void OnSupersededFound(SupersededFound found)
    {
        if (_awaitingVersions is not { } rowItems) return;
        _awaitingVersions = null;
        foreach (var rows in rowItems)
        {
            if (found.Keys.TryGetValue(rows.Item.Index, out var key)) rows.Item = rows.Item with { SupersededKey = key };
            rows.VersionsKnown = true;
            _pending.Enqueue(rows);
        }
        var seconds = (DateTimeOffset.UtcNow - _versionsStarted).TotalSeconds;
        _log.Info("{0} {1}: versions pass done in {2:0.00}s, superseded records in {3} of {4} items", [_table, _day, seconds, found.Keys.Count, rowItems.Count]);
        Publish(_status with { VersionPassSeconds = seconds });
        Continue();
    }

    /// <summary>The versions pass only saves compaction work: when it cannot finish, the rows pass runs without it.</summary>
    private void AbandonVersionPass(string reason)
    {
        if (_awaitingVersions is not { } rowItems) return;
        _awaitingVersions = null;
        _log.Warning("{0} {1}: versions pass abandoned, extracting without it: {2}", _table, _day, reason);
        foreach (var versions in _versionItems.Values.Where(i => i.InFlight))
        {
            _workItems.Tell(new CancelWorkItem(versions.Item.ItemId));
            ItemDone(versions);
        }
        var waiting = _pending.Where(i => i.Item.Pass == WorkItemPass.Rows).ToList();
        _pending.Clear();
        foreach (var rows in waiting.Concat(rowItems)) _pending.Enqueue(rows);
        Continue();
    }

    private void ItemDone(ItemState item)
    {
        if (!item.InFlight) return;
        item.InFlight = false;
        _inFlight--;
        Timers.Cancel(item.Item.ItemId);
    }

    private void OnCommitted(DayCommitted c) => Finish(_status with
    {
        State = DayState.Committed,
        CommittedRows = c.Partition.Rows,
        OutputFiles = c.Partition.Files.Count,
        DuplicatesDropped = c.Partition.Lineage.DuplicatesDropped,
        Version = c.Partition.Version,
        Warning = c.Warning,
        CompactionSeconds = c.Seconds,
        RowGroupsCopied = c.RowGroupsCopied,
        RowGroupsRewritten = c.RowGroupsRewritten,
        EarlyCopy = c.EarlyCopy,
    });

    private void Fail(string error)
    {
        _log.Error("{0} {1} failed: {2}", (object)_table, (object)_day, (object)error);
        Finish(_status with { State = DayState.Failed, Error = error });
    }

    /// <summary>Reports the end. A committed run's journal is of no further use; a failed one stays for a retry.</summary>
    private void Finish(DayStatus status)
    {
        Publish(status with { FinishedAt = DateTimeOffset.UtcNow });
        foreach (var item in AllItems) Timers.Cancel(item.Item.ItemId);
        Become(Finished);
        if (status.State is DayState.Committed or DayState.Empty && LastSequenceNr > 0) DeleteMessages(LastSequenceNr);
        else Context.Stop(Self);
    }

    private void Finished()
    {
        Command<DeleteMessagesSuccess>(_ => Context.Stop(Self));
        Command<DeleteMessagesFailure>(f =>
        {
            _log.Warning("could not delete the journal of {0}: {1}", PersistenceId, f.Cause.Message);
            Context.Stop(Self);
        });
        CommandAny(_ => { });
    }

    private void Publish(DayStatus status)
    {
        _status = status;
        Context.Parent.Tell(new DayUpdated(status));
    }

    private sealed record Discovered(LoadedExtractor Extractor, IReadOnlyList<SourceFileRef> Files, DayPlan Plan, string PlanKey,
        IReadOnlyList<IReadOnlyList<SourceFileRef>> Items, PartitionEntry? Previous, bool NothingToDo, bool AlreadyCommitted);

    /// <summary>Send an item again: a failed attempt (counted) or an unanswered one (not counted).</summary>
    private sealed record Resend(string ItemId, int Attempt, bool Failed, string Reason);

    private sealed record Retry(string ItemId);

    private sealed record SupersededFound(IReadOnlyDictionary<int, string> Keys);

    private sealed record VersionPassAbandoned(string Reason);

    private sealed class ItemState(WorkItem item)
    {
        public WorkItem Item { get; set; } = item;
        public int Attempt { get; set; }
        public int Failures { get; set; }
        public bool InFlight { get; set; }
        public bool GaveUp { get; set; }
        public string? Node { get; set; }
        public string? LastError { get; set; }
        public ItemResult? Result { get; set; }
        /// <summary>The versions pass decided this item's superseded records (none, or those in <see cref="WorkItem.SupersededKey"/>).</summary>
        public bool VersionsKnown { get; set; }
    }
}
