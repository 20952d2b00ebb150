using AkkaEtl.Catalog;
using AkkaEtl.Ingest;
using AkkaEtl.Messages;
using AkkaEtl.Storage;

namespace AkkaEtl.Coordinator.Actors;

/// <summary>Finds a day's raw files, decides which need processing, and groups those into work items.</summary>
public static class DayPlanner
{
    /// <summary>gzip is counted at this multiple of its size when packing, as roughly what it inflates to.</summary>
    public const int GzipExpansion = 4;

    public static async Task<IReadOnlyList<SourceFileRef>> DiscoverAsync(IObjectStore source, DateOnly day, CancellationToken ct)
    {
        var files = new List<SourceFileRef>();
        await foreach (var o in source.ListAsync(SourceFiles.DayPrefix(day), ct))
            if (SourceFiles.IsSource(o.Key))
                files.Add(new SourceFileRef(o.Key, o.Size, o.Version));
        return files;
    }

    /// <summary>
    /// The run's plan. Without a previous manifest every file is processed. With one, only new and changed files are
    /// (a file is unchanged when its key, size and version — ETag or mtime — match); changed and deleted files'
    /// rows leave the partition.
    /// </summary>
    public static (DayPlan Plan, IReadOnlyList<IReadOnlyList<SourceFileRef>> Items) Plan(string table, string day, string runId,
        IReadOnlyList<SourceFileRef> current, SourceManifest? previous, long targetBytes, int maxFiles)
    {
        var before = previous?.Sources.ToDictionary(s => s.Key, StringComparer.Ordinal) ?? [];
        var unchanged = new List<SourceManifestEntry>();
        var toProcess = new List<SourceFileRef>();
        foreach (var f in current)
        {
            if (previous is not null && before.TryGetValue(f.Key, out var was) && was.Version == f.Version && was.Size == f.Size)
                unchanged.Add(was);
            else
                toProcess.Add(f);
        }
        var kept = unchanged.Select(u => u.Key).ToHashSet(StringComparer.Ordinal);
        var removed = before.Keys.Where(k => !kept.Contains(k)).Order(StringComparer.Ordinal).ToList();
        var items = Pack(toProcess, targetBytes, maxFiles);
        var processed = items.SelectMany((files, index) => files.Select(f => new SourceManifestEntry(f.Key, f.Size, f.Version, runId, index)));
        var sources = unchanged.Concat(processed).OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
        return (new DayPlan(table, day, runId, previous is not null, previous?.Version, sources, removed), items);
    }

    /// <summary>
    /// Bin-packs files in key order (deterministic, neighbours together) up to a target size and a file count: a day
    /// of 50,000 small files becomes a few dozen items, and a file bigger than the target is an item alone.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<SourceFileRef>> Pack(IReadOnlyList<SourceFileRef> files, long targetBytes, int maxFiles)
    {
        var items = new List<IReadOnlyList<SourceFileRef>>();
        var current = new List<SourceFileRef>();
        long size = 0;
        foreach (var f in files)
        {
            var weight = SourceFiles.IsGzip(f.Key) ? f.Size * GzipExpansion : f.Size;
            if (current.Count > 0 && (size + weight > targetBytes || current.Count >= maxFiles))
            {
                items.Add(current);
                current = [];
                size = 0;
            }
            current.Add(f);
            size += weight;
        }
        if (current.Count > 0) items.Add(current);
        return items;
    }
}
