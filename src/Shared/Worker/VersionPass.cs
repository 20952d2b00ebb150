using System.Buffers;
using System.Diagnostics;
using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using AkkaEtl.Catalog;
using AkkaEtl.Features;
using AkkaEtl.Ingest;
using AkkaEtl.Messages;
using AkkaEtl.Storage;

namespace AkkaEtl.Worker;

/// <summary>
/// An item's versions pass: every record's key and version (<see cref="VersionEntry"/>) into a staging file, read and
/// parsed like the rows pass but not extracted. The coordinator finds the day's superseded records from these files
/// before any part is written.
/// </summary>
public sealed class VersionPass(ObjectStoreProvider stores, PipelineOptions options)
{
    public async Task<ItemResult> RunAsync(WorkItem item, string node, IMaterializer materializer, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var source = stores.Get(item.SourceRoot);
        var warehouse = stores.Get(item.WarehouseRoot);
        var loaded = ExtractorLoader.Get(item.Extractor);
        var reader = loaded.Extractor as IRecordVersionReader
                     ?? throw new InvalidOperationException($"the extractor {item.Extractor} does not read record versions");
        var counters = item.Files.Select(_ => new ReadCounters()).ToArray();
        var scratch = Path.Combine(warehouse.ScratchDirectory, $"{item.Table}-{item.Day}-{item.RunId}-{item.Index:D5}-{Guid.NewGuid():N}.versions");
        long bytes = 0;
        Directory.CreateDirectory(warehouse.ScratchDirectory);
        try
        {
            await using (var file = new FileStream(scratch, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await Source.From(() => SourceChunks.ReadAllAsync(source, item.Files, options.Lines, counters, ct))
                    .SelectAsync(options.ExtractionParallelism, chunk => Task.Run(() =>
                    {
                        using (chunk)
                        {
                            var buffer = ArrayPool<byte>.Shared.Rent(chunk.Count * VersionEntry.Bytes);
                            return (Buffer: buffer, Length: ChunkExtractor.ReadVersions(chunk, reader, buffer));
                        }
                    }, ct))
                    .SelectAsync(1, async written =>
                    {
                        try
                        {
                            await file.WriteAsync(written.Buffer.AsMemory(0, written.Length), ct);
                            bytes += written.Length;
                        }
                        finally
                        {
                            ArrayPool<byte>.Shared.Return(written.Buffer);
                        }
                        return NotUsed.Instance;
                    })
                    .RunWith(Sink.Ignore<NotUsed>(), materializer);
            }
            var key = CatalogKeys.Versions(item.Table, item.Day, item.RunId, item.Index);
            await warehouse.PublishFileAsync(scratch, key, ct);
            return new ItemResult(
                Lines: counters.Sum(c => c.Lines),
                BlankLines: counters.Sum(c => c.BlankLines),
                Rows: bytes / VersionEntry.Bytes,
                Rejected: 0,
                FieldErrors: 0,
                InputBytes: item.Bytes,
                PartKey: key,
                PartBytes: bytes,
                RejectsKey: null,
                Node: node,
                Seconds: watch.Elapsed.TotalSeconds);
        }
        finally
        {
            File.Delete(scratch);
        }
    }
}
