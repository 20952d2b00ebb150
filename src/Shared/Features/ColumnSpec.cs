using System.Text.Json.Serialization;

namespace AkkaEtl.Features;

/// <summary>The value types a feature column can hold; each maps to one Parquet type.</summary>
public enum ColumnType
{
    String,
    Int32,
    Int64,
    Float,
    Double,
    Boolean,
    /// <summary>UTC timestamp with microsecond precision.</summary>
    Timestamp,
    Int32List,
    FloatList,
}

/// <summary>One output column. Required columns never hold null: a record that cannot fill one is rejected.</summary>
public sealed record ColumnSpec(string Name, ColumnType Type, bool Required = false)
{
    public static ColumnSpec String(string name, bool required = false) => new(name, ColumnType.String, required);
    public static ColumnSpec Int32(string name) => new(name, ColumnType.Int32);
    public static ColumnSpec Int64(string name, bool required = false) => new(name, ColumnType.Int64, required);
    public static ColumnSpec Float(string name) => new(name, ColumnType.Float);
    public static ColumnSpec Double(string name) => new(name, ColumnType.Double);
    public static ColumnSpec Boolean(string name) => new(name, ColumnType.Boolean);
    public static ColumnSpec Timestamp(string name) => new(name, ColumnType.Timestamp);
    public static ColumnSpec Int32List(string name) => new(name, ColumnType.Int32List);
    public static ColumnSpec FloatList(string name) => new(name, ColumnType.FloatList);

    [JsonIgnore]
    public bool IsList => Type is ColumnType.Int32List or ColumnType.FloatList;

    /// <summary>The SQL type of this column, as DuckDB and Athena write it.</summary>
    [JsonIgnore]
    public string SqlType => Type switch
    {
        ColumnType.String => "string",
        ColumnType.Int32 => "int",
        ColumnType.Int64 => "bigint",
        ColumnType.Float => "float",
        ColumnType.Double => "double",
        ColumnType.Boolean => "boolean",
        ColumnType.Timestamp => "timestamp",
        ColumnType.Int32List => "array<int>",
        ColumnType.FloatList => "array<float>",
        _ => throw new ArgumentOutOfRangeException(nameof(Type)),
    };
}
