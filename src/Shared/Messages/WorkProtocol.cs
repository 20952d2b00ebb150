using Akka.Actor;

namespace AkkaEtl.Messages;

/// <summary>How a worker builds its extractor: the built-in with a mapping, or a user type from an assembly path.</summary>
public sealed record ExtractorSpec(string? MappingName, string? MappingYaml, string? AssemblyPath, string? TypeName)
{
    public static readonly ExtractorSpec BuiltIn = new(null, null, null, null);
    public bool IsBuiltIn => TypeName is null;
    public override string ToString() => IsBuiltIn ? $"builtin:jobs({MappingName ?? "default mapping"})" : $"{AssemblyPath}:{TypeName}";
}

public sealed record SourceFileRef(string Key, long Size, string Version);

/// <summary>
/// A unit of work: some source files of one day, processed into one part file. Its size is bounded (files are
/// bin-packed up to a target size and a file count), so messages do not grow with a day.
/// </summary>
public sealed record WorkItem(
    string ItemId,
    string Table,
    string Day,
    string RunId,
    int Index,
    string SourceRoot,
    IReadOnlyList<SourceFileRef> Files,
    string WarehouseRoot,
    ExtractorSpec Extractor,
    int RowGroupMaxRows,
    WorkItemPass Pass = WorkItemPass.Rows,
    string? SupersededKey = null) : IEtlMessage
{
    public long Bytes => Files.Sum(f => f.Size);
}

/// <summary>What an item makes of its files.</summary>
public enum WorkItemPass
{
    /// <summary>Extracted rows in a Parquet part (with <see cref="WorkItem.SupersededKey"/>: superseded rows in row groups of their own).</summary>
    Rows,
    /// <summary>Only each record's key and version (<see cref="AkkaEtl.Features.VersionEntry"/>), for finding superseded records before the rows pass.</summary>
    Versions,
}

public static class WorkItemDefaults
{
    /// <summary>Rows per row group of a part; compaction copies row groups whole, so files of the row limit need groups within it.</summary>
    public const int RowGroupMaxRows = 100_000;
}

public static class WorkProtocol
{
    /// <summary>Sent to the worker entity named <see cref="WorkItem.ItemId"/>; the result goes to <paramref name="ReplyTo"/>.</summary>
    public sealed record ProcessWorkItem(WorkItem Item, int Attempt, IActorRef ReplyTo) : IEtlMessage;

    /// <summary>Sent by a worker when it starts an item, so the coordinator knows where it runs.</summary>
    public sealed record WorkItemStarted(string ItemId, int Attempt, string Node) : IEtlMessage;

    public sealed record WorkItemCompleted(string ItemId, int Attempt, ItemResult Result) : IEtlMessage;

    public sealed record WorkItemFailed(string ItemId, int Attempt, string Error, string Node) : IEtlMessage;

    /// <summary>The item's day was cancelled: stop reading and writing it.</summary>
    public sealed record CancelWorkItem(string ItemId) : IEtlMessage;

    /// <summary>The worker's node is leaving: the item was stopped unfinished and should go elsewhere (not a failure).</summary>
    public sealed record WorkItemHandedBack(string ItemId, int Attempt, string Node) : IEtlMessage;
}

/// <summary>What one item produced. A null <see cref="PartKey"/> means no rows. For a versions pass, the part is the versions file and Rows its entries.</summary>
public sealed record ItemResult(
    long Lines,
    long BlankLines,
    long Rows,
    long Rejected,
    long FieldErrors,
    long InputBytes,
    string? PartKey,
    long PartBytes,
    string? RejectsKey,
    string Node,
    double Seconds) : IEtlMessage;
