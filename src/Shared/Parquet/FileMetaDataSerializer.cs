using Parquet.Meta;

namespace AkkaEtl.Parquet;

/// <summary>
/// Serializes Parquet.Net's public metadata object model (<see cref="FileMetaData"/> and all it contains) with the
/// Thrift compact protocol, field ids as in parquet.thrift. Parquet.Net's own Thrift writer is internal, hence this.
/// Encryption fields (FileMetaData 8-9, ColumnChunk 8-9) are refused: encrypted files are not supported.
/// Required fields are always written (null strings and lists as empty), optional ones only when set.
/// </summary>
public static class FileMetaDataSerializer
{
    public static byte[] Serialize(FileMetaData metadata)
    {
        var w = new ThriftCompactWriter(16 * 1024);
        Write(w, metadata);
        return w.WrittenSpan.ToArray();
    }

    /// <summary>The schema elements alone, as a Thrift list: equal bytes mean equal schemas.</summary>
    public static byte[] SerializeSchema(IReadOnlyList<SchemaElement> schema)
    {
        var w = new ThriftCompactWriter(1024);
        w.ListHeader(ThriftCompactType.Struct, schema.Count);
        foreach (var e in schema) Write(w, e);
        return w.WrittenSpan.ToArray();
    }

    public static void Write(ThriftCompactWriter w, FileMetaData m)
    {
        if (m.EncryptionAlgorithm is not null || m.FooterSigningKeyMetadata is not null)
            throw new NotSupportedException("encrypted Parquet footers are not supported");
        w.BeginStruct();
        w.I32Field(1, m.Version);
        StructList(w, 2, m.Schema ?? [], Write);
        w.I64Field(3, m.NumRows);
        StructList(w, 4, m.RowGroups ?? [], Write);
        if (m.KeyValueMetadata is { } kv) StructList(w, 5, kv, Write);
        if (m.CreatedBy is { } createdBy) w.StringField(6, createdBy);
        if (m.ColumnOrders is { } orders && orders.All(o => o.TYPEORDER is not null))
        {
            // Parquet.Net models only TYPE_ORDER; a list with members it could not read is left out (it must cover every leaf).
            w.ListField(7, ThriftCompactType.Struct, orders.Count);
            foreach (var _ in orders)
            {
                w.BeginStruct();
                w.EmptyStructField(1);
                w.EndStruct();
            }
        }
        w.EndStruct();
    }

    public static void Write(ThriftCompactWriter w, SchemaElement e)
    {
        w.BeginStruct();
        if (e.Type is { } type) w.I32Field(1, (int)type);
        if (e.TypeLength is { } typeLength) w.I32Field(2, typeLength);
        if (e.RepetitionType is { } repetition) w.I32Field(3, (int)repetition);
        w.StringField(4, e.Name ?? "");
        if (e.NumChildren is { } children) w.I32Field(5, children);
        if (e.ConvertedType is { } converted) w.I32Field(6, (int)converted);
        if (e.Scale is { } scale) w.I32Field(7, scale);
        if (e.Precision is { } precision) w.I32Field(8, precision);
        if (e.FieldId is { } fieldId) w.I32Field(9, fieldId);
        if (e.LogicalType is { } logical)
        {
            w.BeginStructField(10);
            Write(w, logical);
            w.EndStruct();
        }
        w.EndStruct();
    }

    // LogicalType is a union: the member that is set, by its field id.
    private static void Write(ThriftCompactWriter w, LogicalType t)
    {
        if (t.STRING is not null) w.EmptyStructField(1);
        if (t.MAP is not null) w.EmptyStructField(2);
        if (t.LIST is not null) w.EmptyStructField(3);
        if (t.ENUM is not null) w.EmptyStructField(4);
        if (t.DECIMAL is { } dec)
        {
            w.BeginStructField(5);
            w.I32Field(1, dec.Scale);
            w.I32Field(2, dec.Precision);
            w.EndStruct();
        }
        if (t.DATE is not null) w.EmptyStructField(6);
        if (t.TIME is { } time)
        {
            w.BeginStructField(7);
            w.BoolField(1, time.IsAdjustedToUTC);
            TimeUnitField(w, 2, time.Unit);
            w.EndStruct();
        }
        if (t.TIMESTAMP is { } ts)
        {
            w.BeginStructField(8);
            w.BoolField(1, ts.IsAdjustedToUTC);
            TimeUnitField(w, 2, ts.Unit);
            w.EndStruct();
        }
        if (t.INTEGER is { } integer)
        {
            w.BeginStructField(10);
            w.I8Field(1, integer.BitWidth);
            w.BoolField(2, integer.IsSigned);
            w.EndStruct();
        }
        if (t.UNKNOWN is not null) w.EmptyStructField(11);
        if (t.JSON is not null) w.EmptyStructField(12);
        if (t.BSON is not null) w.EmptyStructField(13);
        if (t.UUID is not null) w.EmptyStructField(14);
        if (t.FLOAT16 is not null) w.EmptyStructField(15);
        if (t.VARIANT is { } variant)
        {
            w.BeginStructField(16);
            if (variant.SpecificationVersion is { } v) w.I8Field(1, v);
            w.EndStruct();
        }
        if (t.GEOMETRY is { } geometry)
        {
            w.BeginStructField(17);
            if (geometry.Crs is { } crs) w.StringField(1, crs);
            w.EndStruct();
        }
        if (t.GEOGRAPHY is { } geography)
        {
            w.BeginStructField(18);
            if (geography.Crs is { } crs) w.StringField(1, crs);
            if (geography.Algorithm is { } algorithm) w.I32Field(2, (int)algorithm);
            w.EndStruct();
        }
    }

    // TimeUnit is a union of empty structs.
    private static void TimeUnitField(ThriftCompactWriter w, short id, TimeUnit? unit)
    {
        w.BeginStructField(id);
        if (unit is not null)
        {
            if (unit.MILLIS is not null) w.EmptyStructField(1);
            if (unit.MICROS is not null) w.EmptyStructField(2);
            if (unit.NANOS is not null) w.EmptyStructField(3);
        }
        w.EndStruct();
    }

    public static void Write(ThriftCompactWriter w, RowGroup g)
    {
        w.BeginStruct();
        StructList(w, 1, g.Columns ?? [], Write);
        w.I64Field(2, g.TotalByteSize);
        w.I64Field(3, g.NumRows);
        if (g.SortingColumns is { } sorting) StructList(w, 4, sorting, Write);
        if (g.FileOffset is { } fileOffset) w.I64Field(5, fileOffset);
        if (g.TotalCompressedSize is { } compressed) w.I64Field(6, compressed);
        if (g.Ordinal is { } ordinal) w.I16Field(7, ordinal);
        w.EndStruct();
    }

    private static void Write(ThriftCompactWriter w, SortingColumn c)
    {
        w.BeginStruct();
        w.I32Field(1, c.ColumnIdx);
        w.BoolField(2, c.Descending);
        w.BoolField(3, c.NullsFirst);
        w.EndStruct();
    }

    public static void Write(ThriftCompactWriter w, ColumnChunk c)
    {
        if (c.CryptoMetadata is not null || c.EncryptedColumnMetadata is not null)
            throw new NotSupportedException("encrypted Parquet columns are not supported");
        w.BeginStruct();
        if (c.FilePath is { } filePath) w.StringField(1, filePath);
        w.I64Field(2, c.FileOffset);
        if (c.MetaData is { } meta)
        {
            w.BeginStructField(3);
            WriteFields(w, meta);
            w.EndStruct();
        }
        if (c.OffsetIndexOffset is { } oio) w.I64Field(4, oio);
        if (c.OffsetIndexLength is { } oil) w.I32Field(5, oil);
        if (c.ColumnIndexOffset is { } cio) w.I64Field(6, cio);
        if (c.ColumnIndexLength is { } cil) w.I32Field(7, cil);
        w.EndStruct();
    }

    private static void WriteFields(ThriftCompactWriter w, ColumnMetaData m)
    {
        w.I32Field(1, (int)m.Type);
        var encodings = m.Encodings ?? [];
        w.ListField(2, ThriftCompactType.I32, encodings.Count);
        foreach (var e in encodings) w.WriteI32((int)e);
        var path = m.PathInSchema ?? [];
        w.ListField(3, ThriftCompactType.Binary, path.Count);
        foreach (var p in path) w.WriteString(p);
        w.I32Field(4, (int)m.Codec);
        w.I64Field(5, m.NumValues);
        w.I64Field(6, m.TotalUncompressedSize);
        w.I64Field(7, m.TotalCompressedSize);
        if (m.KeyValueMetadata is { } kv) StructList(w, 8, kv, Write);
        w.I64Field(9, m.DataPageOffset);
        if (m.IndexPageOffset is { } index) w.I64Field(10, index);
        if (m.DictionaryPageOffset is { } dictionary) w.I64Field(11, dictionary);
        if (m.Statistics is { } stats)
        {
            w.BeginStructField(12);
            WriteFields(w, stats);
            w.EndStruct();
        }
        if (m.EncodingStats is { } encodingStats) StructList(w, 13, encodingStats, Write);
        if (m.BloomFilterOffset is { } bloomOffset) w.I64Field(14, bloomOffset);
        if (m.BloomFilterLength is { } bloomLength) w.I32Field(15, bloomLength);
        if (m.SizeStatistics is { } size)
        {
            w.BeginStructField(16);
            if (size.UnencodedByteArrayDataBytes is { } unencoded) w.I64Field(1, unencoded);
            if (size.RepetitionLevelHistogram is { } rep) I64List(w, 2, rep);
            if (size.DefinitionLevelHistogram is { } def) I64List(w, 3, def);
            w.EndStruct();
        }
        if (m.GeospatialStatistics is { } geo)
        {
            w.BeginStructField(17);
            if (geo.Bbox is { } box)
            {
                w.BeginStructField(1);
                w.DoubleField(1, box.Xmin);
                w.DoubleField(2, box.Xmax);
                w.DoubleField(3, box.Ymin);
                w.DoubleField(4, box.Ymax);
                if (box.Zmin is { } zmin) w.DoubleField(5, zmin);
                if (box.Zmax is { } zmax) w.DoubleField(6, zmax);
                if (box.Mmin is { } mmin) w.DoubleField(7, mmin);
                if (box.Mmax is { } mmax) w.DoubleField(8, mmax);
                w.EndStruct();
            }
            if (geo.GeospatialTypes is { } types)
            {
                w.ListField(2, ThriftCompactType.I32, types.Count);
                foreach (var t in types) w.WriteI32(t);
            }
            w.EndStruct();
        }
    }

    private static void WriteFields(ThriftCompactWriter w, Statistics s)
    {
        if (s.Max is { } max) w.BinaryField(1, max);
        if (s.Min is { } min) w.BinaryField(2, min);
        if (s.NullCount is { } nulls) w.I64Field(3, nulls);
        if (s.DistinctCount is { } distinct) w.I64Field(4, distinct);
        if (s.MaxValue is { } maxValue) w.BinaryField(5, maxValue);
        if (s.MinValue is { } minValue) w.BinaryField(6, minValue);
        if (s.IsMaxValueExact is { } maxExact) w.BoolField(7, maxExact);
        if (s.IsMinValueExact is { } minExact) w.BoolField(8, minExact);
    }

    private static void Write(ThriftCompactWriter w, PageEncodingStats s)
    {
        w.BeginStruct();
        w.I32Field(1, (int)s.PageType);
        w.I32Field(2, (int)s.Encoding);
        w.I32Field(3, s.Count);
        w.EndStruct();
    }

    private static void Write(ThriftCompactWriter w, KeyValue kv)
    {
        w.BeginStruct();
        w.StringField(1, kv.Key ?? "");
        if (kv.Value is { } value) w.StringField(2, value);
        w.EndStruct();
    }

    private static void I64List(ThriftCompactWriter w, short id, List<long> values)
    {
        w.ListField(id, ThriftCompactType.I64, values.Count);
        foreach (var v in values) w.WriteI64(v);
    }

    private static void StructList<T>(ThriftCompactWriter w, short id, List<T> items, Action<ThriftCompactWriter, T> write)
    {
        w.ListField(id, ThriftCompactType.Struct, items.Count);
        foreach (var item in items) write(w, item);
    }
}
