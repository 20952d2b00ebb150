using AkkaEtl.Catalog;
using AkkaEtl.Features;
using AkkaEtl.Messages;
using AkkaEtl.Parquet;
using AkkaEtl.Storage;
using static AkkaEtl.Messages.CompactionProtocol;

namespace AkkaEtl.Coordinator.Compaction;

/// <summary>The files a compaction wrote, before the catalog commits them.</summary>
public sealed record CompactedFiles(string Version, IReadOnlyList<DataFileEntry> Files, long DuplicatesDropped, long RemovedRows, string ManifestKey,
    int RowGroupsCopied = 0, int RowGroupsRewritten = 0, EarlyCopy EarlyCopy = EarlyCopy.NotTried)
{
    public long Rows => Files.Sum(f => f.Rows);
    public long Bytes => Files.Sum(f => f.Bytes);
}

/// <summary>
/// Builds a new version of a day's partition: the new parts and, for an incremental run, the committed files
/// without the rows of changed or deleted sources, deduplicated on the key column. Row groups that keep all their
/// rows are copied encoded (no decoding; a day never sits in memory); only row groups that lose rows are decoded and
/// rewritten. New files never overwrite committed ones, so until the catalog commits, readers keep the previous
/// version; files left by a crash are removed by the next compaction of the day.
/// </summary>
/// <param name="retainReplaced">
/// How long a replaced version's files stay after the swap, for queries that read the previous catalog entry a moment
/// ago; null: 10 minutes on S3, none for a local warehouse.
/// </param>
public sealed class DayCompactor(ObjectStoreProvider stores, BackgroundDeletions deletions, TimeSpan? retainReplaced = null)
{
    public TimeSpan RetainReplaced(IObjectStore warehouse) =>
        retainReplaced ?? (warehouse is LocalObjectStore ? TimeSpan.Zero : TimeSpan.FromMinutes(10));

    public static string NewVersion() => $"v{DateTime.UtcNow:yyyyMMddHHmmssfff}{Random.Shared.Next(0x1000):x3}";

    public async Task<CompactedFiles> WriteAsync(CompactDay request, string version, CancellationToken ct)
    {
        var warehouse = stores.Get(request.Warehouse);
        var catalog = new CatalogStore(warehouse);
        var previous = await catalog.GetPartitionAsync(request.Table, request.Day, ct);
        await RemoveUncommittedAsync(warehouse, request.Table, request.Day, previous, ct);
        var plan = await catalog.ReadAsync<DayPlan>(request.PlanKey, ct)
                   ?? throw new InvalidOperationException($"the plan {warehouse.Describe(request.PlanKey)} is missing");
        var schema = new FeatureSchema(request.Columns);

        var scratch = Path.Combine(warehouse.ScratchDirectory, $"compact-{request.Table}-{request.Day}-{version}");
        Directory.CreateDirectory(scratch);
        var leases = new List<LocalFileLease>();
        try
        {
            var inputs = new List<CompactionInput>();
            if (request.Incremental && previous is not null)
                foreach (var f in previous.Files)
                {
                    var lease = await warehouse.FetchToLocalAsync(f.Key, scratch, ct);
                    leases.Add(lease);
                    inputs.Add(new CompactionInput(lease.Path, Carried: true));
                }
            foreach (var part in request.Parts.Where(p => p.Key.Length > 0))
            {
                var lease = await warehouse.FetchToLocalAsync(part.Key, scratch, ct);
                leases.Add(lease);
                inputs.Add(new CompactionInput(lease.Path, Carried: false));
            }

            var merger = new ParquetFileMerger(new ParquetMergeOptions { MaxRowsPerFile = request.MaxRowsPerFile });
            using var early = await EarlyPlan.TryStartAsync(request, inputs, merger, scratch, ct);
            var selection = await RowSelection.ComputeAsync(inputs, schema, request.Deduplicate ? request.KeyColumn : null,
                plan.Removed.ToHashSet(StringComparer.Ordinal), scratch, ct);
            var outputs = early is null ? null : await early.OutputsIfAgreedAsync(selection);
            if (outputs is null)
            {
                using var rewriter = new RowGroupRewriter(schema);
                outputs = await merger.MergeAsync(rewriter.Plan(selection), i => Path.Combine(scratch, $"out-{i:D5}.parquet"), ct);
            }

            var files = new List<DataFileEntry>();
            for (var i = 0; i < outputs.Count; i++)
            {
                var key = CatalogKeys.DataFile(request.Table, request.Day, version, i);
                await warehouse.PublishFileAsync(outputs[i].Path, key, ct);
                files.Add(new DataFileEntry(key, outputs[i].Rows, outputs[i].Bytes, outputs[i].RowGroups));
            }
            var manifestKey = CatalogKeys.Manifest(request.Table, request.Day, version);
            var byItem = request.Parts.ToDictionary(p => p.ItemIndex);
            var sources = plan.Sources
                .Select(s => s.RunId == plan.RunId && byItem.TryGetValue(s.Item, out var part) ? s with { Node = part.Node, Attempts = part.Attempts } : s)
                .ToList();
            await catalog.WriteAsync(manifestKey, new SourceManifest(request.Table, request.Day, version, sources), ct);
            var (copied, rewritten, _) = selection.RowGroupCounts();
            return new CompactedFiles(version, files, selection.Duplicates, selection.RemovedRows, manifestKey, copied, rewritten,
                early is null ? EarlyCopy.NotTried : early.Agreed ? EarlyCopy.Used : EarlyCopy.Discarded);
        }
        finally
        {
            foreach (var l in leases) l.Dispose();
            TryDeleteDirectory(scratch);
        }
    }

    /// <summary>
    /// After the commit: the replaced version's files and manifest go (at once, or after the retention time into the
    /// trash), as do older runs' rejects; trash that is due is emptied. The day's staging (this run's parts and what
    /// dead runs left) is listed now, while no other run of the day can start, and deleted in the background: the day
    /// is committed, and deleting the parts need not hold up its reply.
    /// </summary>
    public async Task CleanUpAsync(CompactDay request, PartitionEntry committed, CancellationToken ct)
    {
        var warehouse = stores.Get(request.Warehouse);
        var retain = RetainReplaced(warehouse);
        if (retain > TimeSpan.Zero)
        {
            var replaced = await UncommittedAsync(warehouse, request.Table, request.Day, committed, ct);
            if (replaced.Count > 0)
                await new CatalogStore(warehouse).WriteAsync(CatalogKeys.Trash(request.Table, request.Day, committed.Version),
                    new TrashEntry(request.Table, request.Day, committed.Version, replaced, DateTimeOffset.UtcNow + retain), ct);
        }
        else
        {
            await RemoveUncommittedAsync(warehouse, request.Table, request.Day, committed, ct);
        }
        await EmptyDueTrashAsync(warehouse, ct);
        var currentRejects = CatalogKeys.RejectsPrefix(request.Table, request.Day) + request.RunId + "/";
        await DeleteWhereAsync(warehouse, CatalogKeys.RejectsPrefix(request.Table, request.Day), k => !k.StartsWith(currentRejects, StringComparison.Ordinal), ct);
        var staging = new List<string>();
        await foreach (var o in warehouse.ListAsync(CatalogKeys.StagingPrefix(request.Table, request.Day), ct)) staging.Add(o.Key);
        deletions.Delete(warehouse, staging, $"the staging of {request.Table} {request.Day}");
    }

    /// <summary>
    /// Before a run: what earlier runs left behind (uncommitted files of a crash, staging of dead runs) goes, so that
    /// even a run with nothing new to do leaves the day tidy.
    /// </summary>
    public static async Task TidyAsync(IObjectStore warehouse, string table, string day, PartitionEntry? committed, CancellationToken ct)
    {
        await RemoveUncommittedAsync(warehouse, table, day, committed, ct);
        await DeleteWhereAsync(warehouse, CatalogKeys.StagingPrefix(table, day), _ => true, ct);
    }

    /// <summary>Deletes the data files and manifests of the day that neither the committed entry nor retained trash references.</summary>
    public static async Task RemoveUncommittedAsync(IObjectStore warehouse, string table, string day, PartitionEntry? committed, CancellationToken ct)
    {
        var doomed = await UncommittedAsync(warehouse, table, day, committed, ct);
        var catalog = new CatalogStore(warehouse);
        await foreach (var o in warehouse.ListAsync($"{CatalogKeys.TrashPrefix}{table}/day_partition={day}/", ct))
            if (await catalog.ReadAsync<TrashEntry>(o.Key, ct) is { } entry && entry.NotBefore > DateTimeOffset.UtcNow)
                doomed.RemoveAll(entry.Keys.Contains);
        if (doomed.Count > 0) await warehouse.DeleteAsync(doomed, ct);
    }

    private static async Task<List<string>> UncommittedAsync(IObjectStore warehouse, string table, string day, PartitionEntry? committed, CancellationToken ct)
    {
        var keep = committed?.Files.Select(f => f.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        if (committed?.Lineage.ManifestKey is { } manifest) keep.Add(manifest);
        var result = new List<string>();
        foreach (var prefix in new[] { CatalogKeys.PartitionPrefix(table, day), CatalogKeys.ManifestsPrefix(table, day) })
            await foreach (var o in warehouse.ListAsync(prefix, ct))
                if (!keep.Contains(o.Key)) result.Add(o.Key);
        return result;
    }

    /// <summary>Deletes replaced files whose retention is over, in every table and day.</summary>
    public static async Task EmptyDueTrashAsync(IObjectStore warehouse, CancellationToken ct)
    {
        var catalog = new CatalogStore(warehouse);
        var entries = new List<(string Key, TrashEntry Entry)>();
        await foreach (var o in warehouse.ListAsync(CatalogKeys.TrashPrefix, ct))
            if (await catalog.ReadAsync<TrashEntry>(o.Key, ct) is { } e && e.NotBefore <= DateTimeOffset.UtcNow)
                entries.Add((o.Key, e));
        foreach (var (key, entry) in entries)
        {
            await warehouse.DeleteAsync(entry.Keys, ct);
            await warehouse.DeleteAsync([key], ct);
        }
    }

    public async Task DeleteNewFilesAsync(string warehouseRoot, CompactedFiles files, CancellationToken ct) =>
        await stores.Get(warehouseRoot).DeleteAsync([.. files.Files.Select(f => f.Key), files.ManifestKey], ct);

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
