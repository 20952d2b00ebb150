using System.Buffers;
using AkkaEtl.Features;
using Parquet;
using Parquet.Schema;

namespace AkkaEtl.Parquet;

/// <summary>
/// Decodes row groups of a part file (written by <see cref="PartFileWriter"/> for a <see cref="FeatureSchema"/>)
/// back into <see cref="RowBatch"/>es: all columns or some (a <see cref="SchemaProjection"/>), all rows or those a
/// mask keeps. Only the requested columns' chunks are read.
/// </summary>
/// <remarks>
/// List columns go through <c>ReadRawAsync</c> with value, definition and repetition buffers sized to the chunk's
/// <c>num_values</c> (its level count, which exceeds the row count as soon as a list has two elements). Parquet.Net
/// 6.1's typed <c>ReadAsync</c> sizes its own definition buffer by rows and throws "Definition levels buffer is too
/// small" on such columns.
/// </remarks>
public sealed class RowGroupDecoder : IAsyncDisposable
{
    private readonly FileStream _stream;
    private readonly ParquetReader _reader;
    private readonly DataField[] _fields;

    private RowGroupDecoder(string path, FeatureSchema schema, FileStream stream, ParquetReader reader, DataField[] fields)
    {
        Path = path;
        Schema = schema;
        _stream = stream;
        _reader = reader;
        _fields = fields;
    }

    public string Path { get; }
    /// <summary>The file's full schema.</summary>
    public FeatureSchema Schema { get; }
    public int RowGroupCount => _reader.RowGroupCount;
    public IReadOnlyDictionary<string, string> CustomMetadata => _reader.CustomMetadata;

    public long RowCount(int rowGroup) => _reader.Metadata!.RowGroups[rowGroup].NumRows;

    /// <summary>Opens a part file, checking that it has the Parquet schema <paramref name="schema"/> maps to.</summary>
    public static async Task<RowGroupDecoder> OpenAsync(string path, FeatureSchema schema, CancellationToken ct = default)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.RandomAccess);
        try
        {
            var reader = await ParquetReader.CreateAsync(stream, null, leaveStreamOpen: true, ct);
            try
            {
                var expected = new ParquetSchemaMap(schema).Parquet;
                if (!reader.Schema.Equals(expected))
                    throw new InvalidDataException(
                        $"'{path}' does not have the expected schema: it has [{Describe(reader.Schema)}], expected [{Describe(expected)}]");
                return new RowGroupDecoder(path, schema, stream, reader, reader.Schema.DataFields);
            }
            catch
            {
                await reader.DisposeAsync();
                throw;
            }
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>Decodes all columns and rows of a row group.</summary>
    public Task<RowBatch> ReadAsync(int rowGroup, CancellationToken ct = default) => ReadAsync(rowGroup, Schema, null, ct);

    /// <summary>
    /// Decodes the columns of <paramref name="columns"/> (the full schema or a projection of it) for the rows
    /// <paramref name="keep"/> keeps (one flag per row of the row group; null keeps all).
    /// </summary>
    public async Task<RowBatch> ReadAsync(int rowGroup, FeatureSchema columns, ReadOnlyMemory<bool>? keep, CancellationToken ct = default)
    {
        var batch = new RowBatch(columns);
        await ReadIntoAsync(rowGroup, batch, keep, ct);
        return batch;
    }

    /// <summary>Appends the kept rows of a row group to <paramref name="target"/>, whose columns are matched by name.</summary>
    public async Task ReadIntoAsync(int rowGroup, RowBatch target, ReadOnlyMemory<bool>? keep, CancellationToken ct = default)
    {
        var (sources, rows, kept) = RowGroupRead.Plan(Path, Schema, RowGroupCount, RowCount, rowGroup, target.Schema, keep);
        BatchAppend.Begin(target);
        try
        {
            var reader = _reader.OpenRowGroupReader(rowGroup);
            for (var c = 0; c < sources.Length; c++)
                await ReadColumnAsync(reader, _fields[sources[c]], Schema[sources[c]], target.Column(c), rows, keep, ct);
        }
        catch
        {
            BatchAppend.Abort(target);
            throw;
        }
        BatchAppend.Commit(target, kept);
    }

    private static Task ReadColumnAsync(
        ParquetRowGroupReader reader, DataField field, ColumnSpec spec, ColumnBuffer target, int rows, ReadOnlyMemory<bool>? keep, CancellationToken ct) =>
        target switch
        {
            StringColumn s => ReadStringsAsync(reader, field, s, rows, keep, ct),
            ValueColumn<int> v => ReadValuesAsync(reader, field, spec, v, rows, keep, ct),
            ValueColumn<long> v => ReadValuesAsync(reader, field, spec, v, rows, keep, ct),
            ValueColumn<float> v => ReadValuesAsync(reader, field, spec, v, rows, keep, ct),
            ValueColumn<double> v => ReadValuesAsync(reader, field, spec, v, rows, keep, ct),
            ValueColumn<bool> v => ReadValuesAsync(reader, field, spec, v, rows, keep, ct),
            ValueColumn<DateTime> v => ReadTimestampsAsync(reader, field, spec, v, rows, keep, ct),
            ListColumn<int> l => ReadListsAsync(reader, field, l, rows, keep, ct),
            ListColumn<float> l => ReadListsAsync(reader, field, l, rows, keep, ct),
            _ => throw new NotSupportedException($"no reader for column '{spec.Name}' ({spec.Type})"),
        };

    private static async Task ReadStringsAsync(ParquetRowGroupReader reader, DataField field, StringColumn target, int rows, ReadOnlyMemory<bool>? keep, CancellationToken ct)
    {
        var mask = keep is { } m ? m : default;
        if (!field.IsNullable)
        {
            // Required columns go through the non-nullable overload: the nullable one loses values of required columns.
            var dense = ArrayPool<ReadOnlyMemory<char>>.Shared.Rent(Math.Max(rows, 1));
            try
            {
                await reader.ReadAsync<ReadOnlyMemory<char>>(field, dense.AsMemory(0, rows), null, ct);
                for (var r = 0; r < rows; r++)
                    if (mask.IsEmpty || mask.Span[r]) target.Add(dense[r].Span);
            }
            finally
            {
                ArrayPool<ReadOnlyMemory<char>>.Shared.Return(dense, clearArray: true);
            }
            return;
        }
        var values = ArrayPool<ReadOnlyMemory<char>?>.Shared.Rent(Math.Max(rows, 1));
        try
        {
            await reader.ReadAsync<ReadOnlyMemory<char>>(field, values.AsMemory(0, rows), null, ct);
            for (var r = 0; r < rows; r++)
            {
                if (!mask.IsEmpty && !mask.Span[r]) continue;
                if (values[r] is { } v) target.Add(v.Span);
                else target.AddNull();
            }
        }
        finally
        {
            ArrayPool<ReadOnlyMemory<char>?>.Shared.Return(values, clearArray: true);
        }
    }

    private static Task ReadTimestampsAsync(
        ParquetRowGroupReader reader, DataField field, ColumnSpec spec, ValueColumn<DateTime> target, int rows, ReadOnlyMemory<bool>? keep, CancellationToken ct) =>
        // Stored as UTC instants: hand them back as UTC whatever kind the reader gives.
        ReadValuesAsync(reader, field, spec, target, rows, keep, ct, static t => t.Kind == DateTimeKind.Utc ? t : DateTime.SpecifyKind(t, DateTimeKind.Utc));

    private static async Task ReadValuesAsync<T>(
        ParquetRowGroupReader reader, DataField field, ColumnSpec spec, ValueColumn<T> target, int rows, ReadOnlyMemory<bool>? keep,
        CancellationToken ct, Func<T, T>? normalize = null) where T : struct
    {
        if (spec.Required)
        {
            var dense = ArrayPool<T>.Shared.Rent(Math.Max(rows, 1));
            try
            {
                await reader.ReadAsync<T>(field, dense.AsMemory(0, rows), null, ct);
                var span = dense.AsSpan(0, rows);
                if (normalize is not null) foreach (ref var v in span) v = normalize(v);
                var mask = keep is { } m ? m.Span : default;
                for (var r = 0; r < rows; r++) if (mask.IsEmpty || mask[r]) target.Add(span[r]);
            }
            finally
            {
                ArrayPool<T>.Shared.Return(dense);
            }
            return;
        }
        var values = ArrayPool<T?>.Shared.Rent(Math.Max(rows, 1));
        try
        {
            await reader.ReadAsync<T>(field, values.AsMemory(0, rows), null, ct);
            var span = values.AsSpan(0, rows);
            if (normalize is not null) foreach (ref var v in span) if (v is { } x) v = normalize(x);
            Append(span, keep, target.Add);
        }
        finally
        {
            ArrayPool<T?>.Shared.Return(values);
        }
    }

    // Three-level lists: a level with repetition 0 starts a row; definition at the maximum is an element, below it an
    // empty (1) or null (0) list, both stored as empty.
    private static async Task ReadListsAsync<T>(
        ParquetRowGroupReader reader, DataField field, ListColumn<T> target, int rows, ReadOnlyMemory<bool>? keep, CancellationToken ct) where T : struct
    {
        var chunk = reader.GetMetadata(field)?.MetaData ?? throw new InvalidDataException($"no column chunk for '{field.Path}'");
        var levels = checked((int)chunk.NumValues);
        var values = ArrayPool<T>.Shared.Rent(Math.Max(levels, 1));
        var definitions = ArrayPool<int>.Shared.Rent(Math.Max(levels, 1));
        var repetitions = ArrayPool<int>.Shared.Rent(Math.Max(levels, 1));
        try
        {
            await reader.ReadRawAsync<T>(field, values.AsMemory(0, levels), definitions.AsMemory(0, levels), repetitions.AsMemory(0, levels), ct);
            var def = definitions.AsSpan(0, levels);
            var rep = repetitions.AsSpan(0, levels);
            var elements = values.AsSpan(0, levels);
            var mask = keep is { } m ? m.Span : default;
            var maxDefinition = field.MaxDefinitionLevel;
            var row = -1;
            var start = 0;
            var next = 0;
            for (var i = 0; i < levels; i++)
            {
                if (rep[i] == 0)
                {
                    if (row >= 0 && (mask.IsEmpty || mask[row])) target.Add(elements[start..next]);
                    row++;
                    if (row >= rows) throw new InvalidDataException($"'{field.Path}' has more lists than the row group's {rows} rows");
                    start = next;
                }
                if (def[i] == maxDefinition) next++;
            }
            if (row >= 0 && (mask.IsEmpty || mask[row])) target.Add(elements[start..next]);
            if (row + 1 != rows) throw new InvalidDataException($"'{field.Path}' has {row + 1} lists for {rows} rows");
        }
        finally
        {
            ArrayPool<T>.Shared.Return(values);
            ArrayPool<int>.Shared.Return(definitions);
            ArrayPool<int>.Shared.Return(repetitions);
        }
    }

    private static void Append<T>(ReadOnlySpan<T> values, ReadOnlyMemory<bool>? keep, Action<T> add)
    {
        if (keep is not { } k)
        {
            foreach (var v in values) add(v);
            return;
        }
        var mask = k.Span;
        for (var r = 0; r < values.Length; r++) if (mask[r]) add(values[r]);
    }

    private static string Describe(ParquetSchema schema) =>
        string.Join(", ", schema.DataFields.Select(f => $"{f.Path} {f.ClrType.Name}{(f.IsNullable ? "?" : "")}"));

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _stream.DisposeAsync();
    }
}
