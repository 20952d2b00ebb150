using Akka.Actor;
using Akka.Event;
using AkkaEtl.Catalog;
using AkkaEtl.Coordinator.Compaction;
using AkkaEtl.Features;
using AkkaEtl.Messages;
using AkkaEtl.Storage;
using static AkkaEtl.Messages.CompactionProtocol;
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
}

/// <summary>
/// Runs one (table, day): discovers its files, groups them into work items, sends them to the sharded workers with
/// a bounded window, retries failures with backoff, and hands the finished parts to compaction. Reports every
/// change of its status to its parent.
/// </summary>
public sealed class DayCoordinator : ReceiveActor, IWithTimers
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
    private readonly Queue<ItemState> _pending = new();
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

        Receive<Discovered>(OnDiscovered);
        Receive<Status.Failure>(f => Fail(f.Cause is { } e ? e.GetBaseException().Message : "discovery failed"));
        Receive<WorkItemStarted>(OnStarted);
        Receive<WorkItemCompleted>(OnCompleted);
        Receive<WorkItemFailed>(OnFailed);
        Receive<Resend>(OnResend);
        Receive<DayCommitted>(OnCommitted);
        Receive<CompactionFailed>(f => Fail(f.Error));
        Receive<CancelDay>(_ => Finish(_status with { State = DayState.Cancelled, Error = "cancelled" }));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string table, string day, RunOptions options, string runId, IActorRef workItems, IActorRef compaction,
        ObjectStoreProvider stores, DayCoordinatorSettings settings, DayStatus status) =>
        Akka.Actor.Props.Create(() => new DayCoordinator(table, day, options, runId, workItems, compaction, stores, settings, status));

    protected override void PreStart()
    {
        Publish(_status with { State = DayState.Discovering, StartedAt = DateTimeOffset.UtcNow });
        DiscoverAsync().PipeTo(Self);
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
        return new Discovered(extractor, files, plan, planKey, items, previous);
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
        if (d.Files.Count == 0)
        {
            // Nothing to read is not an error, and it never empties a committed partition.
            Finish(status with { State = DayState.Empty });
            return;
        }
        if (d.Plan.Incremental && d.Items.Count == 0 && d.Plan.Removed.Count == 0)
        {
            _log.Info("{0} {1}: no new or changed files", _table, _day);
            Finish(status with
            {
                State = DayState.Committed,
                CommittedRows = d.Previous!.Rows,
                OutputFiles = d.Previous.Files.Count,
                Version = d.Previous.Version,
            });
            return;
        }
        for (var i = 0; i < d.Items.Count; i++)
        {
            var item = new WorkItem($"{_table}|{_day}|{_runId}|{i:D5}", _table, _day, _runId, i, _options.Source, d.Items[i], _options.Warehouse,
                _options.Extractor, Math.Min(_options.MaxRowsPerFile, WorkItemDefaults.RowGroupMaxRows));
            var state = new ItemState(item);
            _items.Add(item.ItemId, state);
            _pending.Enqueue(state);
        }
        _log.Info("{0} {1}: {2} files, {3} to process in {4} items, {5} removed", [_table, _day, d.Files.Count, status.FilesToProcess, d.Items.Count, d.Plan.Removed.Count]);
        Publish(status with { State = DayState.Processing });
        Continue();
    }

    private void Dispatch()
    {
        while (_inFlight < _settings.MaxItemsInFlight && _pending.TryDequeue(out var item))
        {
            item.Attempt++;
            item.InFlight = true;
            _inFlight++;
            _workItems.Tell(new ProcessWorkItem(item.Item, item.Attempt, Self));
            Timers.StartSingleTimer(item.Item.ItemId, new Resend(item.Item.ItemId, item.Attempt, "timed out"), _settings.ItemTimeout);
        }
    }

    private void OnStarted(WorkItemStarted m)
    {
        if (_items.TryGetValue(m.ItemId, out var item)) item.Node = m.Node;
    }

    private void OnCompleted(WorkItemCompleted m)
    {
        if (!_items.TryGetValue(m.ItemId, out var item) || item.Result is not null || item.GaveUp) return;
        // Any attempt's result is good: the part's key is the same for every attempt.
        item.Result = m.Result;
        ItemDone(item);
        var r = m.Result;
        Publish(_status with
        {
            ItemsDone = _status.ItemsDone + 1,
            FilesDone = _status.FilesDone + item.Item.Files.Count,
            BytesDone = _status.BytesDone + r.InputBytes,
            Lines = _status.Lines + r.Lines,
            Rows = _status.Rows + r.Rows,
            Rejected = _status.Rejected + r.Rejected,
            FieldErrors = _status.FieldErrors + r.FieldErrors,
        });
        Continue();
    }

    private void OnFailed(WorkItemFailed m)
    {
        if (!_items.TryGetValue(m.ItemId, out var item) || item.Result is not null || item.GaveUp || m.Attempt != item.Attempt) return;
        item.LastError = m.Error;
        ItemDone(item);
        if (item.Attempt < _options.MaxAttempts)
        {
            var backoff = TimeSpan.FromTicks(Math.Min(_settings.MaxRetryBackoff.Ticks, _settings.RetryBackoff.Ticks << (item.Attempt - 1)));
            _log.Warning("{0} {1}: item {2} attempt {3} failed on {4}, retrying in {5}: {6}", [_table, _day, item.Item.Index, item.Attempt, m.Node, backoff, m.Error]);
            Timers.StartSingleTimer(item.Item.ItemId, new Resend(item.Item.ItemId, item.Attempt, null), backoff);
            Dispatch();
            return;
        }
        item.GaveUp = true;
        var failedFiles = _status.FailedFiles.Concat(item.Item.Files.Select(f => f.Key)).ToList();
        var error = $"item {item.Item.Index} ({item.Item.Files.Count} files) failed after {item.Attempt} attempts: {m.Error}";
        Publish(_status with { ItemsFailed = _status.ItemsFailed + 1, FailedFiles = failedFiles, Error = error });
        if (!_options.AllowPartial)
        {
            Fail(error);
            return;
        }
        Continue();
    }

    private void OnResend(Resend r)
    {
        if (!_items.TryGetValue(r.ItemId, out var item) || item.Result is not null || item.GaveUp || r.Attempt != item.Attempt) return;
        if (r.Reason is not null)
        {
            // Timed out while in flight: count it as a failed attempt.
            OnFailed(new WorkItemFailed(r.ItemId, r.Attempt, r.Reason, item.Node ?? "unknown"));
            return;
        }
        _pending.Enqueue(item);
        Dispatch();
    }

    private void ItemDone(ItemState item)
    {
        if (!item.InFlight) return;
        item.InFlight = false;
        _inFlight--;
        Timers.Cancel(item.Item.ItemId);
    }

    private void Continue()
    {
        Dispatch();
        if (_items.Values.Any(i => i.Result is null && !i.GaveUp)) return;
        var parts = _items.Values
            .Where(i => i.Result?.PartKey is not null)
            .OrderBy(i => i.Item.Index)
            .Select(i => new PartRef(i.Result!.PartKey!, i.Result.Rows, i.Result.PartBytes, i.Item.Index))
            .ToList();
        Publish(_status with { State = DayState.Compacting });
        var d = _discovered!;
        var lineage = new PartitionLineage(_status.Files, d.Files.Sum(f => f.Size), _status.Lines, _status.Rejected, 0, _runId, null);
        _compaction.Tell(new CompactDay(_table, _day, _runId, _options.Warehouse, d.Extractor.Schema.Columns, d.Extractor.KeyColumn,
            d.Extractor.Spec.ToString(), parts, d.PlanKey, d.Plan.Incremental, _options.MaxRowsPerFile, _options.Deduplicate, lineage,
            _options.GlueDatabase, Self));
    }

    private void OnCommitted(DayCommitted c)
    {
        Finish(_status with
        {
            State = DayState.Committed,
            CommittedRows = c.Partition.Rows,
            OutputFiles = c.Partition.Files.Count,
            DuplicatesDropped = c.Partition.Lineage.DuplicatesDropped,
            Version = c.Partition.Version,
            Warning = c.Warning,
        });
    }

    private void Fail(string error)
    {
        _log.Error("{0} {1} failed: {2}", (object)_table, (object)_day, (object)error);
        Finish(_status with { State = DayState.Failed, Error = error });
    }

    private void Finish(DayStatus status)
    {
        Publish(status with { FinishedAt = DateTimeOffset.UtcNow });
        Context.Stop(Self);
    }

    private void Publish(DayStatus status)
    {
        _status = status;
        Context.Parent.Tell(new DayUpdated(status));
    }

    private sealed record Discovered(LoadedExtractor Extractor, IReadOnlyList<SourceFileRef> Files, DayPlan Plan, string PlanKey,
        IReadOnlyList<IReadOnlyList<SourceFileRef>> Items, PartitionEntry? Previous);

    private sealed record Resend(string ItemId, int Attempt, string? Reason);

    private sealed class ItemState(WorkItem item)
    {
        public WorkItem Item { get; } = item;
        public int Attempt { get; set; }
        public bool InFlight { get; set; }
        public bool GaveUp { get; set; }
        public string? Node { get; set; }
        public string? LastError { get; set; }
        public ItemResult? Result { get; set; }
    }
}
