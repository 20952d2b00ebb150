using AkkaEtl.Features;
using AkkaEtl.Parquet.Reading;
using AkkaEtl.Parquet.Writing;
using Microsoft.Win32.SafeHandles;
using Parquet.Meta;

namespace AkkaEtl.Parquet;

/// <summary>
/// Decodes row groups of a part file into <see cref="RowBatch"/>es like <see cref="RowGroupDecoder"/> does (same
/// API, same values), but with its own page reader for what this project's files hold: data pages v1, PLAIN and
/// dictionary values, RLE levels, Snappy or no compression. Strings go from UTF-8 straight into the batch's char
/// arena, so decoding allocates next to nothing per value. A file with anything else (another writer's encodings,
/// codecs, page versions or schema) is read by <see cref="RowGroupDecoder"/> instead, decided at open or, for a
/// surprise inside a page, at the first row group that shows it.
/// </summary>
public sealed class PartFileReader : IAsyncDisposable
{
    private readonly FileMetaData _footer;
    private readonly SafeFileHandle? _file;
    private readonly ColumnChunkReader _pages = new();
    private readonly ColumnDecoder?[] _decoders;
    private RowGroupDecoder? _fallback;

    private PartFileReader(string path, FeatureSchema schema, FileMetaData footer, SafeFileHandle? file, string? fallbackReason)
    {
        Path = path;
        Schema = schema;
        _footer = footer;
        _file = file;
        _decoders = new ColumnDecoder?[schema.Columns.Count];
        FallbackReason = fallbackReason;
    }

    public string Path { get; }
    /// <summary>The file's full schema.</summary>
    public FeatureSchema Schema { get; }
    public int RowGroupCount => _footer.RowGroups.Count;
    public long RowCount(int rowGroup) => _footer.RowGroups[rowGroup].NumRows;

    /// <summary>Why the file is read by Parquet.Net (<see cref="RowGroupDecoder"/>); null while the fast reader reads it.</summary>
    public string? FallbackReason { get; private set; }

    /// <summary>Opens a part file, checking that it has the Parquet schema <paramref name="schema"/> maps to.</summary>
    public static async Task<PartFileReader> OpenAsync(string path, FeatureSchema schema, CancellationToken ct = default)
    {
        var footer = await ParquetFooter.ReadAsync(path, ct);
        var reason = UnsupportedBecause(footer, schema);
        if (reason is not null)
        {
            // RowGroupDecoder reads the file, or refuses it with the same error as before.
            var fallback = await RowGroupDecoder.OpenAsync(path, schema, ct);
            return new PartFileReader(path, schema, footer, null, reason) { _fallback = fallback };
        }
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous | FileOptions.RandomAccess);
        return new PartFileReader(path, schema, footer, file, null);
    }

    /// <summary>Decodes all columns and rows of a row group.</summary>
    public Task<RowBatch> ReadAsync(int rowGroup, CancellationToken ct = default) => ReadAsync(rowGroup, Schema, null, ct);

    /// <summary>
    /// Decodes the columns of <paramref name="columns"/> (the full schema or a projection of it) for the rows
    /// <paramref name="keep"/> keeps (one flag per row of the row group; null keeps all).
    /// </summary>
    public async Task<RowBatch> ReadAsync(int rowGroup, FeatureSchema columns, ReadOnlyMemory<bool>? keep, CancellationToken ct = default)
    {
        var batch = new RowBatch(columns);
        await ReadIntoAsync(rowGroup, batch, keep, ct);
        return batch;
    }

    /// <summary>Appends the kept rows of a row group to <paramref name="target"/>, whose columns are matched by name.</summary>
    public async Task ReadIntoAsync(int rowGroup, RowBatch target, ReadOnlyMemory<bool>? keep, CancellationToken ct = default)
    {
        if (_fallback is not null)
        {
            await _fallback.ReadIntoAsync(rowGroup, target, keep, ct);
            return;
        }
        var (sources, rows, kept) = RowGroupRead.Plan(Path, Schema, RowGroupCount, RowCount, rowGroup, target.Schema, keep);
        BatchAppend.Begin(target);
        try
        {
            var group = _footer.RowGroups[rowGroup];
            for (var c = 0; c < sources.Length; c++)
                await ReadColumnAsync(group.Columns[sources[c]], sources[c], target.Column(c), rows, keep, ct);
        }
        catch (UnsupportedParquetException e)
        {
            BatchAppend.Abort(target);
            FallbackReason = $"{e.Message} (row group {rowGroup})";
            _fallback = await RowGroupDecoder.OpenAsync(Path, Schema, ct);
            await _fallback.ReadIntoAsync(rowGroup, target, keep, ct);
            return;
        }
        catch (Exception e)
        {
            BatchAppend.Abort(target);
            if (e is InvalidDataException) throw new InvalidDataException($"'{Path}', row group {rowGroup}: {e.Message}", e);
            throw;
        }
        BatchAppend.Commit(target, kept);
    }

    private async Task ReadColumnAsync(ColumnChunk chunk, int column, ColumnBuffer target, int rows, ReadOnlyMemory<bool>? keep, CancellationToken ct)
    {
        var spec = Schema[column];
        var decoder = _decoders[column] ??= ColumnDecoder.For(spec);
        var (maxDefinition, maxRepetition) = spec.IsList ? (2, 1) : (spec.Required ? 0 : 1, 0);
        _pages.Open(_file!, chunk.MetaData!, RowGroupRelocator.RangeOf(chunk), maxDefinition, maxRepetition);
        decoder.Begin(target, rows, keep);
        while (await _pages.NextAsync(ct))
        {
            if (_pages.Page.Type == PageType.DICTIONARY_PAGE) decoder.ReadDictionary(_pages);
            else decoder.ReadData(_pages);
        }
        decoder.End();
    }

    // What the footer shows that this reader does not decode; null when it can try (pages may still surprise).
    internal static string? UnsupportedBecause(FileMetaData footer, FeatureSchema schema)
    {
        if (footer.Schema is not { } elements) return "no schema";
        var expected = FileMetaDataSerializer.SerializeSchema(ParquetSchemaElements.For(schema));
        if (!FileMetaDataSerializer.SerializeSchema(elements).AsSpan().SequenceEqual(expected)) return "another schema";
        if (!BitConverter.IsLittleEndian) return "a big-endian machine";
        foreach (var group in footer.RowGroups ?? [])
        {
            if (group.Columns.Count != schema.Columns.Count) return $"{group.Columns.Count} column chunks for {schema.Columns.Count} columns";
            foreach (var chunk in group.Columns)
            {
                if (chunk.MetaData is not { } meta) return "a column chunk without metadata";
                if (chunk.FilePath is not null) return "a column chunk in another file";
                if (chunk.CryptoMetadata is not null || chunk.EncryptedColumnMetadata is not null) return "encryption";
                if (meta.Codec is not (CompressionCodec.SNAPPY or CompressionCodec.UNCOMPRESSED)) return $"codec {meta.Codec}";
                foreach (var e in meta.Encodings ?? [])
                    if (e is not (Encoding.PLAIN or Encoding.RLE or Encoding.RLE_DICTIONARY or Encoding.PLAIN_DICTIONARY)) return $"encoding {e}";
            }
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        _pages.Dispose();
        _file?.Dispose();
        if (_fallback is not null) await _fallback.DisposeAsync();
    }
}
