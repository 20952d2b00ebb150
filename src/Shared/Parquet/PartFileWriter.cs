using AkkaEtl.Features;
using Parquet;

namespace AkkaEtl.Parquet;

/// <summary>
/// A Snappy Parquet file written row group by row group to a local path, with <see cref="ColumnarParquetWriter"/>.
/// Disposing without <see cref="CompleteAsync"/> deletes the file, so a failed write leaves nothing behind.
/// </summary>
public sealed class PartFileWriter : IAsyncDisposable
{
    private readonly FileStream _file;
    private readonly ColumnarParquetWriter _writer;
    private bool _completed;

    private PartFileWriter(string path, FileStream file, ColumnarParquetWriter writer)
    {
        Path = path;
        _file = file;
        _writer = writer;
    }

    public string Path { get; }
    public long Rows => _writer.Rows;
    public int RowGroups => _writer.RowGroups;

    /// <summary>
    /// Parquet.Net options equivalent to the parts' layout (Snappy; dictionary encoding decided on a sample), for code
    /// that writes this project's tables with Parquet.Net itself.
    /// </summary>
    public static ParquetOptions Options => new() { CompressionMethod = CompressionMethod.Snappy, DictionaryEncodingSampleSize = 1000 };

    public static async Task<PartFileWriter> CreateAsync(string path, ParquetSchemaMap map, IReadOnlyDictionary<string, string>? metadata = null, CancellationToken ct = default)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 20);
        try
        {
            var writer = await ColumnarParquetWriter.CreateAsync(file, map, metadata, ct: ct);
            return new PartFileWriter(path, file, writer);
        }
        catch
        {
            await file.DisposeAsync();
            File.Delete(path);
            throw;
        }
    }

    public Task WriteAsync(RowBatch batch, CancellationToken ct = default) => _writer.WriteAsync(batch, ct);

    /// <summary>Writes the footer and closes the file; returns its size.</summary>
    public async Task<long> CompleteAsync()
    {
        await _writer.CompleteAsync();
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
        await _writer.DisposeAsync();
        await _file.DisposeAsync();
        File.Delete(Path);
    }
}
