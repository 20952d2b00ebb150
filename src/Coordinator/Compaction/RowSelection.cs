using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using AkkaEtl.Features;
using AkkaEtl.Parquet;

namespace AkkaEtl.Coordinator.Compaction;

/// <summary>A Parquet file going into a compaction: a committed file of the day (carried over) or a new part.</summary>
public sealed record CompactionInput(string Path, bool Carried);

/// <summary>
/// Which rows of a day's inputs survive, decided in one pass over the key columns only (the key, updated_at,
/// posted_at, source_file, source_line): rows of removed sources go, and of the rows sharing a key the latest wins
/// (updated_at, then posted_at, then the latest source file and line). Memory is one flag per row and, up to
/// <see cref="DefaultMaxKeysInMemory"/> rows, a few dozen bytes per distinct key; a bigger day's keys are spilled to
/// hash partitions and decided one partition at a time. Never the rows themselves.
/// </summary>
public sealed class RowSelection
{
    private RowSelection(IReadOnlyList<CompactionInput> inputs, bool[]?[][] keep, long duplicates, long removedRows, long keptRows)
    {
        Inputs = inputs;
        _keep = keep;
        Duplicates = duplicates;
        RemovedRows = removedRows;
        KeptRows = keptRows;
    }

    private readonly bool[]?[][] _keep;

    public IReadOnlyList<CompactionInput> Inputs { get; }
    public long Duplicates { get; }
    public long RemovedRows { get; }
    public long KeptRows { get; }
    public int RowGroups(int input) => _keep[input].Length;

    /// <summary>Row groups kept whole (copied encoded), losing some rows (rewritten) and losing all (dropped).</summary>
    public (int Copied, int Rewritten, int Dropped) RowGroupCounts()
    {
        int copied = 0, rewritten = 0, dropped = 0;
        foreach (var groups in _keep)
            foreach (var mask in groups)
                if (mask is null) copied++;
                else if (mask.Contains(true)) rewritten++;
                else dropped++;
        return (copied, rewritten, dropped);
    }

    /// <summary>Null when every row of the row group stays; otherwise a flag per row.</summary>
    public bool[]? Keep(int input, int rowGroup) => _keep[input][rowGroup];

    /// <summary>Distinct keys held in memory at once; a bigger day is deduplicated in hash partitions spilled to disk.</summary>
    /// <remarks>About 60 MB of dictionary; a 500,000-record day stays in memory, a bigger one peaks no higher.</remarks>
    public const int DefaultMaxKeysInMemory = 1 << 19;

    /// <param name="spillDirectory">where a day of more than <paramref name="maxKeysInMemory"/> rows spills its keys.</param>
    public static async Task<RowSelection> ComputeAsync(IReadOnlyList<CompactionInput> inputs, FeatureSchema schema, string? keyColumn,
        IReadOnlySet<string> removedSources, string spillDirectory, CancellationToken ct, int maxKeysInMemory = DefaultMaxKeysInMemory)
    {
        var keep = new bool[]?[inputs.Count][];
        var needsPass = keyColumn is not null || (removedSources.Count > 0 && inputs.Any(i => i.Carried));
        var timeColumns = new[] { "updated_at", "posted_at" }
            .Where(n => schema.TryIndexOf(n, out var i) && schema[i].Type == ColumnType.Timestamp).ToList();
        var projection = SchemaProjection.Of(schema, keyColumn is null ? [] : [keyColumn, .. timeColumns]);
        var winners = new Dictionary<UInt128, Candidate>();
        // Memory must not grow with the day: past maxKeysInMemory rows, keys go to hash partitions on disk and each
        // partition's winners are found on its own.
        long dayRows = 0;
        if (keyColumn is not null)
            foreach (var input in inputs)
            {
                var footer = await ParquetFooter.ReadAsync(input.Path, ct);
                dayRows += footer.RowGroups.Sum(g => g.NumRows);
            }
        // Sized once: growing by doubling left the smaller tables behind as garbage at the compaction's peak.
        if (keyColumn is not null && dayRows <= maxKeysInMemory) winners.EnsureCapacity((int)dayRows);
        await using var spill = dayRows > maxKeysInMemory
            ? new KeySpill(spillDirectory, checked((int)((dayRows + maxKeysInMemory - 1) / maxKeysInMemory)))
            : null;
        var files = new List<string>();
        var fileOrdinals = new Dictionary<string, int>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        var removedLookup = removedSources.ToHashSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        long duplicates = 0, removed = 0, total = 0;

        // The key columns are read and decoded one row group ahead, on another core, while this loop decides.
        await using var keys = new KeyReader(inputs, schema, projection, needsPass, ct);
        await foreach (var group in keys.ReadAllAsync(ct))
        {
            var i = group.Input;
            if (group.RowGroup < 0)
            {
                keep[i] = new bool[group.RowGroupCount][];
                continue;
            }
            var rg = group.RowGroup;
            var rows = group.Rows;
            total += rows;
            if (group.Batch is not { } batch) continue;
            try
            {
                var sourceFile = (StringColumn)batch.Column(projection.SourceFileIndex);
                var sourceLine = ((ValueColumn<long>)batch.Column(projection.SourceLineIndex)).Values;
                var key = keyColumn is null ? null : (StringColumn)batch.Column(projection.IndexOf(keyColumn));
                var updated = Times(batch, projection, "updated_at");
                var posted = Times(batch, projection, "posted_at");
                var mask = new bool[rows];
                for (var r = 0; r < rows; r++)
                {
                    var file = sourceFile.Span(r);
                    if (inputs[i].Carried && removedLookup.Contains(file))
                    {
                        removed++;
                        continue;
                    }
                    mask[r] = true;
                    if (key is null || key.IsNull(r)) continue;
                    if (!fileOrdinals.TryGetValue(file, out var ordinal))
                    {
                        ordinal = files.Count;
                        fileOrdinals[file] = ordinal;
                        files.Add(file.ToString());
                    }
                    var candidate = new Candidate(updated?[r]?.Ticks ?? long.MinValue, posted?[r]?.Ticks ?? long.MinValue, ordinal,
                        sourceLine[r]!.Value, Location.Pack(i, rg, r));
                    if (spill is not null)
                    {
                        spill.Add(Hash(key.Span(r)), candidate);
                        continue;
                    }
                    ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(winners, Hash(key.Span(r)), out var exists);
                    if (!exists)
                    {
                        slot = candidate;
                        continue;
                    }
                    duplicates++;
                    if (candidate.Beats(slot, files))
                    {
                        var (li, lrg, lr) = Location.Unpack(slot.Location);
                        if (li == i && lrg == rg) mask[lr] = false;
                        else keep[li][lrg]![lr] = false;
                        slot = candidate;
                    }
                    else
                    {
                        mask[r] = false;
                    }
                }
                keep[i][rg] = mask;
            }
            finally
            {
                keys.Return(batch);
            }
        }
        if (spill is not null) duplicates += await spill.DropLosersAsync(keep, files, ct);
        // A later row group can still drop a row of an earlier one, so "all kept" is only known now.
        foreach (var groups in keep)
            for (var rg = 0; rg < groups.Length; rg++)
                if (groups[rg] is { } m && !m.Contains(false)) groups[rg] = null;
        return new RowSelection(inputs, keep, duplicates, removed, total - removed - duplicates);
    }

    private static Common.ValueBuffer<DateTime?>? Times(RowBatch batch, FeatureSchema projection, string name) =>
        projection.TryIndexOf(name, out var i) ? ((ValueColumn<DateTime>)batch.Column(i)).Values : null;

    private static UInt128 Hash(ReadOnlySpan<char> key) => VersionEntry.HashKey(key);

    /// <summary>One row group's key columns, or (with <see cref="RowGroup"/> -1) the start of an input and its row group count.</summary>
    private sealed record KeyGroup(int Input, int RowGroup, int RowGroupCount, int Rows, RowBatch? Batch);

    /// <summary>
    /// Reads the inputs' key columns in order on a task of its own, at most two row groups ahead; the batches go back
    /// to it once decided, so three exist whatever the day's size.
    /// </summary>
    private sealed class KeyReader : IAsyncDisposable
    {
        private const int Ahead = 2;
        private readonly Channel<KeyGroup> _groups =
            Channel.CreateBounded<KeyGroup>(new BoundedChannelOptions(Ahead) { SingleReader = true, SingleWriter = true });
        private readonly ConcurrentBag<RowBatch> _free = [];
        private readonly SemaphoreSlim _available = new(Ahead + 1, Ahead + 1);
        private readonly CancellationTokenSource _stop;
        private readonly Task _reading;

        public KeyReader(IReadOnlyList<CompactionInput> inputs, FeatureSchema schema, FeatureSchema projection, bool needsPass, CancellationToken ct)
        {
            _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            _reading = Task.Run(() => ReadAsync(inputs, schema, projection, needsPass, _stop.Token));
        }

        public IAsyncEnumerable<KeyGroup> ReadAllAsync(CancellationToken ct) => _groups.Reader.ReadAllAsync(ct);

        public void Return(RowBatch batch)
        {
            _free.Add(batch);
            _available.Release();
        }

        private async Task ReadAsync(IReadOnlyList<CompactionInput> inputs, FeatureSchema schema, FeatureSchema projection, bool needsPass, CancellationToken ct)
        {
            try
            {
                for (var i = 0; i < inputs.Count; i++)
                {
                    await using var reader = await PartFileReader.OpenAsync(inputs[i].Path, schema, ct);
                    await _groups.Writer.WriteAsync(new KeyGroup(i, -1, reader.RowGroupCount, 0, null), ct);
                    for (var rg = 0; rg < reader.RowGroupCount; rg++)
                    {
                        var rows = checked((int)reader.RowCount(rg));
                        RowBatch? batch = null;
                        if (needsPass)
                        {
                            await _available.WaitAsync(ct);
                            batch = _free.TryTake(out var reused) ? reused : new RowBatch(projection);
                            batch.Clear();
                            await reader.ReadIntoAsync(rg, batch, null, ct);
                        }
                        await _groups.Writer.WriteAsync(new KeyGroup(i, rg, reader.RowGroupCount, rows, batch), ct);
                    }
                }
                _groups.Writer.Complete();
            }
            catch (Exception e)
            {
                _groups.Writer.Complete(e);
            }
        }

        /// <summary>A selection that stops early (an error, a cancellation) stops the reading and waits for it.</summary>
        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _reading; // never throws: its errors complete the channel
            _stop.Dispose();
            _available.Dispose();
        }
    }

    /// <summary>Keys and their candidates in hash partitions on disk, for a day too big to hold every key in memory.</summary>
    private sealed class KeySpill : IAsyncDisposable
    {
        private const int RecordBytes = 16 + 8 + 8 + 4 + 8 + 8;
        private readonly string _directory;
        private readonly FileStream[] _partitions;

        public KeySpill(string parent, int partitions)
        {
            _directory = Path.Combine(parent, "dedup-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_directory);
            _partitions = Enumerable.Range(0, partitions)
                .Select(p => new FileStream(Path.Combine(_directory, $"keys-{p:D4}"), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16))
                .ToArray();
        }

        public void Add(UInt128 hash, in Candidate c)
        {
            Span<byte> record = stackalloc byte[RecordBytes];
            MemoryMarshal.Write(record, in hash);
            BinaryPrimitives.WriteInt64LittleEndian(record[16..], c.Updated);
            BinaryPrimitives.WriteInt64LittleEndian(record[24..], c.Posted);
            BinaryPrimitives.WriteInt32LittleEndian(record[32..], c.File);
            BinaryPrimitives.WriteInt64LittleEndian(record[36..], c.Line);
            BinaryPrimitives.WriteInt64LittleEndian(record[44..], c.Location);
            _partitions[(int)((ulong)hash % (ulong)_partitions.Length)].Write(record);
        }

        /// <summary>Per partition: the winner of each key, then every other row of that key dropped. Returns the rows dropped.</summary>
        public async Task<long> DropLosersAsync(bool[]?[][] keep, List<string> files, CancellationToken ct)
        {
            long dropped = 0;
            var winners = new Dictionary<UInt128, Candidate>(_partitions.Max(p => (int)(p.Length / RecordBytes)));
            foreach (var partition in _partitions)
            {
                ct.ThrowIfCancellationRequested();
                winners.Clear();
                await partition.FlushAsync(ct);
                foreach (var (hash, c) in Read(partition))
                {
                    ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(winners, hash, out var exists);
                    if (!exists || c.Beats(slot, files)) slot = c;
                }
                foreach (var (hash, c) in Read(partition))
                {
                    if (winners[hash].Location == c.Location) continue;
                    var (i, rg, r) = Location.Unpack(c.Location);
                    keep[i][rg]![r] = false;
                    dropped++;
                }
            }
            return dropped;
        }

        private static IEnumerable<(UInt128 Hash, Candidate Candidate)> Read(FileStream partition)
        {
            partition.Position = 0;
            var buffer = new byte[RecordBytes * 4096];
            int filled;
            while ((filled = partition.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false)) > 0)
            {
                if (filled % RecordBytes != 0) throw new InvalidDataException($"a key spill file of {partition.Name} is cut short");
                for (var at = 0; at < filled; at += RecordBytes)
                {
                    var record = buffer.AsSpan(at, RecordBytes);
                    yield return (MemoryMarshal.Read<UInt128>(record), new Candidate(
                        BinaryPrimitives.ReadInt64LittleEndian(record[16..]), BinaryPrimitives.ReadInt64LittleEndian(record[24..]), BinaryPrimitives.ReadInt32LittleEndian(record[32..]),
                        BinaryPrimitives.ReadInt64LittleEndian(record[36..]), BinaryPrimitives.ReadInt64LittleEndian(record[44..])));
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var p in _partitions) await p.DisposeAsync();
            Directory.Delete(_directory, recursive: true);
        }
    }

    private readonly record struct Candidate(long Updated, long Posted, int File, long Line, long Location)
    {
        public bool Beats(in Candidate other, List<string> files) =>
            VersionEntry.Beats(Updated, Posted, files[File], Line, other.Updated, other.Posted, files[other.File], other.Line);
    }

    private static class Location
    {
        // input: 16 bits, row group: 20 bits, row: 27 bits (row groups never exceed 1,048,576 rows).
        public static long Pack(int input, int rowGroup, int row) => ((long)input << 47) | ((long)rowGroup << 27) | (uint)row;
        public static (int Input, int RowGroup, int Row) Unpack(long v) => ((int)(v >> 47), (int)((v >> 27) & 0xFFFFF), (int)(v & 0x7FFFFFF));
    }
}
