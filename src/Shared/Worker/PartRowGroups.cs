using System.Collections.Concurrent;
using AkkaEtl.Features;
using AkkaEtl.Parquet;

namespace AkkaEtl.Worker;

/// <summary>Row batches kept per node and schema, apart by use: each kind grows to its own size once.</summary>
public sealed class RowBatchPools
{
    public ConcurrentBag<RowBatch> RowGroups { get; } = [];
    public ConcurrentBag<RowBatch> Chunks { get; } = [];
    public ConcurrentBag<RowBatch> Superseded { get; } = [];

    /// <summary>A pooled batch is cleared when it is taken, not when it is given back.</summary>
    public static RowBatch Take(ConcurrentBag<RowBatch> pool, FeatureSchema schema)
    {
        var batch = pool.TryTake(out var reused) ? reused : new RowBatch(schema);
        batch.Clear();
        return batch;
    }
}

/// <summary>
/// Gathers an item's extracted rows into its part's row groups, each within the row and byte limits, and the rows the
/// versions pass found superseded into row groups of their own: compaction drops those whole and copies the others
/// encoded, instead of rewriting every row group that lost a row.
/// </summary>
public sealed class PartRowGroups(PartFileWriter part, RowBatchPools pools, FeatureSchema schema, SupersededLines? superseded, int maxRows, long maxBytes)
{
    private readonly RowBatch _current = RowBatchPools.Take(pools.RowGroups, schema);
    private RowBatch? _superseded;

    /// <summary>Adds the rows of one chunk of the item's file number <paramref name="file"/>.</summary>
    public async Task AddAsync(RowBatch rows, int file, CancellationToken ct)
    {
        if (superseded is not { Count: > 0 })
        {
            await AppendAsync(_current, rows, 0, rows.RowCount, ct);
            return;
        }
        var lines = ((ValueColumn<long>)rows.Column(schema.SourceLineIndex)).Values;
        for (int start = 0, end; start < rows.RowCount; start = end)
        {
            var old = superseded.Contains(file, lines[start]!.Value);
            for (end = start + 1; end < rows.RowCount && superseded.Contains(file, lines[end]!.Value) == old; end++) { }
            var to = old ? _superseded ??= RowBatchPools.Take(pools.Superseded, schema) : _current;
            await AppendAsync(to, rows, start, end - start, ct);
        }
    }

    /// <summary>
    /// Writes what is left and gives the batches back. The superseded rows go last, so that compaction knows where
    /// they are before it reads the keys (see EarlyPlan), unless there were more than a row group of them.
    /// </summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        await part.WriteAsync(_current, ct);
        pools.RowGroups.Add(_current);
        if (_superseded is not null)
        {
            await part.WriteAsync(_superseded, ct);
            pools.Superseded.Add(_superseded);
        }
    }

    private async Task AppendAsync(RowBatch to, RowBatch from, int offset, int count, CancellationToken ct)
    {
        // Row groups never exceed the row limit: compaction copies them whole into files of at most that many rows.
        for (var end = offset + count; offset < end;)
        {
            var take = Math.Min(maxRows - to.RowCount, end - offset);
            to.AppendRange(from, offset, take);
            offset += take;
            if (to.RowCount >= maxRows || to.EstimatedBytes >= maxBytes)
            {
                await part.WriteAsync(to, ct);
                to.Clear();
            }
        }
    }
}
