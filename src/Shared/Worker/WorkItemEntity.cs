using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Streams;
using static AkkaEtl.Messages.WorkProtocol;

namespace AkkaEtl.Worker;

/// <summary>
/// The sharded entity for one work item. It runs the item's stream once per attempt without blocking (the result
/// comes back with PipeTo), tells the coordinator where it runs and how it ended, then passivates.
/// </summary>
public sealed class WorkItemEntity : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly WorkItemPipeline _pipeline;
    private readonly WorkerSlots _slots;
    private readonly string _node;
    private readonly CancellationTokenSource _cts = new();
    private ProcessWorkItem? _current;

    public WorkItemEntity(WorkItemPipeline pipeline, WorkerSlots slots, string node)
    {
        _pipeline = pipeline;
        _slots = slots;
        _node = node;
        Receive<ProcessWorkItem>(Start);
        Receive<Finished>(OnFinished);
    }

    public static Props Props(WorkItemPipeline pipeline, WorkerSlots slots, string node) =>
        Akka.Actor.Props.Create(() => new WorkItemEntity(pipeline, slots, node));

    private void Start(ProcessWorkItem msg)
    {
        if (_current is not null)
        {
            // Already on it: the coordinator re-sent after a timeout. The result will carry our attempt; it is accepted.
            _log.Debug("item {0} attempt {1} arrived while attempt {2} runs", msg.Item.ItemId, msg.Attempt, _current.Attempt);
            _current = _current with { ReplyTo = msg.ReplyTo };
            return;
        }
        _current = msg;
        var materializer = Context.Materializer();
        var ct = _cts.Token;
        RunAsync(msg, materializer, ct).PipeTo(Self);
    }

    private async Task<Finished> RunAsync(ProcessWorkItem msg, IMaterializer materializer, CancellationToken ct)
    {
        try
        {
            using var slot = await _slots.AcquireAsync(ct);
            msg.ReplyTo.Tell(new WorkItemStarted(msg.Item.ItemId, msg.Attempt, _node));
            var result = await _pipeline.RunAsync(msg.Item, _node, materializer, ct);
            return new Finished(new WorkItemCompleted(msg.Item.ItemId, msg.Attempt, result));
        }
        catch (Exception e)
        {
            var error = e is AggregateException { InnerException: { } inner } ? inner : e;
            return new Finished(new WorkItemFailed(msg.Item.ItemId, msg.Attempt, error.Message, _node));
        }
    }

    private void OnFinished(Finished f)
    {
        var replyTo = _current?.ReplyTo;
        _current = null;
        if (f.Outcome is WorkItemFailed failed) _log.Warning("item {0} failed: {1}", failed.ItemId, failed.Error);
        replyTo?.Tell(f.Outcome);
        Context.Parent.Tell(new Passivate(PoisonPill.Instance));
    }

    protected override void PostStop()
    {
        // Stopped mid-item (hand-off, shutdown): stop reading; the coordinator re-sends the item.
        _cts.Cancel();
    }

    private sealed record Finished(object Outcome);
}
