using AkkaEtl.Ingest;
using AkkaEtl.Messages;
using AkkaEtl.Storage;

namespace AkkaEtl.Coordinator.Actors;

/// <summary>Finds a day's raw files and groups them into work items.</summary>
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
