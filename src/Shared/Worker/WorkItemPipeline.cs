using System.Collections.Concurrent;
using System.Diagnostics;
using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using AkkaEtl.Catalog;
using AkkaEtl.Features;
using AkkaEtl.Ingest;
using AkkaEtl.Messages;
using AkkaEtl.Parquet;
using AkkaEtl.Storage;

namespace AkkaEtl.Worker;

public sealed record PipelineOptions
{
    /// <summary>Chunks of lines extracted at once, across the cores.</summary>
    public int ExtractionParallelism { get; init; } = Environment.ProcessorCount;
    /// <summary>A row group is written when it reaches this many rows...</summary>
    public int RowGroupMaxRows { get; init; } = 100_000;
    /// <summary>...or this much memory, whichever comes first: memory per item stays bounded whatever the file size.</summary>
    public long RowGroupMaxBytes { get; init; } = 64L << 20;
    public LineReaderOptions Lines { get; init; } = new();
}

/// <summary>
/// One Akka.Streams graph per work item: read → split lines → parse and extract (parallel) → batch → Parquet part,
/// with backpressure end to end. The part goes to a deterministic staging key, so a retried item overwrites its
/// earlier attempt instead of adding to it.
/// </summary>
public sealed class WorkItemPipeline(ObjectStoreProvider stores, PipelineOptions options)
{
    // Row batches outlive their item: each grows to its size once per node instead of once per item. A fresh 64 MiB
    // row-group batch per item was most of a day's garbage and made the peaks of memory depend on the GC's timing.
    private readonly ConcurrentDictionary<FeatureSchema, RowBatchPools> _pools = new(ReferenceEqualityComparer.Instance);

    public async Task<ItemResult> RunAsync(WorkItem item, string node, IMaterializer materializer, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var source = stores.Get(item.SourceRoot);
        var warehouse = stores.Get(item.WarehouseRoot);
        var loaded = ExtractorLoader.Get(item.Extractor);
        var extractor = new ChunkExtractor(loaded.Extractor, loaded.Schema, options.Lines.LineLimit);
        var day = DateOnly.ParseExact(item.Day, "yyyy-MM-dd");
        var scratch = Path.Combine(warehouse.ScratchDirectory, $"{item.Table}-{item.Day}-{item.RunId}-{item.Index:D5}-{Guid.NewGuid():N}");
        var counters = item.Files.Select(_ => new ReadCounters()).ToArray();

        await using var part = await PartFileWriter.CreateAsync(scratch + ".parquet", new ParquetSchemaMap(loaded.Schema), ct: ct);
        await using var rejects = new RejectsWriter(scratch + ".rejects.jsonl");
        var pools = _pools.GetOrAdd(loaded.Schema, _ => new RowBatchPools());
        long rows = 0, fieldErrors = 0;
        var superseded = item.SupersededKey is { } supersededKey && await warehouse.TryGetAsync(supersededKey, ct) is { } hint
            ? SupersededLines.Decode(hint)
            : null;
        var rowGroups = new PartRowGroups(part, pools, loaded.Schema, superseded, Math.Min(options.RowGroupMaxRows, item.RowGroupMaxRows),
            options.RowGroupMaxBytes);

        await Source.From(() => SourceChunks.ReadAllAsync(source, item.Files, options.Lines, counters, ct))
            .SelectAsync(options.ExtractionParallelism, chunk => Task.Run(() =>
            {
                var rows = RowBatchPools.Take(pools.Chunks, loaded.Schema);
                using (chunk) return (File: chunk.FileIndex, Extracted: extractor.Extract(chunk, item.Files[chunk.FileIndex].Key, day, rows));
            }, ct))
            .SelectAsync(1, async c =>
            {
                var chunk = c.Extracted;
                await rejects.WriteAsync(chunk.Rejects, ct);
                rows += chunk.Rows.RowCount;
                fieldErrors += chunk.Rows.FieldErrors;
                await rowGroups.AddAsync(chunk.Rows, c.File, ct);
                pools.Chunks.Add(chunk.Rows);
                return NotUsed.Instance;
            })
            .RunWith(Sink.Ignore<NotUsed>(), materializer);

        await rowGroups.CompleteAsync(ct);
        var partBytes = await part.CompleteAsync();
        string? partKey = null, rejectsKey = null;
        try
        {
            if (rows > 0)
            {
                partKey = CatalogKeys.Part(item.Table, item.Day, item.RunId, item.Index);
                await warehouse.PublishFileAsync(part.Path, partKey, ct);
            }
            else
            {
                File.Delete(part.Path);
            }
            if (await rejects.CompleteAsync() is { } rejectsPath)
            {
                rejectsKey = CatalogKeys.Rejects(item.Table, item.Day, item.RunId, item.Index);
                await warehouse.PublishFileAsync(rejectsPath, rejectsKey, ct);
            }
        }
        finally
        {
            // A publish moves or uploads and deletes; one that failed for good must not leave the scratch disk filling up.
            File.Delete(scratch + ".parquet");
            File.Delete(scratch + ".rejects.jsonl");
        }
        return new ItemResult(
            Lines: counters.Sum(c => c.Lines),
            BlankLines: counters.Sum(c => c.BlankLines),
            Rows: rows,
            Rejected: rejects.Count,
            FieldErrors: fieldErrors,
            InputBytes: item.Bytes,
            PartKey: partKey,
            PartBytes: rows > 0 ? partBytes : 0,
            RejectsKey: rejectsKey,
            Node: node,
            Seconds: watch.Elapsed.TotalSeconds);
    }
}
