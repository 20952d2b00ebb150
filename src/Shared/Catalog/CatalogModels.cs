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
    PartitionLineage Lineage);

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
