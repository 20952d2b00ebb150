using Parquet.Meta;
using Snappier;
using Encoding = Parquet.Meta.Encoding;

namespace AkkaEtl.Parquet.Writing;

/// <summary>
/// Compresses a page body, puts its Thrift <c>PageHeader</c> in front and writes both to the file in one write,
/// counting what the column chunk's metadata needs: offsets, sizes with headers, page counts per encoding.
/// </summary>
internal sealed class PageWriter(Stream output, long position, bool snappy) : IDisposable
{
    // A PageHeader without statistics takes under 40 bytes; the page is compressed after this much room for it.
    private const int HeaderRoom = 64;

    private readonly PooledBuffer _page = new(1 << 20);
    private readonly ThriftCompactWriter _header = new(HeaderRoom);
    private int _pageStart;
    private int _pageLength;

    /// <summary>Bytes written to the file so far, the magic included.</summary>
    public long Position { get; private set; } = position;
    public CompressionCodec Codec => snappy ? CompressionCodec.SNAPPY : CompressionCodec.UNCOMPRESSED;

    // The current chunk.
    public long ChunkStart { get; private set; }
    public long? DictionaryPageOffset { get; private set; }
    public long DataPageOffset { get; private set; }
    public long ChunkCompressedBytes { get; private set; }
    public long ChunkUncompressedBytes { get; private set; }
    public long ChunkValues { get; private set; }
    public int DataPages { get; private set; }

    /// <summary>Counts bytes the caller wrote itself (the magic).</summary>
    public void Skip(int bytes) => Position += bytes;

    public void BeginChunk()
    {
        ChunkStart = Position;
        DictionaryPageOffset = null;
        DataPageOffset = -1;
        ChunkCompressedBytes = ChunkUncompressedBytes = ChunkValues = 0;
        DataPages = 0;
    }

    /// <summary>Prepares a dictionary page (PLAIN values) for <see cref="WriteAsync"/>.</summary>
    public void PrepareDictionaryPage(PooledBuffer body, int count)
    {
        DictionaryPageOffset = Position;
        Prepare(body, PageType.DICTIONARY_PAGE, count, Encoding.PLAIN);
    }

    /// <summary>Prepares a data page v1 of <paramref name="levelCount"/> values (nulls included) for <see cref="WriteAsync"/>.</summary>
    public void PrepareDataPage(PooledBuffer body, int levelCount, Encoding encoding)
    {
        if (DataPages++ == 0) DataPageOffset = Position;
        ChunkValues += levelCount;
        Prepare(body, PageType.DATA_PAGE, levelCount, encoding);
    }

    /// <summary>
    /// The current chunk's metadata: offsets, sizes, value and page counts from the pages written, the rest as given.
    /// Its first byte is <see cref="ChunkStart"/> (Parquet.Net's convention; <see cref="RowGroupRelocator"/> shifts it).
    /// </summary>
    public ColumnChunk Chunk(global::Parquet.Meta.Type type, List<Encoding> encodings, List<string> path, Encoding dataEncoding, Statistics statistics)
    {
        var stats = new List<PageEncodingStats>(2);
        if (DictionaryPageOffset is not null) stats.Add(new PageEncodingStats { PageType = PageType.DICTIONARY_PAGE, Encoding = Encoding.PLAIN, Count = 1 });
        stats.Add(new PageEncodingStats { PageType = PageType.DATA_PAGE, Encoding = dataEncoding, Count = DataPages });
        return new ColumnChunk
        {
            FileOffset = ChunkStart,
            MetaData = new ColumnMetaData
            {
                Type = type,
                Encodings = encodings,
                PathInSchema = path,
                Codec = Codec,
                NumValues = ChunkValues,
                TotalUncompressedSize = ChunkUncompressedBytes,
                TotalCompressedSize = ChunkCompressedBytes,
                DataPageOffset = DataPageOffset,
                DictionaryPageOffset = DictionaryPageOffset,
                Statistics = statistics,
                EncodingStats = stats,
            },
        };
    }

    public ValueTask WriteAsync(CancellationToken ct) => output.WriteAsync(_page.Array.AsMemory(_pageStart, _pageLength), ct);

    private void Prepare(PooledBuffer body, PageType type, int count, Encoding encoding)
    {
        var raw = body.Written;
        _page.Clear();
        var space = _page.GetSpan(HeaderRoom + Snappy.GetMaxCompressedLength(raw.Length));
        int compressed;
        if (snappy)
        {
            compressed = Snappy.Compress(raw, space[HeaderRoom..]);
        }
        else
        {
            raw.CopyTo(space[HeaderRoom..]);
            compressed = raw.Length;
        }

        _header.Reset();
        _header.BeginStruct();
        _header.I32Field(1, (int)type);
        _header.I32Field(2, raw.Length);
        _header.I32Field(3, compressed);
        if (type == PageType.DICTIONARY_PAGE)
        {
            _header.BeginStructField(7);
            _header.I32Field(1, count);
            _header.I32Field(2, (int)encoding);
            _header.EndStruct();
        }
        else
        {
            _header.BeginStructField(5);
            _header.I32Field(1, count);
            _header.I32Field(2, (int)encoding);
            _header.I32Field(3, (int)Encoding.RLE);
            _header.I32Field(4, (int)Encoding.RLE);
            _header.EndStruct();
        }
        _header.EndStruct();
        var header = _header.WrittenSpan;
        if (header.Length > HeaderRoom) throw new InvalidOperationException($"a page header of {header.Length} bytes");
        header.CopyTo(space[(HeaderRoom - header.Length)..]);

        _pageStart = HeaderRoom - header.Length;
        _pageLength = header.Length + compressed;
        Position += _pageLength;
        ChunkCompressedBytes += _pageLength;
        ChunkUncompressedBytes += header.Length + raw.Length;
    }

    public void Dispose() => _page.Dispose();
}
