using AkkaEtl.Features;
using Parquet.Meta;

namespace AkkaEtl.Parquet.Writing;

/// <summary>
/// The footer's schema for a feature schema, element for element what Parquet.Net writes for
/// <see cref="ParquetSchemaMap"/>: files of either writer have byte-identical schemas, so the merger takes them
/// together and <see cref="RowGroupDecoder"/> accepts both.
/// </summary>
internal static class ParquetSchemaElements
{
    public static List<SchemaElement> For(FeatureSchema schema)
    {
        var elements = new List<SchemaElement> { new() { Name = "root", NumChildren = schema.Columns.Count } };
        foreach (var c in schema.Columns)
        {
            var repetition = c.Required ? FieldRepetitionType.REQUIRED : FieldRepetitionType.OPTIONAL;
            switch (c.Type)
            {
                case ColumnType.String:
                    elements.Add(new SchemaElement
                    {
                        Name = c.Name, Type = global::Parquet.Meta.Type.BYTE_ARRAY, RepetitionType = repetition,
                        ConvertedType = ConvertedType.UTF8, LogicalType = new LogicalType { STRING = new StringType() },
                    });
                    break;
                case ColumnType.Int32:
                    elements.Add(Int32(c.Name, repetition));
                    break;
                case ColumnType.Int64:
                    elements.Add(new SchemaElement
                    {
                        Name = c.Name, Type = global::Parquet.Meta.Type.INT64, RepetitionType = repetition,
                        ConvertedType = ConvertedType.INT_64, LogicalType = new LogicalType { INTEGER = new IntType { BitWidth = 64, IsSigned = true } },
                    });
                    break;
                case ColumnType.Float:
                    elements.Add(new SchemaElement { Name = c.Name, Type = global::Parquet.Meta.Type.FLOAT, RepetitionType = repetition });
                    break;
                case ColumnType.Double:
                    elements.Add(new SchemaElement { Name = c.Name, Type = global::Parquet.Meta.Type.DOUBLE, RepetitionType = repetition });
                    break;
                case ColumnType.Boolean:
                    elements.Add(new SchemaElement { Name = c.Name, Type = global::Parquet.Meta.Type.BOOLEAN, RepetitionType = repetition });
                    break;
                case ColumnType.Timestamp:
                    // No converted type: Parquet.Net writes none for UTC microsecond timestamps.
                    elements.Add(new SchemaElement
                    {
                        Name = c.Name, Type = global::Parquet.Meta.Type.INT64, RepetitionType = repetition,
                        LogicalType = new LogicalType
                        {
                            TIMESTAMP = new TimestampType { IsAdjustedToUTC = true, Unit = new TimeUnit { MICROS = new MicroSeconds() } },
                        },
                    });
                    break;
                case ColumnType.Int32List:
                case ColumnType.FloatList:
                    // Three levels; the list itself is always optional (ParquetSchemaMap makes every ListField nullable).
                    elements.Add(new SchemaElement
                    {
                        Name = c.Name, RepetitionType = FieldRepetitionType.OPTIONAL, NumChildren = 1,
                        ConvertedType = ConvertedType.LIST, LogicalType = new LogicalType { LIST = new ListType() },
                    });
                    elements.Add(new SchemaElement { Name = "list", RepetitionType = FieldRepetitionType.REPEATED, NumChildren = 1 });
                    elements.Add(c.Type == ColumnType.Int32List
                        ? Int32("element", FieldRepetitionType.REQUIRED)
                        : new SchemaElement { Name = "element", Type = global::Parquet.Meta.Type.FLOAT, RepetitionType = FieldRepetitionType.REQUIRED });
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(schema), $"column '{c.Name}' has no Parquet type ({c.Type})");
            }
        }
        return elements;
    }

    /// <summary>A column's path in the schema: its name, or name.list.element for a list.</summary>
    public static List<string> PathOf(ColumnSpec c) => c.IsList ? [c.Name, "list", "element"] : [c.Name];

    private static SchemaElement Int32(string name, FieldRepetitionType repetition) => new()
    {
        Name = name, Type = global::Parquet.Meta.Type.INT32, RepetitionType = repetition,
        ConvertedType = ConvertedType.INT_32, LogicalType = new LogicalType { INTEGER = new IntType { BitWidth = 32, IsSigned = true } },
    };
}
