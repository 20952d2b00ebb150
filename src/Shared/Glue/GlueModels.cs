namespace AkkaEtl.Glue;

// The Glue shapes this client reads and writes, named as the API names them (JSON 1.1 uses the member names as
// they are). Members the service returns but nobody here reads (CreateTime, VersionId, ...) are not modelled.

public sealed record GlueColumn(string Name, string Type)
{
    public string? Comment { get; init; }
}

public sealed record GlueSerDeInfo
{
    public string? Name { get; init; }
    public string? SerializationLibrary { get; init; }
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }
}

public sealed record GlueStorageDescriptor
{
    public IReadOnlyList<GlueColumn>? Columns { get; init; }
    public string? Location { get; init; }
    public string? InputFormat { get; init; }
    public string? OutputFormat { get; init; }
    public bool? Compressed { get; init; }
    public int? NumberOfBuckets { get; init; }
    public GlueSerDeInfo? SerdeInfo { get; init; }
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }
    public bool? StoredAsSubDirectories { get; init; }
}

public sealed record GlueDatabaseInput
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public string? LocationUri { get; init; }
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }
}

public sealed record GlueDatabase
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public string? LocationUri { get; init; }
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }
    public string? CatalogId { get; init; }
}

public sealed record GlueTableInput
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public string? TableType { get; init; }
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }
    public GlueStorageDescriptor? StorageDescriptor { get; init; }
    public IReadOnlyList<GlueColumn>? PartitionKeys { get; init; }
}

public sealed record GlueTable
{
    public required string Name { get; init; }
    public string? DatabaseName { get; init; }
    public string? Description { get; init; }
    public string? TableType { get; init; }
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }
    public GlueStorageDescriptor? StorageDescriptor { get; init; }
    public IReadOnlyList<GlueColumn>? PartitionKeys { get; init; }
    public string? VersionId { get; init; }
    public string? CatalogId { get; init; }
}

public sealed record GluePartitionInput
{
    public required IReadOnlyList<string> Values { get; init; }
    public GlueStorageDescriptor? StorageDescriptor { get; init; }
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }
}

public sealed record GluePartition
{
    public required IReadOnlyList<string> Values { get; init; }
    public string? DatabaseName { get; init; }
    public string? TableName { get; init; }
    public GlueStorageDescriptor? StorageDescriptor { get; init; }
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }
}

/// <summary>One entry of BatchUpdatePartition: the partition's current values and what it becomes.</summary>
public sealed record GluePartitionUpdate(IReadOnlyList<string> PartitionValueList, GluePartitionInput PartitionInput);

public sealed record GlueErrorDetail(string? ErrorCode, string? ErrorMessage);

/// <summary>A partition a batch call could not create or update.</summary>
public sealed record GluePartitionError(IReadOnlyList<string> PartitionValues, GlueErrorDetail ErrorDetail);

/// <summary>What a chunked batch call did: how many partitions were sent, which existed already, which failed, in how many requests.</summary>
public sealed record GlueBatchResult(int Requested, IReadOnlyList<GluePartitionError> AlreadyExisting, IReadOnlyList<GluePartitionError> Failed, int Requests)
{
    public bool Succeeded => Failed.Count == 0;
}
