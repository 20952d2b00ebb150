using System.Collections.Concurrent;
using AkkaEtl.Features;
using AkkaEtl.Parquet;

namespace AkkaEtl.Coordinator.Compaction;

/// <summary>
/// Turns a <see cref="RowSelection"/> into merge inputs, in order: runs of whole row groups are copied as they are;
/// a row group that loses rows becomes an encoded input, decoded, filtered and re-encoded in memory when the merge
/// gets near it (<see cref="ParquetFileMerger"/> runs a few at once and writes them straight into the output).
/// Batches and buffers are reused across rewrites, so memory stays a few row groups.
/// </summary>
public sealed class RowGroupRewriter(FeatureSchema schema)
{
    private readonly ParquetSchemaMap _map = new(schema);
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
        var rows = _batches.TryTake(out var reused) ? reused : new RowBatch(schema);
        var buffer = _buffers.TryTake(out var stream) ? stream : new MemoryStream();
        try
        {
            rows.Clear();
            await using (var reader = await PartFileReader.OpenAsync(path, schema, ct))
                await reader.ReadIntoAsync(rowGroup, rows, keep, ct);
            buffer.SetLength(0);
            await using var writer = await ColumnarParquetWriter.CreateAsync(buffer, _map, ct: ct);
            await writer.WriteAsync(rows, ct);
            await writer.CompleteAsync(ct);
            return new EncodedRowGroup(buffer, writer.Footer!, b => _buffers.Add(b));
        }
        catch
        {
            _buffers.Add(buffer);
            throw;
        }
        finally
        {
            rows.Clear();
            _batches.Add(rows);
        }
    }
}
