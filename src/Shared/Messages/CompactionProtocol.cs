using Akka.Actor;
using AkkaEtl.Catalog;
using AkkaEtl.Features;

namespace AkkaEtl.Messages;

/// <summary>A finished item's part, with the node that wrote it and the attempt that did.</summary>
public sealed record PartRef(string Key, long Rows, long Bytes, int ItemIndex, string? Node = null, int Attempts = 1);

public static class CompactionProtocol
{
    /// <summary>
    /// Merge a day's new parts (and, when incremental, the committed files minus the rows of changed and deleted
    /// sources) into a new version of the partition, deduplicated on the key column, and commit it through the catalog.
    /// </summary>
    public sealed record CompactDay(
        string Table,
        string Day,
        string RunId,
        string Warehouse,
        IReadOnlyList<ColumnSpec> Columns,
        string? KeyColumn,
        string Extractor,
        IReadOnlyList<PartRef> Parts,
        string PlanKey,
        bool Incremental,
        int MaxRowsPerFile,
        bool Deduplicate,
        PartitionLineage Lineage,
        string? GlueDatabase,
        IActorRef ReplyTo) : IEtlMessage;

    /// <param name="Warning">set when the partition is committed but a later step (Glue) failed.</param>
    /// <param name="RowGroupsCopied">the parts' row groups copied encoded; <paramref name="RowGroupsRewritten"/>: those that lost rows.</param>
    public sealed record DayCommitted(string Table, string Day, PartitionEntry Partition, string? Warning = null, double Seconds = 0,
        int RowGroupsCopied = 0, int RowGroupsRewritten = 0) : IEtlMessage;

    public sealed record CompactionFailed(string Table, string Day, string Error) : IEtlMessage;
}

public static class CatalogProtocol
{
    /// <summary>Registers or updates the table, then commits the partition: the one atomic write readers see.</summary>
    public sealed record RegisterPartition(string Warehouse, TableEntry Table, PartitionEntry Partition, string? GlueDatabase = null) : IEtlMessage;

    /// <param name="GlueError">the partition is committed, but registering it in Glue failed.</param>
    public sealed record PartitionRegistered(PartitionEntry Partition, PartitionEntry? Previous, string? GlueError = null) : IEtlMessage;

    public sealed record RegistrationRefused(string Table, string Day, string Reason) : IEtlMessage;
}
