using Akka.Actor;
using AkkaEtl.Common;

namespace AkkaEtl.Messages;

public enum DayState
{
    Queued,
    Discovering,
    Processing,
    Compacting,
    Committed,
    /// <summary>No source files: not an error, nothing committed.</summary>
    Empty,
    Failed,
    Cancelled,
}

public static class DayStates
{
    public static bool IsFinal(this DayState s) => s is DayState.Committed or DayState.Empty or DayState.Failed or DayState.Cancelled;
}

/// <summary>How a day is processed. Sources and warehouses are locations (a folder or s3://bucket/prefix).</summary>
public sealed record RunOptions(string Source, string Warehouse, ExtractorSpec Extractor) : IEtlMessage
{
    /// <summary>Small files are bin-packed into items up to this many bytes; a bigger file is an item alone.</summary>
    public long TargetItemBytes { get; init; } = 64L << 20;
    public int MaxFilesPerItem { get; init; } = 1000;
    public int MaxRowsPerFile { get; init; } = 1_048_576;
    /// <summary>Commit a day even when some items failed for good (their files are named in the summary).</summary>
    public bool AllowPartial { get; init; }
    /// <summary>Reprocess every file, not only the new and changed ones.</summary>
    public bool Full { get; init; }
    public int Priority { get; init; }
    public int MaxAttempts { get; init; } = 3;
    /// <summary>Keep one row per key (the extractor's key column) a day.</summary>
    public bool Deduplicate { get; init; } = true;
    /// <summary>
    /// Before extracting a full day, read every record's key and version in a cheap pass, so that rows a later version
    /// supersedes go into row groups of their own and compaction copies the rest instead of rewriting it.
    /// </summary>
    public bool VersionPass { get; init; } = true;
    /// <summary>Also register the table and its partitions in this AWS Glue database (an s3:// warehouse only).</summary>
    public string? GlueDatabase { get; init; }
}

/// <summary>Where a day stands: what operators, the CLI and the status page see.</summary>
public sealed record DayStatus(string Table, string Day, DayState State) : IEtlMessage
{
    public int ItemsDone { get; init; }
    public int ItemsTotal { get; init; }
    public int ItemsFailed { get; init; }
    /// <summary>Source files of the day.</summary>
    public int Files { get; init; }
    /// <summary>Files this run processes: all of them, or for an incremental run the new and changed ones.</summary>
    public int FilesToProcess { get; init; }
    public int FilesDone { get; init; }
    /// <summary>Files whose rows left the partition (changed or deleted since the last commit).</summary>
    public int FilesRemoved { get; init; }
    public bool Incremental { get; init; }
    public long InputBytes { get; init; }
    public long BytesDone { get; init; }
    public long Lines { get; init; }
    public long Rows { get; init; }
    public long Rejected { get; init; }
    public long FieldErrors { get; init; }
    public long DuplicatesDropped { get; init; }
    public long CommittedRows { get; init; }
    public int OutputFiles { get; init; }
    public string? Version { get; init; }
    /// <summary>Time spent merging and committing the day (part of <see cref="Seconds"/>).</summary>
    public double CompactionSeconds { get; init; }
    /// <summary>The versions pass before extraction (part of <see cref="Seconds"/>; 0 when there was none).</summary>
    public double VersionPassSeconds { get; init; }
    /// <summary>Row groups of the parts that compaction copied encoded, and those it rewrote because they lost rows.</summary>
    public int RowGroupsCopied { get; init; }
    public int RowGroupsRewritten { get; init; }
    /// <summary>Whether compaction's copy started before it had read the keys, and was kept.</summary>
    public EarlyCopy EarlyCopy { get; init; }
    public string? Error { get; init; }
    /// <summary>Something went wrong after the commit (the Glue registration): the data is committed.</summary>
    public string? Warning { get; init; }
    public IReadOnlyList<string> FailedFiles { get; init; } = [];
    public DateTimeOffset SubmittedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    public double Seconds => StartedAt is { } s ? ((FinishedAt ?? DateTimeOffset.UtcNow) - s).TotalSeconds : 0;
    public double RecordsPerSecond => Seconds > 0 ? Lines / Seconds : 0;

    public static DayStatus Queued(string table, string day) => new(table, day, DayState.Queued);
}

public static class DayProtocol
{
    public sealed record SubmitDays(string Table, DayRange Days, RunOptions Options) : IEtlMessage;

    public sealed record SubmitAccepted(string Table, IReadOnlyList<string> Days, IReadOnlyList<string> AlreadyActive) : IEtlMessage;

    public sealed record SubmitRejected(string Reason) : IEtlMessage;

    public sealed record GetStatus(string? Table = null, DayRange? Days = null) : IEtlMessage;

    public sealed record StatusReport(IReadOnlyList<DayStatus> Days) : IEtlMessage;

    /// <summary>A day coordinator's latest status, to its parent.</summary>
    public sealed record DayUpdated(DayStatus Status) : IEtlMessage;

    public sealed record CancelDay(string Table, string Day) : IEtlMessage;

    public sealed record RetryDay(string Table, string Day) : IEtlMessage;

    public sealed record CommandResult(bool Ok, string Message) : IEtlMessage;

    /// <summary>Sends every <see cref="DayUpdated"/> to the subscriber.</summary>
    public sealed record Subscribe(IActorRef Subscriber) : IEtlMessage;

    /// <summary>A day coordinator's note of something that went wrong (an item attempt), for the recent errors.</summary>
    public sealed record ErrorReported(ErrorEntry Error) : IEtlMessage;

    public sealed record GetRecentErrors : IEtlMessage
    {
        public static readonly GetRecentErrors Instance = new();
    }

    public sealed record RecentErrors(IReadOnlyList<ErrorEntry> Errors) : IEtlMessage;

    /// <summary>A day coordinator's note of a finished item, for the metrics.</summary>
    public sealed record ItemMeasured(string Node, long Lines, long Rows, long Rejected, long Bytes, double Seconds) : IEtlMessage;

    public sealed record GetMetrics : IEtlMessage
    {
        public static readonly GetMetrics Instance = new();
    }

    public sealed record MetricsSnapshot(
        long Lines, long Rows, long Rejected, long Bytes, long ItemsDone, long ItemsFailed, int ItemsInFlight,
        IReadOnlyList<NodeMetrics> Nodes, IReadOnlyList<double> DaySeconds,
        IReadOnlyDictionary<string, int> DaysByState) : IEtlMessage;

    public sealed record NodeMetrics(string Node, long Lines, long Rows, long Bytes, long Items, double Seconds) : IEtlMessage;
}

public sealed record ErrorEntry(DateTimeOffset At, string Table, string Day, string Message, string? Node = null) : IEtlMessage;


