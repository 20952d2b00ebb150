using Akka.Actor;
using Akka.Event;
using AkkaEtl.Catalog;
using AkkaEtl.Common;
using AkkaEtl.Coordinator.Compaction;
using AkkaEtl.Storage;
using static AkkaEtl.Messages.CatalogProtocol;
using static AkkaEtl.Messages.CompactionProtocol;

namespace AkkaEtl.Coordinator.Actors;

/// <summary>
/// Compacts finished days: writes the merged files, asks the catalog actor to commit them, then cleans up (the staging
/// parts in the background, see <see cref="BackgroundDeletions"/>). The work runs off the actor (PipeTo); days compact
/// independently.
/// </summary>
public sealed class CompactionActor : ReceiveActor
{
    private static readonly TimeSpan CatalogTimeout = TimeSpan.FromMinutes(2);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly DayCompactor _compactor;
    private readonly IActorRef _catalog;

    public CompactionActor(ObjectStoreProvider stores, IActorRef catalog, TimeSpan? retainReplaced)
    {
        _compactor = new DayCompactor(stores, BackgroundDeletions.Get(Context.System), retainReplaced);
        _catalog = catalog;
        Receive<CompactDay>(request => CompactAsync(request).PipeTo(request.ReplyTo,
            failure: e => new CompactionFailed(request.Table, request.Day, "compaction failed: " + e.GetBaseException().Message)));
    }

    public static Props Props(ObjectStoreProvider stores, IActorRef catalog, TimeSpan? retainReplaced) =>
        Akka.Actor.Props.Create(() => new CompactionActor(stores, catalog, retainReplaced));

    private async Task<object> CompactAsync(CompactDay request)
    {
        var ct = CancellationToken.None;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var files = await _compactor.WriteAsync(request, DayCompactor.NewVersion(), ct);
        FaultInjection.Crash("compaction-after-publish");

        var now = DateTimeOffset.UtcNow;
        var partition = new PartitionEntry(request.Table, request.Day, files.Version, files.Files, files.Rows, files.Bytes, now,
            request.Lineage with { DuplicatesDropped = files.DuplicatesDropped, ManifestKey = files.ManifestKey })
        {
            SchemaFingerprint = SchemaEvolution.Fingerprint(request.Columns),
        };
        var table = new TableEntry(request.Table, request.Table + "/", request.Columns, request.KeyColumn, request.Extractor, now, now);
        var reply = await _catalog.Ask<object>(new RegisterPartition(request.Warehouse, table, partition, request.GlueDatabase), CatalogTimeout);
        if (reply is RegistrationRefused refused)
        {
            await _compactor.DeleteNewFilesAsync(request.Warehouse, files, ct);
            return new CompactionFailed(request.Table, request.Day, refused.Reason);
        }
        FaultInjection.Crash("compaction-after-commit");
        await _compactor.CleanUpAsync(request, partition, ct);
        _log.Info("{0} {1}: {2} parts -> {3} files, {4} rows; {5} row groups copied, {6} rewritten; early copy {7}",
            [request.Table, request.Day, request.Parts.Count, files.Files.Count, files.Rows, files.RowGroupsCopied, files.RowGroupsRewritten, files.EarlyCopy]);
        var glueError = (reply as PartitionRegistered)?.GlueError;
        return new DayCommitted(request.Table, request.Day, partition, glueError is null ? null : "committed, but the Glue registration failed: " + glueError,
            watch.Elapsed.TotalSeconds, files.RowGroupsCopied, files.RowGroupsRewritten, files.EarlyCopy);
    }
}
