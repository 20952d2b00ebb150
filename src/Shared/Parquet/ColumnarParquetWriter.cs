using AkkaEtl.Features;
using AkkaEtl.Parquet.Writing;
using Parquet.Meta;
using Encoding = Parquet.Meta.Encoding;

namespace AkkaEtl.Parquet;

/// <summary>
/// Writes <see cref="RowBatch"/>es as a Parquet file, one row group per batch, straight from the batches' column
/// buffers: data pages v1 of about <see cref="ColumnarParquetWriterOptions.PageBytes"/>, PLAIN values (dictionary
/// for low-cardinality strings), RLE/bit-packed levels, Snappy, chunk statistics. The schema is the one
/// <see cref="ParquetSchemaMap"/> describes, byte for byte as Parquet.Net writes it. Pages go to the stream as they
/// are made: memory is a page buffer or two per writer, reused across row groups, whatever the row group's size.
/// Each column chunk is self-contained (its pages only) and the footer gives its exact offsets and sizes, so
/// <see cref="ParquetFileMerger"/> can copy chunks byte for byte.
/// </summary>
public sealed class ColumnarParquetWriter : IAsyncDisposable
{
    private readonly Stream _output;
    private readonly FeatureSchema _schema;
    private readonly ColumnarParquetWriterOptions _options;
    private readonly IReadOnlyDictionary<string, string>? _metadata;
    private readonly ColumnEncoder[] _encoders;
    private readonly List<string>[] _paths;
    private readonly PooledBuffer _body = new(1 << 20);
    private readonly PageWriter _pages;
    private readonly List<RowGroup> _rowGroups = [];
    private bool _completed;
    private bool _disposed;

    private ColumnarParquetWriter(Stream output, FeatureSchema schema, IReadOnlyDictionary<string, string>? metadata, ColumnarParquetWriterOptions options)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("PLAIN values are written as they are in memory: little-endian only");
        _output = output;
        _schema = schema;
        _metadata = metadata;
        _options = options;
        _encoders = schema.Columns.Select(c => CreateEncoder(c, options)).ToArray();
        _paths = schema.Columns.Select(ParquetSchemaElements.PathOf).ToArray();
        _pages = new PageWriter(output, output.CanSeek ? output.Position : 0, options.Snappy);
    }

    public long Rows { get; private set; }
    public int RowGroups => _rowGroups.Count;
    /// <summary>Bytes written so far (the footer too, once complete).</summary>
    public long Position => _pages.Position;

    /// <summary>Starts a file on <paramref name="output"/> (writes the magic); the stream stays the caller's.</summary>
    public static async Task<ColumnarParquetWriter> CreateAsync(
        Stream output, ParquetSchemaMap map, IReadOnlyDictionary<string, string>? metadata = null,
        ColumnarParquetWriterOptions? options = null, CancellationToken ct = default)
    {
        var writer = new ColumnarParquetWriter(output, map.Features, metadata, options ?? ColumnarParquetWriterOptions.Default);
        await writer.WriteMagicAsync(ct);
        return writer;
    }

    /// <summary>Writes the batch as one row group; an empty batch writes nothing.</summary>
    public async Task WriteAsync(RowBatch batch, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed) throw new InvalidOperationException("the file is complete");
        CheckSchema(batch.Schema);
        if (batch.RowCount == 0) return;
        var chunks = new List<ColumnChunk>(_encoders.Length);
        var start = _pages.Position;
        long uncompressed = 0;
        for (var i = 0; i < _encoders.Length; i++)
        {
            var chunk = await WriteChunkAsync(_encoders[i], _paths[i], batch.Column(i), batch.RowCount, ct);
            uncompressed += chunk.MetaData!.TotalUncompressedSize;
            chunks.Add(chunk);
        }
        _rowGroups.Add(new RowGroup
        {
            Columns = chunks,
            TotalByteSize = uncompressed,
            NumRows = batch.RowCount,
            FileOffset = start,
            TotalCompressedSize = _pages.Position - start,
            Ordinal = _rowGroups.Count <= short.MaxValue ? (short)_rowGroups.Count : null,
        });
        Rows += batch.RowCount;
    }

    /// <summary>The footer <see cref="CompleteAsync"/> wrote; null before.</summary>
    public FileMetaData? Footer { get; private set; }

    /// <summary>Writes the footer; returns the file's size. The stream is not flushed or closed.</summary>
    public async Task<long> CompleteAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed) throw new InvalidOperationException("the file is complete");
        var footer = Footer = new FileMetaData
        {
            Version = 1,
            Schema = ParquetSchemaElements.For(_schema),
            NumRows = Rows,
            RowGroups = _rowGroups,
            KeyValueMetadata = _metadata is { Count: > 0 } m ? m.Select(kv => new KeyValue { Key = kv.Key, Value = kv.Value }).ToList() : null,
            CreatedBy = _options.CreatedBy,
            // Statistics follow each type's order (unsigned bytes for strings): say so, one entry per leaf.
            ColumnOrders = _encoders.Select(_ => new ColumnOrder { TYPEORDER = new TypeDefinedOrder() }).ToList(),
        };
        _pages.Skip(await ParquetFooter.WriteAsync(_output, footer, ct));
        _completed = true;
        return _pages.Position;
    }

    private async Task<ColumnChunk> WriteChunkAsync(ColumnEncoder encoder, List<string> path, ColumnBuffer column, int rows, CancellationToken ct)
    {
        encoder.Begin(column, rows);
        _pages.BeginChunk();
        _body.Clear();
        var dictionary = encoder.TryEncodeDictionary(_body, out var entries);
        if (dictionary)
        {
            _pages.PrepareDictionaryPage(_body, entries);
            await _pages.WriteAsync(ct);
        }
        var encoding = encoder.DataEncoding;
        while (true)
        {
            _body.Clear();
            if (!encoder.EncodePage(_body, _options.PageBytes, out var levels)) break;
            _pages.PrepareDataPage(_body, levels, encoding);
            await _pages.WriteAsync(ct);
        }

        var encodings = new List<Encoding> { Encoding.PLAIN };
        if (encoder.MaxDefinitionLevel > 0 || encoder.MaxRepetitionLevel > 0 || dictionary) encodings.Add(Encoding.RLE);
        if (dictionary) encodings.Add(Encoding.RLE_DICTIONARY);
        return _pages.Chunk(encoder.PhysicalType, encodings, path, encoding, encoder.Statistics());
    }

    private async Task WriteMagicAsync(CancellationToken ct)
    {
        _body.Clear();
        _body.Write(ParquetFooter.Magic);
        _pages.Skip(ParquetFooter.MagicLength);
        await _output.WriteAsync(_body.Array.AsMemory(0, ParquetFooter.MagicLength), ct);
    }

    private void CheckSchema(FeatureSchema schema)
    {
        if (ReferenceEquals(schema, _schema)) return;
        if (schema.Columns.Count != _schema.Columns.Count || schema.Columns.Where((c, i) => c.Type != _schema[i].Type).Any())
            throw new ArgumentException("the batch's columns are not the file's", nameof(schema));
    }

    private static ColumnEncoder CreateEncoder(ColumnSpec c, ColumnarParquetWriterOptions options) => c.Type switch
    {
        ColumnType.String => new StringColumnEncoder(c.Required, options),
        ColumnType.Int32 => new NumberColumnEncoder<int>(c.Required, global::Parquet.Meta.Type.INT32),
        ColumnType.Int64 => new NumberColumnEncoder<long>(c.Required, global::Parquet.Meta.Type.INT64),
        ColumnType.Float => new NumberColumnEncoder<float>(c.Required, global::Parquet.Meta.Type.FLOAT),
        ColumnType.Double => new NumberColumnEncoder<double>(c.Required, global::Parquet.Meta.Type.DOUBLE),
        ColumnType.Boolean => new BooleanColumnEncoder(c.Required),
        ColumnType.Timestamp => new TimestampColumnEncoder(c.Required),
        ColumnType.Int32List => new ListColumnEncoder<int>(global::Parquet.Meta.Type.INT32),
        ColumnType.FloatList => new ListColumnEncoder<float>(global::Parquet.Meta.Type.FLOAT),
        _ => throw new ArgumentOutOfRangeException(nameof(c), $"column '{c.Name}' has no Parquet type ({c.Type})"),
    };

    /// <summary>Gives the buffers back; the stream stays open.</summary>
    public ValueTask DisposeAsync()
    {
        if (_disposed) return ValueTask.CompletedTask;
        _disposed = true;
        _body.Dispose();
        _pages.Dispose();
        foreach (var e in _encoders) (e as IDisposable)?.Dispose();
        return ValueTask.CompletedTask;
    }
}
