using Microsoft.Win32.SafeHandles;
using Parquet.Meta;

namespace AkkaEtl.Parquet;

/// <summary>
/// Merges Parquet files of one schema into files of at most <see cref="ParquetMergeOptions.MaxRowsPerFile"/> rows by
/// copying their row groups' encoded column chunks byte for byte and writing a new footer: nothing is decoded or
/// re-encoded. All footers are read and checked (same schema, no row group over the limit) before anything is
/// written; on failure the files written so far by the call are deleted.
/// </summary>
public sealed class ParquetFileMerger(ParquetMergeOptions? options = null)
{
    private readonly ParquetMergeOptions _options = options ?? new ParquetMergeOptions();

    public ParquetMergeOptions Options => _options;

    /// <summary>Merges whole files.</summary>
    public Task<IReadOnlyList<MergedFile>> MergeAsync(IReadOnlyList<string> inputs, Func<int, string> outputPath, CancellationToken ct = default) =>
        MergeAsync(inputs.Select(p => new MergeInput(p)).ToList(), outputPath, ct);

    /// <summary>
    /// Merges the given row groups of the inputs, in order. <paramref name="outputPath"/> names output file <c>i</c>
    /// (0-based); an existing file there is replaced. No rows, no files. Encoded inputs are made a few ahead of the
    /// copy, in parallel, so that their encoding overlaps the writing.
    /// </summary>
    public async Task<IReadOnlyList<MergedFile>> MergeAsync(IReadOnlyList<MergeInput> inputs, Func<int, string> outputPath, CancellationToken ct = default)
    {
        var footers = new FileMetaData?[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
            if (inputs[i].Encode is null) footers[i] = await ParquetFooter.ReadAsync(inputs[i].Path, ct);
        var plan = MergePlanner.Plan(inputs, footers, _options.MaxRowsPerFile);
        if (plan.Count == 0) return [];

        var state = new MergeState(footers.FirstOrDefault(f => f is not null), KeyValues(footers), new FileRangeCopier(_options.CopyBufferSize));
        var sources = inputs.Where(i => i.Encode is null).Select(i => Path.GetFullPath(i.Path)).ToHashSet(StringComparer.Ordinal);
        var written = new List<MergedFile>(plan.Count);
        var current = "";
        await using var encoded = new EncodedInputs(inputs, Math.Max(1, Environment.ProcessorCount), ct);
        try
        {
            for (var f = 0; f < plan.Count; f++)
            {
                var path = outputPath(f);
                if (sources.Contains(Path.GetFullPath(path)) || written.Any(w => w.Path == path))
                    throw new ArgumentException($"output {f} ('{path}') would overwrite an input or another output", nameof(outputPath));
                current = path;
                written.Add(await WriteFileAsync(current, plan[f], inputs, footers, state, encoded, ct));
            }
        }
        catch
        {
            foreach (var file in written) TryDelete(file.Path);
            if (current.Length > 0) TryDelete(current);
            throw;
        }
        return written;
    }

    private async Task<MergedFile> WriteFileAsync(
        string path, PlannedFile plan, IReadOnlyList<MergeInput> inputs, FileMetaData?[] footers, MergeState state,
        EncodedInputs encoded, CancellationToken ct)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
        await using var output = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 0, // writes are whole blocks already
            Options = FileOptions.Asynchronous,
            PreallocationSize = ParquetFooter.MagicLength + plan.RowGroups.Sum(r => footers[r.Input] is { } footer ? ChunkBytes(footer.RowGroups[r.RowGroup]) : 0),
        });
        await output.WriteAsync(ParquetFooter.Magic.ToArray(), ct);
        long position = ParquetFooter.MagicLength;
        var rowGroups = new List<RowGroup>(plan.RowGroups.Count);
        SafeFileHandle? source = null;
        var sourceIndex = -1;
        long sourceLength = 0;
        try
        {
            foreach (var reference in plan.RowGroups)
            {
                encoded.StartAhead();
                var input = inputs[reference.Input];
                var groupStart = position;
                RowGroup group;
                long[] starts;
                if (input.Encode is not null)
                {
                    var made = await encoded.TakeAsync(reference.Input);
                    try
                    {
                        state.Template ??= made.Footer;
                        if (ParquetSchemaComparer.Difference(state.Template.Schema ?? [], made.Footer.Schema ?? []) is { } diff)
                            throw new InvalidDataException($"{input.Path} has a different schema from the other inputs: {diff}");
                        group = made.Footer.RowGroups[0];
                        starts = new long[group.Columns.Count];
                        var pages = made.File.GetBuffer();
                        foreach (var run in Runs(group, made.File.Length, input.Path, position, starts))
                        {
                            await output.WriteAsync(pages.AsMemory((int)run.Start, (int)run.Length), ct);
                            position += run.Length;
                        }
                    }
                    finally
                    {
                        made.Release();
                    }
                }
                else
                {
                    if (reference.Input != sourceIndex)
                    {
                        source?.Dispose();
                        source = File.OpenHandle(input.Path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
                        sourceIndex = reference.Input;
                        sourceLength = RandomAccess.GetLength(source);
                    }
                    group = footers[reference.Input]!.RowGroups[reference.RowGroup];
                    starts = new long[group.Columns.Count];
                    foreach (var run in Runs(group, sourceLength, input.Path, position, starts))
                    {
                        await state.Copier.CopyAsync(source!, run.Start, run.Length, output, ct);
                        position += run.Length;
                    }
                }
                rowGroups.Add(RowGroupRelocator.Relocate(group, starts, rowGroups.Count <= short.MaxValue ? (short)rowGroups.Count : null));
                Storage.Writeback.Start(output.SafeFileHandle, groupStart, position - groupStart);
            }
        }
        finally
        {
            source?.Dispose();
        }

        var template = state.Template!;
        var footer = new FileMetaData
        {
            Version = template.Version,
            Schema = template.Schema,
            NumRows = plan.Rows,
            RowGroups = rowGroups,
            KeyValueMetadata = state.Metadata,
            CreatedBy = _options.CreatedBy ?? template.CreatedBy,
            ColumnOrders = template.ColumnOrders,
        };
        position += await ParquetFooter.WriteAsync(output, footer, ct);
        // Durable before a catalog can point at it; the writeback started per row group leaves little to wait for.
        await Task.Run(() => output.Flush(flushToDisk: true), ct);
        return new MergedFile(path, plan.Rows, position, rowGroups.Count);
    }

    /// <summary>
    /// The row group's chunks in column order as runs of adjacent chunks, each copied in one go to the output at
    /// <paramref name="position"/> onwards; fills each chunk's new start.
    /// </summary>
    private static List<ChunkRange> Runs(RowGroup group, long sourceLength, string sourcePath, long position, long[] starts)
    {
        var columns = group.Columns;
        var limit = sourceLength - ParquetFooter.TrailerLength;
        var runs = new List<ChunkRange>();
        var i = 0;
        while (i < columns.Count)
        {
            var run = RowGroupRelocator.RangeOf(columns[i]);
            starts[i] = position;
            var j = i + 1;
            for (; j < columns.Count; j++)
            {
                var next = RowGroupRelocator.RangeOf(columns[j]);
                if (next.Start != run.End) break;
                starts[j] = position + (next.Start - run.Start);
                run = run with { Length = run.Length + next.Length };
            }
            if (run.End > limit)
                throw new InvalidDataException($"'{sourcePath}': column chunk at {run.Start} (+{run.Length}) runs past the data ({limit} bytes)");
            runs.Add(run);
            position += run.Length;
            i = j;
        }
        return runs;
    }

    private sealed class MergeState(FileMetaData? template, List<KeyValue>? metadata, FileRangeCopier copier)
    {
        /// <summary>The first file input's footer, else the first encoded one's: version, schema, column orders.</summary>
        public FileMetaData? Template { get; set; } = template;
        public List<KeyValue>? Metadata => metadata;
        public FileRangeCopier Copier => copier;
    }

    /// <summary>
    /// Starts the encoded inputs in merge order, at most <c>window</c> made and not yet copied at a time (memory stays
    /// a few row groups), each on the thread pool.
    /// </summary>
    private sealed class EncodedInputs(IReadOnlyList<MergeInput> inputs, int window, CancellationToken ct) : IAsyncDisposable
    {
        private readonly Queue<int> _pending = new(Enumerable.Range(0, inputs.Count).Where(i => inputs[i].Encode is not null));
        private readonly Dictionary<int, Task<EncodedRowGroup>> _started = [];
        private readonly CancellationTokenSource _cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);

        public void StartAhead()
        {
            while (_started.Count < window && _pending.TryDequeue(out var i))
                _started[i] = Task.Run(() => inputs[i].Encode!(_cancel.Token), _cancel.Token);
        }

        public Task<EncodedRowGroup> TakeAsync(int input)
        {
            StartAhead();
            if (!_started.Remove(input, out var task)) throw new InvalidOperationException($"encoded input {input} was not started in order");
            return task;
        }

        /// <summary>A merge that stops early waits for what it started and gives the buffers back.</summary>
        public async ValueTask DisposeAsync()
        {
            await _cancel.CancelAsync();
            foreach (var task in _started.Values)
            {
                try { (await task).Release(); }
                catch (Exception) { /* the merge already failed or was cancelled; this one's error adds nothing */ }
            }
            _cancel.Dispose();
        }
    }

    private static long ChunkBytes(RowGroup group) => group.Columns.Sum(c => RowGroupRelocator.RangeOf(c).Length);

    private List<KeyValue>? KeyValues(FileMetaData?[] footers)
    {
        if (_options.KeyValueMetadata is { } given)
            return given.Count == 0 ? null : given.Select(kv => new KeyValue { Key = kv.Key, Value = kv.Value }).ToList();
        var merged = new List<KeyValue>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var footer in footers)
            foreach (var kv in footer?.KeyValueMetadata ?? [])
                if (kv.Key is not null && seen.Add(kv.Key))
                    merged.Add(new KeyValue { Key = kv.Key, Value = kv.Value });
        return merged.Count == 0 ? null : merged;
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { /* best effort */ } catch (UnauthorizedAccessException) { /* best effort */ }
    }
}
