using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using static AkkaEtl.Messages.WorkProtocol;

namespace AkkaEtl.Worker;

/// <summary>
/// The sharded entity for one work item. It runs the item's stream without blocking (the result comes back with
/// PipeTo), tells the coordinator where it runs and how it ended, and keeps that result until sharding passivates
/// it when idle: a coordinator that restarted and sends the item again gets the result instead of a second run.
/// When its node leaves, sharding hands the entity off: the running item is stopped and handed back.
/// </summary>
public sealed class WorkItemEntity : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly WorkItemPipeline _pipeline;
    private readonly VersionPass _versions;
    private readonly WorkerSlots _slots;
    private readonly string _node;
    private readonly CancellationTokenSource _cts = new();
    private ProcessWorkItem? _current;
    private WorkItemCompleted? _completed;

    public WorkItemEntity(WorkItemPipeline pipeline, VersionPass versions, WorkerSlots slots, string node)
    {
        _pipeline = pipeline;
        _versions = versions;
        _slots = slots;
        _node = node;
        Receive<ProcessWorkItem>(Start);
        Receive<Finished>(OnFinished);
        Receive<HandOff>(_ => OnHandOff());
        Receive<CancelWorkItem>(_ =>
        {
            _cts.Cancel();
            _current = null;
            Context.Parent.Tell(new Akka.Cluster.Sharding.Passivate(HandOff.Instance));
        });
        Receive<ReceiveTimeout>(_ => Context.Parent.Tell(new Akka.Cluster.Sharding.Passivate(HandOff.Instance)));
    }

    /// <summary>How long a finished item's result is kept for a coordinator that asks again.</summary>
    public static TimeSpan KeepResultFor { get; set; } = TimeSpan.FromMinutes(2);

    public static Props Props(WorkItemPipeline pipeline, VersionPass versions, WorkerSlots slots, string node) =>
        Akka.Actor.Props.Create(() => new WorkItemEntity(pipeline, versions, slots, node));

    private void Start(ProcessWorkItem msg)
    {
        if (_completed is not null)
        {
            msg.ReplyTo.Tell(_completed);
            return;
        }
        if (_current is not null)
        {
            // Already on it (the coordinator sent it again, or moved): the result goes to the latest sender.
            _current = _current with { ReplyTo = msg.ReplyTo, Attempt = msg.Attempt };
            msg.ReplyTo.Tell(new WorkItemStarted(msg.Item.ItemId, msg.Attempt, _node));
            return;
        }
        _current = msg;
        // Accepted here: the coordinator now waits for the item's end, not for a start. An item waiting for a slot
        // is not "not started": sent again, it would only come back to this entity.
        msg.ReplyTo.Tell(new WorkItemStarted(msg.Item.ItemId, msg.Attempt, _node));
        Context.SetReceiveTimeout(null);
        var materializer = Context.Materializer();
        RunAsync(msg, materializer, _cts.Token).PipeTo(Self);
    }

    private async Task<Finished> RunAsync(ProcessWorkItem msg, IMaterializer materializer, CancellationToken ct)
    {
        try
        {
            using var slot = await _slots.AcquireAsync(ct);
            _log.Info("item {0} attempt {1} started", msg.Item.ItemId, msg.Attempt);
            await Common.FaultInjection.DelayAsync("slow-items", TimeSpan.FromSeconds(2), ct);
            var result = msg.Item.Pass == Messages.WorkItemPass.Versions
                ? await _versions.RunAsync(msg.Item, _node, materializer, ct)
                : await _pipeline.RunAsync(msg.Item, _node, materializer, ct);
            _log.Info("item {0} attempt {1} finished: {2} rows in {3:0.0}s", msg.Item.ItemId, msg.Attempt, result.Rows, result.Seconds);
            return new Finished(new WorkItemCompleted(msg.Item.ItemId, msg.Attempt, result));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return new Finished(null);
        }
        catch (Exception e)
        {
            var error = e is AggregateException { InnerException: { } inner } ? inner : e;
            return new Finished(new WorkItemFailed(msg.Item.ItemId, msg.Attempt, error.Message, _node));
        }
    }

    private void OnFinished(Finished f)
    {
        var latest = _current;
        _current = null;
        // Reported as the attempt the coordinator sent last (it ignores outcomes of attempts it no longer waits for).
        var outcome = (f.Outcome, latest) switch
        {
            (WorkItemCompleted c, not null) => c with { Attempt = latest.Attempt },
            (WorkItemFailed x, not null) => x with { Attempt = latest.Attempt },
            _ => f.Outcome,
        };
        switch (outcome)
        {
            case WorkItemCompleted completed:
                _completed = completed;
                break;
            case WorkItemFailed failed:
                _log.Warning("item {0} failed: {1}", failed.ItemId, failed.Error);
                break;
        }
        if (outcome is not null) latest?.ReplyTo.Tell(outcome);
        // Idle from now on: passivate after a while (sharding's own idle passivation is off, as it would stop long items).
        Context.SetReceiveTimeout(KeepResultFor);
    }

    /// <summary>The node is leaving: stop reading, give the item back so another node takes it, and stop.</summary>
    private void OnHandOff()
    {
        if (_current is { } current)
        {
            _cts.Cancel();
            current.ReplyTo.Tell(new WorkItemHandedBack(current.Item.ItemId, current.Attempt, _node));
        }
        Context.Stop(Self);
    }

    protected override void PostStop() => _cts.Cancel();

    private sealed record Finished(object? Outcome);

    /// <summary>Sharding's hand-off stop message for these entities.</summary>
    public sealed class HandOff
    {
        public static readonly HandOff Instance = new();
        private HandOff() { }
    }
}
