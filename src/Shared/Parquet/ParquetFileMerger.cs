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
    /// (0-based); an existing file there is replaced. No rows, no files.
    /// </summary>
    public async Task<IReadOnlyList<MergedFile>> MergeAsync(IReadOnlyList<MergeInput> inputs, Func<int, string> outputPath, CancellationToken ct = default)
    {
        var footers = new FileMetaData[inputs.Count];
        for (var i = 0; i < inputs.Count; i++) footers[i] = await ParquetFooter.ReadAsync(inputs[i].Path, ct);
        var plan = MergePlanner.Plan(inputs, footers, _options.MaxRowsPerFile);
        if (plan.Count == 0) return [];

        var template = footers[0];
        var metadata = KeyValues(footers);
        var createdBy = _options.CreatedBy ?? template.CreatedBy;
        var copier = new FileRangeCopier(_options.CopyBufferSize);
        var sources = inputs.Select(i => Path.GetFullPath(i.Path)).ToHashSet(StringComparer.Ordinal);
        var written = new List<MergedFile>(plan.Count);
        var current = "";
        try
        {
            for (var f = 0; f < plan.Count; f++)
            {
                var path = outputPath(f);
                if (sources.Contains(Path.GetFullPath(path)) || written.Any(w => w.Path == path))
                    throw new ArgumentException($"output {f} ('{path}') would overwrite an input or another output", nameof(outputPath));
                current = path;
                written.Add(await WriteFileAsync(current, plan[f], inputs, footers, template, metadata, createdBy, copier, ct));
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

    private static async Task<MergedFile> WriteFileAsync(
        string path, PlannedFile plan, IReadOnlyList<MergeInput> inputs, FileMetaData[] footers, FileMetaData template,
        List<KeyValue>? metadata, string? createdBy, FileRangeCopier copier, CancellationToken ct)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
        await using var output = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 0, // writes are whole blocks already
            Options = FileOptions.Asynchronous,
            PreallocationSize = ParquetFooter.MagicLength + plan.RowGroups.Sum(r => ChunkBytes(footers[r.Input].RowGroups[r.RowGroup])),
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
                if (reference.Input != sourceIndex)
                {
                    source?.Dispose();
                    source = File.OpenHandle(inputs[reference.Input].Path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
                    sourceIndex = reference.Input;
                    sourceLength = RandomAccess.GetLength(source);
                }
                var group = footers[reference.Input].RowGroups[reference.RowGroup];
                var starts = new long[group.Columns.Count];
                position = await CopyRowGroupAsync(group, source!, sourceLength, inputs[reference.Input].Path, output, position, starts, copier, ct);
                rowGroups.Add(RowGroupRelocator.Relocate(group, starts, rowGroups.Count <= short.MaxValue ? (short)rowGroups.Count : null));
            }
        }
        finally
        {
            source?.Dispose();
        }

        var footer = new FileMetaData
        {
            Version = template.Version,
            Schema = template.Schema,
            NumRows = plan.Rows,
            RowGroups = rowGroups,
            KeyValueMetadata = metadata,
            CreatedBy = createdBy,
            ColumnOrders = template.ColumnOrders,
        };
        position += await ParquetFooter.WriteAsync(output, footer, ct);
        await output.FlushAsync(ct);
        return new MergedFile(path, plan.Rows, position, rowGroups.Count);
    }

    // Copies the row group's chunks in column order, each adjacent run of chunks in one go; fills each chunk's new start.
    private static async Task<long> CopyRowGroupAsync(
        RowGroup group, SafeFileHandle source, long sourceLength, string sourcePath, Stream output, long position,
        long[] starts, FileRangeCopier copier, CancellationToken ct)
    {
        var columns = group.Columns;
        var limit = sourceLength - ParquetFooter.TrailerLength;
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
            await copier.CopyAsync(source, run.Start, run.Length, output, ct);
            position += run.Length;
            i = j;
        }
        return position;
    }

    private static long ChunkBytes(RowGroup group) => group.Columns.Sum(c => RowGroupRelocator.RangeOf(c).Length);

    private List<KeyValue>? KeyValues(FileMetaData[] footers)
    {
        if (_options.KeyValueMetadata is { } given)
            return given.Count == 0 ? null : given.Select(kv => new KeyValue { Key = kv.Key, Value = kv.Value }).ToList();
        var merged = new List<KeyValue>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var footer in footers)
            foreach (var kv in footer.KeyValueMetadata ?? [])
                if (kv.Key is not null && seen.Add(kv.Key))
                    merged.Add(new KeyValue { Key = kv.Key, Value = kv.Value });
        return merged.Count == 0 ? null : merged;
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { /* best effort */ } catch (UnauthorizedAccessException) { /* best effort */ }
    }
}
