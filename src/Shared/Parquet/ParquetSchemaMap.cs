using AkkaEtl.Features;
using Parquet.Schema;

namespace AkkaEtl.Parquet;

/// <summary>A feature schema as Parquet sees it: one Parquet field per column (the element field for lists).</summary>
public sealed class ParquetSchemaMap
{
    public ParquetSchemaMap(FeatureSchema schema)
    {
        Features = schema;
        var fields = new List<Field>();
        var data = new List<DataField>();
        foreach (var c in schema.Columns)
        {
            switch (c.Type)
            {
                case ColumnType.Int32List:
                case ColumnType.FloatList:
                    var element = c.Type == ColumnType.Int32List ? (DataField)new DataField<int>("element", false) : new DataField<float>("element", false);
                    fields.Add(new ListField(c.Name, element));
                    data.Add(element);
                    break;
                case ColumnType.Timestamp:
                    var ts = new DateTimeDataField(c.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: !c.Required);
                    fields.Add(ts);
                    data.Add(ts);
                    break;
                default:
                    var f = new DataField(c.Name, ClrType(c.Type), isNullable: !c.Required);
                    fields.Add(f);
                    data.Add(f);
                    break;
            }
        }
        Parquet = new ParquetSchema(fields);
        DataFields = data;
    }

    public FeatureSchema Features { get; }
    public ParquetSchema Parquet { get; }
    /// <summary>The leaf field of each column, by column index.</summary>
    public IReadOnlyList<DataField> DataFields { get; }

    private static Type ClrType(ColumnType t) => t switch
    {
        ColumnType.String => typeof(string),
        ColumnType.Int32 => typeof(int),
        ColumnType.Int64 => typeof(long),
        ColumnType.Float => typeof(float),
        ColumnType.Double => typeof(double),
        ColumnType.Boolean => typeof(bool),
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };
}
