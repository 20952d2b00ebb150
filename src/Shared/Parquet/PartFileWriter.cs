using AkkaEtl.Features;
using Parquet;

namespace AkkaEtl.Parquet;

/// <summary>
/// A Snappy Parquet file written row group by row group to a local path. Disposing without
/// <see cref="CompleteAsync"/> deletes the file, so a failed write leaves nothing behind.
/// </summary>
public sealed class PartFileWriter : IAsyncDisposable
{
    private readonly FileStream _file;
    private readonly ParquetWriter _writer;
    private readonly ParquetSchemaMap _map;
    private bool _completed;

    private PartFileWriter(string path, FileStream file, ParquetWriter writer, ParquetSchemaMap map)
    {
        Path = path;
        _file = file;
        _writer = writer;
        _map = map;
    }

    public string Path { get; }
    public long Rows { get; private set; }
    public int RowGroups { get; private set; }

    /// <summary>
    /// Snappy; dictionary encoding decided on a sample, so that a column of unique texts (descriptions) is not hashed
    /// in full before being written plain, while low-cardinality columns (source, country, currency) still get one.
    /// </summary>
    public static ParquetOptions Options => new() { CompressionMethod = CompressionMethod.Snappy, DictionaryEncodingSampleSize = 1000 };

    public static async Task<PartFileWriter> CreateAsync(string path, ParquetSchemaMap map, IReadOnlyDictionary<string, string>? metadata = null, CancellationToken ct = default)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 20);
        try
        {
            var writer = await ParquetWriter.CreateAsync(map.Parquet, file, Options, append: false, ct);
            if (metadata is not null) writer.CustomMetadata = metadata;
            return new PartFileWriter(path, file, writer, map);
        }
        catch
        {
            await file.DisposeAsync();
            File.Delete(path);
            throw;
        }
    }

    public async Task WriteAsync(RowBatch batch, CancellationToken ct = default)
    {
        if (batch.RowCount == 0) return;
        await RowGroupWriter.WriteAsync(_writer, _map, batch, ct);
        Rows += batch.RowCount;
        RowGroups++;
    }

    /// <summary>Writes the footer and closes the file; returns its size.</summary>
    public async Task<long> CompleteAsync()
    {
        await _writer.DisposeAsync();
        await _file.FlushAsync();
        var size = _file.Length;
        await _file.DisposeAsync();
        _completed = true;
        return size;
    }

    public async ValueTask DisposeAsync()
    {
        if (_completed) return;
        try { await _writer.DisposeAsync(); } catch (Exception) { /* already failing */ }
        await _file.DisposeAsync();
        File.Delete(Path);
    }
}
