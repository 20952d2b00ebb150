using System.Runtime.InteropServices;
using AkkaEtl.Catalog;
using AkkaEtl.Features;
using AkkaEtl.Messages;
using AkkaEtl.Storage;

namespace AkkaEtl.Coordinator.Compaction;

/// <summary>An item's versions pass: its work item and the versions file it wrote.</summary>
public sealed record ScannedItem(WorkItem Item, string VersionsKey, long Entries);

/// <summary>
/// From a day's versions files, the records a later version of their key supersedes, by the rule compaction applies
/// (<see cref="VersionEntry.Beats"/>), as one superseded-lines file per item that has any. Memory is a few dozen bytes
/// per distinct key up to <see cref="RowSelection.DefaultMaxKeysInMemory"/> keys; a bigger day is decided in several
/// sweeps, each over a slice of the key hashes.
/// </summary>
public static class SupersededRecords
{
    /// <summary>Returns the superseded-lines key of each item (by <see cref="WorkItem.Index"/>) that has superseded records.</summary>
    public static async Task<IReadOnlyDictionary<int, string>> FindAsync(IObjectStore warehouse, IReadOnlyList<ScannedItem> items,
        string scratch, CancellationToken ct, int maxKeysInMemory = RowSelection.DefaultMaxKeysInMemory)
    {
        Directory.CreateDirectory(scratch);
        var leases = new List<LocalFileLease>();
        try
        {
            foreach (var item in items) leases.Add(await warehouse.FetchToLocalAsync(item.VersionsKey, scratch, ct));
            var total = items.Sum(i => i.Entries);
            var sweeps = (int)Math.Max(1, (total + maxKeysInMemory - 1) / maxKeysInMemory);
            var winners = new Dictionary<UInt128, Candidate>((int)Math.Min(total, maxKeysInMemory));
            var superseded = items.Select(_ => new List<long>()).ToArray();
            for (var sweep = 0; sweep < sweeps; sweep++)
            {
                winners.Clear();
                for (var i = 0; i < items.Count; i++)
                    foreach (var entry in Read(leases[i].Path, ct))
                    {
                        if (sweeps > 1 && (int)((ulong)entry.KeyHash % (ulong)sweeps) != sweep) continue;
                        var candidate = new Candidate(entry.Updated, entry.Posted, i, entry.File, entry.Line);
                        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(winners, entry.KeyHash, out var exists);
                        if (!exists)
                        {
                            slot = candidate;
                        }
                        else if (candidate.Beats(slot, items))
                        {
                            superseded[slot.Item].Add(SupersededLines.Pack(slot.File, slot.Line));
                            slot = candidate;
                        }
                        else
                        {
                            superseded[i].Add(SupersededLines.Pack(entry.File, entry.Line));
                        }
                    }
            }
            var keys = new Dictionary<int, string>();
            for (var i = 0; i < items.Count; i++)
            {
                if (superseded[i].Count == 0) continue;
                var item = items[i].Item;
                var key = CatalogKeys.Superseded(item.Table, item.Day, item.RunId, item.Index);
                await warehouse.PutAsync(key, SupersededLines.Encode(superseded[i]), ct);
                keys[item.Index] = key;
            }
            return keys;
        }
        finally
        {
            foreach (var lease in leases) lease.Dispose();
            try { Directory.Delete(scratch, recursive: true); } catch (IOException) { }
        }
    }

    private static IEnumerable<VersionEntry> Read(string path, CancellationToken ct)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[VersionEntry.Bytes * 4096];
        int filled;
        while ((filled = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false)) > 0)
        {
            ct.ThrowIfCancellationRequested();
            if (filled % VersionEntry.Bytes != 0) throw new InvalidDataException($"the versions file {path} is cut short");
            for (var at = 0; at < filled; at += VersionEntry.Bytes)
                yield return VersionEntry.Read(buffer.AsSpan(at, VersionEntry.Bytes));
        }
    }

    private readonly record struct Candidate(long Updated, long Posted, int Item, int File, long Line)
    {
        public bool Beats(in Candidate other, IReadOnlyList<ScannedItem> items) =>
            VersionEntry.Beats(Updated, Posted, items[Item].Item.Files[File].Key, Line,
                other.Updated, other.Posted, items[other.Item].Item.Files[other.File].Key, other.Line);
    }
}
