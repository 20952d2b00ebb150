using System.Collections.Concurrent;
using AkkaEtl.Features;
using AkkaEtl.Parquet;
using Parquet.Meta;

namespace AkkaEtl.Coordinator.Compaction;

/// <summary>
/// Turns a <see cref="RowSelection"/> into merge inputs, in order: runs of whole row groups are copied as they are;
/// a row group that loses rows becomes an encoded input, made in memory when the merge gets near it
/// (<see cref="ParquetFileMerger"/> runs a few at once and writes them straight into the output). It is filtered page
/// by page without decoding values (<see cref="RowGroupPageFilter"/>), or, for a file that filter does not know,
/// decoded, filtered and re-encoded. Filters, batches and buffers are reused, so memory stays a few row groups.
/// </summary>
public sealed class RowGroupRewriter(FeatureSchema schema) : IDisposable
{
    private readonly ParquetSchemaMap _map = new(schema);
    private readonly ConcurrentDictionary<string, Lazy<Task<FileMetaData>>> _footers = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<RowGroupPageFilter> _filters = [];
    private readonly ConcurrentBag<RowBatch> _batches = [];
    private readonly ConcurrentBag<MemoryStream> _buffers = [];

    public IReadOnlyList<MergeInput> Plan(RowSelection selection)
    {
        var inputs = new List<MergeInput>();
        for (var i = 0; i < selection.Inputs.Count; i++)
        {
            var path = selection.Inputs[i].Path;
            var whole = new List<int>();
            for (var rg = 0; rg < selection.RowGroups(i); rg++)
            {
                var keep = selection.Keep(i, rg);
                if (keep is null)
                {
                    whole.Add(rg);
                    continue;
                }
                var kept = keep.Count(k => k);
                if (kept == 0) continue;
                if (whole.Count > 0)
                {
                    inputs.Add(new MergeInput(path, whole));
                    whole = [];
                }
                var rowGroup = rg;
                inputs.Add(MergeInput.Encoded($"row group {rg} of '{path}', rewritten", kept, ct => RewriteAsync(path, rowGroup, keep, ct)));
            }
            if (whole.Count > 0) inputs.Add(new MergeInput(path, whole));
        }
        return inputs;
    }

    private async Task<EncodedRowGroup> RewriteAsync(string path, int rowGroup, bool[] keep, CancellationToken ct)
    {
        var buffer = _buffers.TryTake(out var stream) ? stream : new MemoryStream();
        buffer.SetLength(0);
        try
        {
            var footer = await _footers.GetOrAdd(path, p => new Lazy<Task<FileMetaData>>(() => ParquetFooter.ReadAsync(p, CancellationToken.None))).Value;
            var filter = _filters.TryTake(out var reused) ? reused : new RowGroupPageFilter();
            try
            {
                using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous | FileOptions.RandomAccess);
                if (await filter.TryFilterAsync(file, footer, schema, rowGroup, keep, buffer, ct) is { } filtered)
                    return new EncodedRowGroup(buffer, filtered, b => _buffers.Add(b));
            }
            finally
            {
                _filters.Add(filter);
            }
            buffer.SetLength(0);
            return new EncodedRowGroup(buffer, await DecodeAndEncodeAsync(path, rowGroup, keep, buffer, ct), b => _buffers.Add(b));
        }
        catch
        {
            _buffers.Add(buffer);
            throw;
        }
    }

    private async Task<FileMetaData> DecodeAndEncodeAsync(string path, int rowGroup, bool[] keep, MemoryStream buffer, CancellationToken ct)
    {
        var rows = _batches.TryTake(out var reused) ? reused : new RowBatch(schema);
        try
        {
            rows.Clear();
            await using (var reader = await PartFileReader.OpenAsync(path, schema, ct))
                await reader.ReadIntoAsync(rowGroup, rows, keep, ct);
            await using var writer = await ColumnarParquetWriter.CreateAsync(buffer, _map, ct: ct);
            await writer.WriteAsync(rows, ct);
            await writer.CompleteAsync(ct);
            return writer.Footer!;
        }
        finally
        {
            rows.Clear();
            _batches.Add(rows);
        }
    }

    public void Dispose()
    {
        while (_filters.TryTake(out var filter)) filter.Dispose();
    }
}
