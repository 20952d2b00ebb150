using Akka.Actor;
using AkkaEtl.Catalog;
using AkkaEtl.Features;

namespace AkkaEtl.Messages;

/// <summary>A finished item's part, with the node that wrote it and the attempt that did.</summary>
/// <param name="SupersededLast">
/// Known when the versions pass ran for the part's item: true when its superseded rows were routed to the part's last
/// row group (see PartRowGroups), false when it had none. Compaction starts copying on that basis while it checks.
/// </param>
public sealed record PartRef(string Key, long Rows, long Bytes, int ItemIndex, string? Node = null, int Attempts = 1, bool? SupersededLast = null);

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
        int RowGroupsCopied = 0, int RowGroupsRewritten = 0, EarlyCopy EarlyCopy = EarlyCopy.NotTried) : IEtlMessage;

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

/// <summary>What became of a compaction's early copy.</summary>
public enum EarlyCopy
{
    /// <summary>Not every part's superseded rows were known (no versions pass, an incremental run, a retried coordinator).</summary>
    NotTried,
    /// <summary>The selection agreed with it: its files are the output.</summary>
    Used,
    /// <summary>The selection differed (the versions reader and extraction disagreed on a record): merged again.</summary>
    Discarded,
}
