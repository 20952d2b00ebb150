using AkkaEtl.Catalog;
using AkkaEtl.Parquet;
using AkkaEtl.Storage;
using static AkkaEtl.Messages.CompactionProtocol;

namespace AkkaEtl.Coordinator.Compaction;

/// <summary>The files a compaction wrote, before the catalog commits them.</summary>
public sealed record CompactedFiles(string Version, IReadOnlyList<DataFileEntry> Files, long DuplicatesDropped)
{
    public long Rows => Files.Sum(f => f.Rows);
    public long Bytes => Files.Sum(f => f.Bytes);
}

/// <summary>
/// Merges a day's parts into the partition's files under a new version name, by copying encoded row groups (no
/// decoding, no day in memory). New files never overwrite the committed ones, so until the catalog commits, readers
/// keep the previous version; files left by a crash are removed by the next compaction of the day.
/// </summary>
public sealed class DayCompactor(ObjectStoreProvider stores)
{
    public static string NewVersion() => $"v{DateTime.UtcNow:yyyyMMddHHmmssfff}{Random.Shared.Next(0x1000):x3}";

    public async Task<CompactedFiles> WriteAsync(CompactDay request, string version, CancellationToken ct)
    {
        var warehouse = stores.Get(request.Warehouse);
        var previous = await new CatalogStore(warehouse).GetPartitionAsync(request.Table, request.Day, ct);
        await RemoveUncommittedAsync(warehouse, request.Table, request.Day, previous, ct);

        var scratch = Path.Combine(warehouse.ScratchDirectory, $"compact-{request.Table}-{request.Day}-{version}");
        Directory.CreateDirectory(scratch);
        var leases = new List<LocalFileLease>();
        try
        {
            foreach (var part in request.Parts) leases.Add(await warehouse.FetchToLocalAsync(part.Key, scratch, ct));
            var merger = new ParquetFileMerger(new ParquetMergeOptions { MaxRowsPerFile = request.MaxRowsPerFile });
            var outputs = await merger.MergeAsync(leases.Select(l => l.Path).ToList(), i => Path.Combine(scratch, $"out-{i:D5}.parquet"), ct);
            var files = new List<DataFileEntry>();
            for (var i = 0; i < outputs.Count; i++)
            {
                var key = CatalogKeys.DataFile(request.Table, request.Day, version, i);
                await warehouse.PublishFileAsync(outputs[i].Path, key, ct);
                files.Add(new DataFileEntry(key, outputs[i].Rows, outputs[i].Bytes, outputs[i].RowGroups));
            }
            return new CompactedFiles(version, files, 0);
        }
        finally
        {
            foreach (var l in leases) l.Dispose();
            TryDeleteDirectory(scratch);
        }
    }

    /// <summary>After the commit: the replaced version's files, the staging parts and older runs' rejects go.</summary>
    public async Task CleanUpAsync(CompactDay request, PartitionEntry committed, CancellationToken ct)
    {
        var warehouse = stores.Get(request.Warehouse);
        await RemoveUncommittedAsync(warehouse, request.Table, request.Day, committed, ct);
        await DeleteWhereAsync(warehouse, CatalogKeys.StagingPrefix(request.Table, request.Day), _ => true, ct);
        var currentRejects = CatalogKeys.RejectsPrefix(request.Table, request.Day) + request.RunId + "/";
        await DeleteWhereAsync(warehouse, CatalogKeys.RejectsPrefix(request.Table, request.Day), k => !k.StartsWith(currentRejects, StringComparison.Ordinal), ct);
    }

    /// <summary>Deletes the files in the partition folder that the committed entry does not list.</summary>
    public async Task RemoveUncommittedAsync(IObjectStore warehouse, string table, string day, PartitionEntry? committed, CancellationToken ct)
    {
        var keep = committed?.Files.Select(f => f.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        await DeleteWhereAsync(warehouse, CatalogKeys.PartitionPrefix(table, day), k => !keep.Contains(k), ct);
    }

    public async Task DeleteNewFilesAsync(string warehouseRoot, CompactedFiles files, CancellationToken ct) =>
        await stores.Get(warehouseRoot).DeleteAsync(files.Files.Select(f => f.Key).ToList(), ct);

    private static async Task DeleteWhereAsync(IObjectStore store, string prefix, Func<string, bool> predicate, CancellationToken ct)
    {
        var doomed = new List<string>();
        await foreach (var o in store.ListAsync(prefix, ct))
            if (predicate(o.Key)) doomed.Add(o.Key);
        if (doomed.Count > 0) await store.DeleteAsync(doomed, ct);
    }

    private static void TryDeleteDirectory(string dir)
    {
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
