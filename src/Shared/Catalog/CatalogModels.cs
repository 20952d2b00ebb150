using AkkaEtl.Features;

namespace AkkaEtl.Catalog;

/// <summary>A table as the catalog knows it: where its partitions live and the columns of its files.</summary>
public sealed record TableEntry(
    string Name,
    string Location,
    IReadOnlyList<ColumnSpec> Columns,
    string? KeyColumn,
    string Extractor,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public const string PartitionColumn = "day_partition";
    public const string Format = "parquet";
    public const string Compression = "snappy";
}

/// <summary>One committed day of a table: the files readers must read, and where they came from.</summary>
public sealed record PartitionEntry(
    string Table,
    string Day,
    string Version,
    IReadOnlyList<DataFileEntry> Files,
    long Rows,
    long Bytes,
    DateTimeOffset CommittedAt,
    PartitionLineage Lineage)
{
    /// <summary>Identifies the columns the files were written with; an incremental run needs the same.</summary>
    public string? SchemaFingerprint { get; init; }
}

public sealed record DataFileEntry(string Key, long Rows, long Bytes, int RowGroups);

/// <summary>What produced a partition: counts for the day's summary and the key of the source manifest.</summary>
public sealed record PartitionLineage(
    int SourceFiles,
    long SourceBytes,
    long InputLines,
    long Rejected,
    long DuplicatesDropped,
    string RunId,
    string? ManifestKey);

/// <summary>One source file behind a partition: which version of it, processed by which run and item, on which node.</summary>
public sealed record SourceManifestEntry(string Key, long Size, string Version, string RunId, int Item)
{
    public string? Node { get; init; }
    /// <summary>How many times the item was sent before it succeeded (1 unless a worker failed or left).</summary>
    public int Attempts { get; init; }
}

/// <summary>The source files behind a committed partition (the manifest an incremental run compares against).</summary>
public sealed record SourceManifest(string Table, string Day, string Version, IReadOnlyList<SourceManifestEntry> Sources);

/// <summary>
/// What a run of a day does: every current source file (new and changed ones with the item that processes them,
/// unchanged ones as they were), and the source files whose rows leave the partition (changed or deleted). Kept in
/// the warehouse's staging area, so that messages and journals carry only its key.
/// </summary>
public sealed record DayPlan(
    string Table,
    string Day,
    string RunId,
    bool Incremental,
    string? PreviousVersion,
    IReadOnlyList<SourceManifestEntry> Sources,
    IReadOnlyList<string> Removed)
{
    public IEnumerable<SourceManifestEntry> ToProcess => Sources.Where(s => s.RunId == RunId);
}

/// <summary>Files of a replaced version, kept until <see cref="NotBefore"/> so that queries already running can finish.</summary>
public sealed record TrashEntry(string Table, string Day, string Version, IReadOnlyList<string> Keys, DateTimeOffset NotBefore);
