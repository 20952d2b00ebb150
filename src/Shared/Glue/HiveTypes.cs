using AkkaEtl.Features;

namespace AkkaEtl.Glue;

/// <summary>The Hive type (as Glue and Athena write it) of each feature column type.</summary>
public static class HiveTypes
{
    public static string Of(ColumnType type) => type switch
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
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no Hive type for this column type"),
    };

    /// <summary>The Glue columns of a schema: validated lower-case names, Hive types, in order; names must be unique.</summary>
    public static IReadOnlyList<GlueColumn> Columns(IReadOnlyList<ColumnSpec> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) throw new ArgumentException("a table needs at least one column");
        var result = new List<GlueColumn>(columns.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in columns)
        {
            var name = CatalogNames.Column(c.Name);
            if (!seen.Add(name)) throw new ArgumentException($"column '{c.Name}' is declared twice (names are case-insensitive)");
            result.Add(new GlueColumn(name, Of(c.Type)));
        }
        return result;
    }
}
