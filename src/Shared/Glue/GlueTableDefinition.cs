using AkkaEtl.Features;

namespace AkkaEtl.Glue;

/// <summary>
/// The Glue definition of a warehouse table, as <c>awswrangler.s3.store_parquet_metadata</c> writes it: an external
/// Parquet (Snappy) table partitioned by <c>day_partition</c>, and one partition per day at
/// <c>&lt;location&gt;day_partition=&lt;day&gt;/</c> with a copy of the table's storage descriptor.
/// </summary>
public sealed class GlueTableDefinition
{
    public const string PartitionColumn = "day_partition";
    public const string TableType = "EXTERNAL_TABLE";
    public const string InputFormat = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    public const string OutputFormat = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    public const string SerDe = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";

    /// <summary>The table parameters this definition owns; others found on an existing table are kept.</summary>
    public static readonly IReadOnlyDictionary<string, string> TableParameters = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["classification"] = "parquet",
        ["EXTERNAL"] = "TRUE",
        ["parquet.compression"] = "SNAPPY",
    };

    public static readonly IReadOnlyList<GlueColumn> PartitionKeys = [new(PartitionColumn, "string")];

    public GlueTableDefinition(string name, string location, IReadOnlyList<ColumnSpec> columns)
    {
        Name = CatalogNames.Entity(name, "table");
        Location = S3TableLocation.Parse(location);
        Columns = HiveTypes.Columns(columns);
    }

    public string Name { get; }
    public S3TableLocation Location { get; }
    public IReadOnlyList<GlueColumn> Columns { get; }

    public GlueStorageDescriptor StorageDescriptor(string location) => new()
    {
        Columns = Columns,
        Location = location,
        InputFormat = InputFormat,
        OutputFormat = OutputFormat,
        Compressed = false,
        NumberOfBuckets = -1,
        StoredAsSubDirectories = false,
        SerdeInfo = new GlueSerDeInfo
        {
            SerializationLibrary = SerDe,
            Parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["serialization.format"] = "1" },
        },
        Parameters = new Dictionary<string, string>(),
    };

    /// <summary>The table input for CreateTable, or for UpdateTable keeping the parameters of <paramref name="existing"/> this definition does not own.</summary>
    public GlueTableInput TableInput(GlueTable? existing = null)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in existing?.Parameters ?? new Dictionary<string, string>()) parameters[k] = v;
        foreach (var (k, v) in TableParameters) parameters[k] = v;
        return new GlueTableInput
        {
            Name = Name,
            Description = existing?.Description,
            TableType = TableType,
            Parameters = parameters,
            StorageDescriptor = StorageDescriptor(Location.Uri),
            PartitionKeys = PartitionKeys,
        };
    }

    public GluePartitionInput PartitionInput(string day) => new()
    {
        Values = [day],
        StorageDescriptor = StorageDescriptor(Location.Partition(day)),
    };

    /// <summary>Whether <paramref name="table"/> differs from this definition in a way readers notice: columns, location, partition keys, format or owned parameters.</summary>
    public bool Differs(GlueTable table)
    {
        var sd = table.StorageDescriptor;
        if (sd is null) return true;
        if (!SameColumns(sd.Columns, Columns) || !SameColumns(table.PartitionKeys, PartitionKeys)) return true;
        if (!SameLocation(sd.Location, Location.Uri)) return true;
        if (sd.InputFormat != InputFormat || sd.OutputFormat != OutputFormat || sd.SerdeInfo?.SerializationLibrary != SerDe) return true;
        if (!string.Equals(table.TableType, TableType, StringComparison.OrdinalIgnoreCase)) return true;
        var parameters = table.Parameters ?? new Dictionary<string, string>();
        return TableParameters.Any(p => !parameters.TryGetValue(p.Key, out var v) || !string.Equals(v, p.Value, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Locations compare without regard to a trailing slash.</summary>
    public static bool SameLocation(string? a, string? b) =>
        a is not null && b is not null && string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.Ordinal);

    private static bool SameColumns(IReadOnlyList<GlueColumn>? actual, IReadOnlyList<GlueColumn> expected) =>
        actual is not null && actual.Count == expected.Count
        && actual.Zip(expected).All(p =>
            string.Equals(p.First.Name, p.Second.Name, StringComparison.OrdinalIgnoreCase)
            && string.Equals(p.First.Type.Replace(" ", ""), p.Second.Type, StringComparison.OrdinalIgnoreCase));
}
