using Parquet.Meta;

namespace AkkaEtl.Parquet;

/// <summary>Compares two files' schemas element by element (type, repetition, name, annotations, field ids).</summary>
public static class ParquetSchemaComparer
{
    /// <summary>Null when the schemas are identical, else what differs first, in words.</summary>
    public static string? Difference(IReadOnlyList<SchemaElement> expected, IReadOnlyList<SchemaElement> actual)
    {
        var n = Math.Min(expected.Count, actual.Count);
        for (var i = 0; i < n; i++)
        {
            var a = FileMetaDataSerializer.SerializeSchema([expected[i]]);
            var b = FileMetaDataSerializer.SerializeSchema([actual[i]]);
            if (!a.AsSpan().SequenceEqual(b)) return $"schema element {i}: expected {Describe(expected[i])}, found {Describe(actual[i])}";
        }
        return expected.Count == actual.Count
            ? null
            : $"expected {expected.Count} schema elements, found {actual.Count}";
    }

    public static string Describe(SchemaElement e)
    {
        var parts = new List<string>(6) { $"'{e.Name}'" };
        parts.Add(e.Type?.ToString() ?? $"group of {e.NumChildren ?? 0}");
        if (e.RepetitionType is { } r) parts.Add(r.ToString());
        if (e.ConvertedType is { } c) parts.Add(c.ToString());
        if (e.LogicalType is { } l) parts.Add(LogicalName(l));
        if (e.FieldId is { } id) parts.Add($"id {id}");
        return string.Join(' ', parts);
    }

    private static string LogicalName(LogicalType l) =>
        l.STRING is not null ? "STRING"
        : l.LIST is not null ? "LIST"
        : l.MAP is not null ? "MAP"
        : l.TIMESTAMP is { } ts ? $"TIMESTAMP(utc={ts.IsAdjustedToUTC}, {Unit(ts.Unit)})"
        : l.TIME is { } t ? $"TIME(utc={t.IsAdjustedToUTC}, {Unit(t.Unit)})"
        : l.INTEGER is { } i ? $"INTEGER({i.BitWidth}, {(i.IsSigned ? "signed" : "unsigned")})"
        : l.DECIMAL is { } d ? $"DECIMAL({d.Precision}, {d.Scale})"
        : l.DATE is not null ? "DATE"
        : "logical type";

    private static string Unit(TimeUnit? u) => u?.MICROS is not null ? "MICROS" : u?.MILLIS is not null ? "MILLIS" : u?.NANOS is not null ? "NANOS" : "?";
}
