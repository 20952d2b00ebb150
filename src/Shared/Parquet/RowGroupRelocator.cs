using Parquet.Meta;

namespace AkkaEtl.Parquet;

/// <summary>Where a column chunk's pages are in its file: from the first page (dictionary, else data) for total_compressed_size bytes.</summary>
public readonly record struct ChunkRange(long Start, long Length)
{
    public long End => Start + Length;
}

/// <summary>
/// The metadata of a row group whose column chunks were copied, byte for byte, to another place: page offsets are
/// shifted, everything else (statistics, encodings, sizes) is kept. Page indexes and bloom filters are not copied,
/// so their references are dropped.
/// </summary>
public static class RowGroupRelocator
{
    public static ChunkRange RangeOf(ColumnChunk chunk)
    {
        var meta = chunk.MetaData ?? throw new InvalidDataException("a column chunk has no metadata");
        if (chunk.FilePath is not null) throw new InvalidDataException($"column '{PathOf(meta)}' is stored in another file ('{chunk.FilePath}')");
        var start = meta.DataPageOffset;
        // Some writers put 0 here for "no dictionary"; a real dictionary page comes before the data pages.
        if (meta.DictionaryPageOffset is { } dictionary && dictionary > 0 && dictionary < start) start = dictionary;
        if (start < ParquetFooter.MagicLength || meta.TotalCompressedSize <= 0)
            throw new InvalidDataException($"column '{PathOf(meta)}' has an invalid position {start} (+{meta.TotalCompressedSize})");
        return new ChunkRange(start, meta.TotalCompressedSize);
    }

    /// <summary>The row group as it is once each chunk <c>i</c> was copied to <paramref name="newStarts"/>[i].</summary>
    public static RowGroup Relocate(RowGroup source, ReadOnlySpan<long> newStarts, short? ordinal)
    {
        var columns = source.Columns;
        if (newStarts.Length != columns.Count) throw new ArgumentException("one new start per column chunk", nameof(newStarts));
        var relocated = new List<ColumnChunk>(columns.Count);
        long compressed = 0;
        for (var i = 0; i < columns.Count; i++)
        {
            var range = RangeOf(columns[i]);
            relocated.Add(Relocate(columns[i], range, newStarts[i] - range.Start));
            compressed += range.Length;
        }
        return new RowGroup
        {
            Columns = relocated,
            TotalByteSize = source.TotalByteSize,
            NumRows = source.NumRows,
            SortingColumns = source.SortingColumns,
            FileOffset = columns.Count > 0 ? newStarts[0] : null,
            TotalCompressedSize = source.TotalCompressedSize ?? compressed,
            Ordinal = ordinal,
        };
    }

    private static ColumnChunk Relocate(ColumnChunk source, ChunkRange range, long shift)
    {
        var m = source.MetaData!;
        var meta = new ColumnMetaData
        {
            Type = m.Type,
            Encodings = m.Encodings,
            PathInSchema = m.PathInSchema,
            Codec = m.Codec,
            NumValues = m.NumValues,
            TotalUncompressedSize = m.TotalUncompressedSize,
            TotalCompressedSize = m.TotalCompressedSize,
            KeyValueMetadata = m.KeyValueMetadata,
            DataPageOffset = m.DataPageOffset + shift,
            IndexPageOffset = Shift(m.IndexPageOffset, range, shift),
            DictionaryPageOffset = m.DictionaryPageOffset is { } d && d >= range.Start && d < range.End ? d + shift : null,
            Statistics = m.Statistics,
            EncodingStats = m.EncodingStats,
            SizeStatistics = m.SizeStatistics,
            GeospatialStatistics = m.GeospatialStatistics,
            // Bloom filters live outside the chunk and are not copied.
            BloomFilterOffset = null,
            BloomFilterLength = null,
        };
        return new ColumnChunk
        {
            FilePath = null,
            // Deprecated; writers put the chunk's start (Parquet.Net) or its end (old parquet-mr) here, or 0.
            FileOffset = source.FileOffset >= range.Start && source.FileOffset <= range.End ? source.FileOffset + shift : 0,
            MetaData = meta,
            // The page index lives outside the chunk and is not copied.
            OffsetIndexOffset = null,
            OffsetIndexLength = null,
            ColumnIndexOffset = null,
            ColumnIndexLength = null,
        };
    }

    private static long? Shift(long? offset, ChunkRange range, long shift) =>
        offset is { } o && o >= range.Start && o < range.End ? o + shift : null;

    internal static string PathOf(ColumnMetaData meta) => meta.PathInSchema is { } p ? string.Join('.', p) : "?";
}
