using Akka.Actor;
using Akka.Event;
using AkkaEtl.Catalog;
using AkkaEtl.Glue;
using AkkaEtl.Storage;
using static AkkaEtl.Messages.CatalogProtocol;

namespace AkkaEtl.Coordinator.Actors;

/// <summary>
/// Registers tables and commits partitions, one request at a time so that no two writers race on a table entry.
/// The partition write is the commit: before it readers see the previous version, after it the new one.
/// </summary>
public sealed class CatalogActor : ReceiveActor, IWithStash
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ObjectStoreProvider _stores;
    private GlueClient? _glue;

    public CatalogActor(ObjectStoreProvider stores)
    {
        _stores = stores;
        Become(Idle);
    }

    public IStash Stash { get; set; } = null!;

    public static Props Props(ObjectStoreProvider stores) => Akka.Actor.Props.Create(() => new CatalogActor(stores));

    private void Idle()
    {
        Receive<RegisterPartition>(r =>
        {
            var replyTo = Sender;
            RegisterAsync(r).PipeTo(Self, replyTo, success: reply => new Done(reply, replyTo),
                failure: e => new Done(new RegistrationRefused(r.Table.Name, r.Partition.Day, e.GetBaseException().Message), replyTo));
            Become(Busy);
        });
    }

    private void Busy()
    {
        Receive<Done>(d =>
        {
            d.ReplyTo.Tell(d.Reply);
            Stash.UnstashAll();
            Become(Idle);
        });
        ReceiveAny(_ => Stash.Stash());
    }

    private async Task<object> RegisterAsync(RegisterPartition r)
    {
        var catalog = new CatalogStore(_stores.Get(r.Warehouse));
        var existing = await catalog.GetTableAsync(r.Table.Name);
        if (existing is not null && SchemaEvolution.Incompatibility(r.Table.Name, existing.Columns, r.Table.Columns) is { } error)
            return new RegistrationRefused(r.Table.Name, r.Partition.Day, error);
        var table = existing is null
            ? r.Table
            : existing with
            {
                Columns = SchemaEvolution.Merge(existing.Columns, r.Table.Columns),
                KeyColumn = r.Table.KeyColumn,
                Extractor = r.Table.Extractor,
                UpdatedAt = r.Table.UpdatedAt,
            };
        if (existing is null || !table.Columns.SequenceEqual(existing.Columns) || table.Extractor != existing.Extractor)
            await catalog.PutTableAsync(table);
        var previous = await catalog.GetPartitionAsync(r.Partition.Table, r.Partition.Day);
        await catalog.PutPartitionAsync(r.Partition);
        _log.Info("committed {0} {1}: {2} rows in {3} files", r.Partition.Table, r.Partition.Day, r.Partition.Rows, r.Partition.Files.Count);
        return new PartitionRegistered(r.Partition, previous, r.GlueDatabase is null ? null : await RegisterInGlueAsync(r, table));
    }

    /// <summary>What awswrangler's store_parquet_metadata does: database, table, partition. Null on success.</summary>
    private async Task<string?> RegisterInGlueAsync(RegisterPartition r, TableEntry table)
    {
        try
        {
            _glue ??= new GlueClient(GlueSettings.FromEnvironment());
            var location = r.Warehouse.TrimEnd('/') + "/" + table.Location;
            var result = await new GlueTableRegistrar(_glue).RegisterAsync(r.GlueDatabase!, table.Name, location, table.Columns, [r.Partition.Day]);
            _log.Info("Glue {0}.{1}: table {2}, {3} partition(s) created", result.Database, result.Table, result.TableChange, result.PartitionsCreated);
            return null;
        }
        catch (Exception e) when (e is GlueException or HttpRequestException or ArgumentException or InvalidOperationException)
        {
            _log.Error(e, "Glue registration of {0} {1} failed", r.Table.Name, r.Partition.Day);
            return e.Message;
        }
    }

    protected override void PostStop() => _glue?.Dispose();

    private sealed record Done(object Reply, IActorRef ReplyTo);
}
