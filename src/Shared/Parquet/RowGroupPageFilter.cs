using System.Numerics;
using System.Runtime.InteropServices;
using AkkaEtl.Features;
using AkkaEtl.Parquet.Reading;
using AkkaEtl.Parquet.Writing;
using Microsoft.Win32.SafeHandles;
using Parquet.Meta;
using Encoding = Parquet.Meta.Encoding;

namespace AkkaEtl.Parquet;

/// <summary>
/// Rewrites one row group of a part without decoding its values, for compaction's row groups that lose rows: each
/// data page is decompressed, the levels and values of the rows a mask keeps are copied as they are (PLAIN bytes,
/// dictionary indices re-packed, levels re-encoded) and the page is compressed again; dictionary pages are kept.
/// Statistics are recomputed from the kept values, the same way <see cref="ColumnarParquetWriter"/> computes them.
/// No UTF-8 to UTF-16 and back, no row batch. Reusable, not thread-safe.
/// </summary>
public sealed class RowGroupPageFilter : IDisposable
{
    private readonly ColumnChunkReader _pages = new();
    private readonly PooledBuffer _body = new(1 << 20);
    private readonly HybridEncoder _levels = new();
    private readonly BinaryRange _strings = new();
    private readonly List<(int Start, int Length)> _runs = [];
    private bool[] _kept = [];
    private int[] _indices = [];
    private bool[] _used = [];
    private readonly List<(int Start, int Length)> _dictionary = [];
    private byte[] _dictionaryBytes = [];

    /// <summary>
    /// Writes the kept rows of <paramref name="rowGroup"/> to <paramref name="output"/> as a one-row-group Parquet
    /// file (magic, pages, footer) and returns its footer; null when the file holds something this filter does not
    /// copy (another writer's encodings or schema), and then nothing usable was written.
    /// </summary>
    public async Task<FileMetaData?> TryFilterAsync(SafeFileHandle file, FileMetaData footer, FeatureSchema schema, int rowGroup,
        ReadOnlyMemory<bool> keep, Stream output, CancellationToken ct)
    {
        if (PartFileReader.UnsupportedBecause(footer, schema) is not null) return null;
        var group = footer.RowGroups[rowGroup];
        if (keep.Length != group.NumRows) throw new ArgumentException($"{keep.Length} keep flags for {group.NumRows} rows", nameof(keep));
        var keptRows = 0;
        foreach (var k in keep.Span) if (k) keptRows++;
        var codec = group.Columns[0].MetaData!.Codec;
        if (group.Columns.Any(c => c.MetaData!.Codec != codec)) return null;

        await output.WriteAsync(ParquetFooter.Magic.ToArray(), ct);
        using var pages = new PageWriter(output, ParquetFooter.MagicLength, codec == CompressionCodec.SNAPPY);
        var start = pages.Position;
        var chunks = new List<ColumnChunk>(group.Columns.Count);
        long uncompressed = 0;
        try
        {
            for (var c = 0; c < group.Columns.Count; c++)
            {
                var chunk = await FilterChunkAsync(file, group.Columns[c], schema[c], checked((int)group.NumRows), keep, pages, ct);
                uncompressed += chunk.MetaData!.TotalUncompressedSize;
                chunks.Add(chunk);
            }
        }
        catch (UnsupportedParquetException)
        {
            return null;
        }
        var metadata = new FileMetaData
        {
            Version = footer.Version,
            Schema = footer.Schema,
            NumRows = keptRows,
            RowGroups =
            [
                new RowGroup
                {
                    Columns = chunks,
                    TotalByteSize = uncompressed,
                    NumRows = keptRows,
                    FileOffset = start,
                    TotalCompressedSize = pages.Position - start,
                    Ordinal = 0,
                },
            ],
            KeyValueMetadata = footer.KeyValueMetadata,
            CreatedBy = footer.CreatedBy,
            ColumnOrders = footer.ColumnOrders,
        };
        await ParquetFooter.WriteAsync(output, metadata, ct);
        return metadata;
    }

    private async Task<ColumnChunk> FilterChunkAsync(SafeFileHandle file, ColumnChunk source, ColumnSpec spec, int rows,
        ReadOnlyMemory<bool> keep, PageWriter pages, CancellationToken ct)
    {
        var meta = source.MetaData!;
        var (maxDefinition, maxRepetition) = spec.IsList ? (2, 1) : (spec.Required ? 0 : 1, 0);
        _pages.Open(file, meta, RowGroupRelocator.RangeOf(source), maxDefinition, maxRepetition);
        pages.BeginChunk();
        var bounds = new Bounds(spec.Type);
        _strings.Reset();
        _dictionary.Clear();
        long nulls = 0;
        var row = maxRepetition > 0 ? -1 : 0; // a list's row starts at repetition 0
        Encoding? dataEncoding = null;
        while (await _pages.NextAsync(ct))
        {
            if (_pages.Page.Type == PageType.DICTIONARY_PAGE)
            {
                if (spec.Type != ColumnType.String || _pages.Page.Encoding is not (Encoding.PLAIN or Encoding.PLAIN_DICTIONARY))
                    throw new UnsupportedParquetException($"a dictionary of {spec.Type} in {_pages.Page.Encoding}");
                KeepDictionary(_pages.Values, _pages.Page.ValueCount);
                _body.Clear();
                _body.Write(_pages.Values);
                pages.PrepareDictionaryPage(_body, _pages.Page.ValueCount);
                await pages.WriteAsync(ct);
                continue;
            }
            var encoding = _pages.Page.Encoding;
            if (dataEncoding is { } seen && seen != encoding) throw new UnsupportedParquetException("data pages in several encodings");
            dataEncoding = encoding;
            var count = _pages.Page.ValueCount;
            var (kept, keptNulls) = FindRuns(count, keep.Span, rows, maxDefinition, maxRepetition, ref row);
            if (kept == 0) continue;
            _body.Clear();
            if (maxRepetition > 0) WriteLevels(_pages.Repetitions, maxRepetition);
            if (maxDefinition > 0) WriteLevels(_pages.Definitions, maxDefinition);
            WriteValues(spec.Type, encoding, count, maxDefinition, ref bounds);
            pages.PrepareDataPage(_body, kept, encoding);
            await pages.WriteAsync(ct);
            nulls += keptNulls;
        }
        if ((maxRepetition > 0 ? row + 1 : row) != rows)
            throw new InvalidDataException($"column '{spec.Name}' has values for {(maxRepetition > 0 ? row + 1 : row)} rows, the row group {rows}");
        if (dataEncoding is null) throw new InvalidDataException($"column '{spec.Name}' keeps no data page");

        var statistics = spec.Type == ColumnType.String
            ? ColumnEncoder.Bounds(nulls, StringBounds(), legacy: false)
            : ColumnEncoder.Bounds(nulls, bounds.Encode(), legacy: true);
        return pages.Chunk(meta.Type, meta.Encodings, meta.PathInSchema, dataEncoding.Value, statistics);
    }

    // Finds the runs of the page's level entries whose rows are kept (a list's entries are adjacent, so a kept row is
    // one piece of a run); returns how many entries are kept, and how many of those are nulls.
    private (int Kept, int Nulls) FindRuns(int count, ReadOnlySpan<bool> keep, int rows, int maxDefinition, int maxRepetition, ref int row)
    {
        _runs.Clear();
        var kept = 0;
        if (maxRepetition == 0)
        {
            if (count > rows - row) throw new InvalidDataException($"a column chunk has values for more than the row group's {rows} rows");
            var mask = keep.Slice(row, count);
            var e = 0;
            while (e < count)
            {
                var first = mask[e..].IndexOf(true);
                if (first < 0) break;
                first += e;
                var length = mask[first..].IndexOf(false);
                if (length < 0) length = count - first;
                _runs.Add((first, length));
                kept += length;
                e = first + length;
            }
            row += count;
        }
        else
        {
            var repetitions = _pages.Repetitions;
            int e = 0, runStart = -1;
            while (e < count)
            {
                if (repetitions[e] == 0) row++;
                if ((uint)row >= (uint)rows) throw new InvalidDataException($"a column chunk has values for more than the row group's {rows} rows");
                var next = repetitions[(e + 1)..count].IndexOf(0);
                var end = next < 0 ? count : e + 1 + next;
                if (keep[row])
                {
                    if (runStart < 0) runStart = e;
                }
                else if (runStart >= 0)
                {
                    _runs.Add((runStart, e - runStart));
                    kept += e - runStart;
                    runStart = -1;
                }
                e = end;
            }
            if (runStart >= 0)
            {
                _runs.Add((runStart, count - runStart));
                kept += count - runStart;
            }
        }
        var nulls = 0;
        if (maxDefinition > 0)
        {
            var definitions = _pages.Definitions;
            foreach (var (start, length) in _runs) nulls += length - definitions.Slice(start, length).Count(maxDefinition);
        }
        return (kept, nulls);
    }

    // A flag per level entry of the page, from the runs: for the value paths that go entry by entry.
    private Span<bool> Flags(int count)
    {
        if (_kept.Length < count) _kept = new bool[Math.Max(count, 2 * _kept.Length)];
        var flags = _kept.AsSpan(0, count);
        flags.Clear();
        foreach (var (start, length) in _runs) flags.Slice(start, length).Fill(true);
        return flags;
    }

    // The kept entries' levels, fed to the encoder as runs of equal values.
    private void WriteLevels(ReadOnlySpan<int> levels, int maxLevel)
    {
        var lengthAt = _body.Reserve(4);
        _levels.Begin(_body, HybridEncoder.BitWidth(maxLevel));
        foreach (var (start, length) in _runs)
        {
            var run = levels.Slice(start, length);
            while (!run.IsEmpty)
            {
                var value = run[0];
                var same = run.IndexOfAnyExcept(value);
                if (same < 0) same = run.Length;
                _levels.AddRun(value, same);
                run = run[same..];
            }
        }
        _levels.End();
        _body.WriteInt32At(lengthAt, _body.Length - lengthAt - 4);
    }

    private void WriteValues(ColumnType type, Encoding encoding, int count, int maxDefinition, ref Bounds bounds)
    {
        var values = _pages.Values;
        var definitions = _pages.Definitions;
        switch (type, encoding)
        {
            case (ColumnType.String, Encoding.PLAIN):
            {
                var flags = Flags(count);
                var position = 0;
                for (var e = 0; e < count; e++)
                {
                    if (maxDefinition > 0 && definitions[e] < maxDefinition) continue;
                    var start = position;
                    var value = StringColumnDecoder.NextValue(values, ref position);
                    if (!flags[e]) continue;
                    _body.Write(values[start..position]);
                    _strings.Add(value);
                }
                return;
            }
            case (ColumnType.String, Encoding.RLE_DICTIONARY or Encoding.PLAIN_DICTIONARY):
            {
                var present = maxDefinition == 0 ? count : definitions.Count(maxDefinition);
                if (_indices.Length < present) _indices = new int[Math.Max(present, 2 * _indices.Length)];
                DictionaryIndices.Decode(values, _indices.AsSpan(0, present), _dictionary.Count);
                // Re-packed at the width they came in; the hybrid encoder needs at least one bit.
                var width = values[0];
                if (width < 1) throw new UnsupportedParquetException("dictionary indices of 0 bits");
                var flags = Flags(count);
                _body.WriteByte(width);
                _levels.Begin(_body, width);
                var at = 0;
                for (var e = 0; e < count; e++)
                {
                    if (maxDefinition > 0 && definitions[e] < maxDefinition) continue;
                    var index = _indices[at++];
                    if (!flags[e]) continue;
                    _used[index] = true;
                    _levels.Add(index);
                }
                _levels.End();
                return;
            }
            case (ColumnType.Boolean, Encoding.PLAIN):
            {
                var flags = Flags(count);
                var present = 0;
                var n = 0;
                var target = _body.GetSpan(count / 8 + 1);
                target[..(count / 8 + 1)].Clear();
                for (var e = 0; e < count; e++)
                {
                    if (maxDefinition > 0 && definitions[e] < maxDefinition) continue;
                    var bit = (values[present >> 3] >> (present & 7)) & 1;
                    present++;
                    if (!flags[e]) continue;
                    if (bit != 0) target[n >> 3] |= (byte)(1 << (n & 7));
                    bounds.AddBoolean(bit != 0);
                    n++;
                }
                _body.Advance((n + 7) / 8);
                return;
            }
            case (ColumnType.Int32 or ColumnType.Int32List, Encoding.PLAIN):
                CopyFixed<int>(maxDefinition, ref bounds.Int32);
                return;
            case (ColumnType.Int64 or ColumnType.Timestamp, Encoding.PLAIN):
                CopyFixed<long>(maxDefinition, ref bounds.Int64);
                return;
            case (ColumnType.Float or ColumnType.FloatList, Encoding.PLAIN):
                CopyFixed<float>(maxDefinition, ref bounds.Float);
                return;
            case (ColumnType.Double, Encoding.PLAIN):
                CopyFixed<double>(maxDefinition, ref bounds.Double);
                return;
            default:
                throw new UnsupportedParquetException($"{type} values in {encoding}");
        }
    }

    // Kept fixed-width values: the present values of a run of entries are adjacent, so each run is one copy.
    private void CopyFixed<T>(int maxDefinition, ref ValueRange<T> range) where T : unmanaged, INumber<T>
    {
        var values = MemoryMarshal.Cast<byte, T>(_pages.Values);
        var definitions = _pages.Definitions;
        int entry = 0, present = 0;
        foreach (var (start, length) in _runs)
        {
            present += maxDefinition == 0 ? start - entry : definitions[entry..start].Count(maxDefinition);
            var n = maxDefinition == 0 ? length : definitions.Slice(start, length).Count(maxDefinition);
            if (n > values.Length - present) throw new InvalidDataException("a page has fewer values than its levels say");
            Append(values.Slice(present, n), ref range);
            present += n;
            entry = start + length;
        }
    }

    private void Append<T>(ReadOnlySpan<T> values, ref ValueRange<T> range) where T : unmanaged, INumber<T>
    {
        _body.Write(MemoryMarshal.AsBytes(values));
        range.AddAll(values);
    }

    // Remembers where each dictionary entry is, to bound the entries the kept rows use.
    private void KeepDictionary(ReadOnlySpan<byte> values, int count)
    {
        if (_dictionaryBytes.Length < values.Length) _dictionaryBytes = new byte[Math.Max(values.Length, 2 * _dictionaryBytes.Length)];
        values.CopyTo(_dictionaryBytes);
        _dictionary.Clear();
        var position = 0;
        for (var e = 0; e < count; e++)
        {
            var length = StringColumnDecoder.NextValue(values, ref position).Length;
            _dictionary.Add((position - length, length));
        }
        if (_used.Length < count) _used = new bool[Math.Max(count, 2 * _used.Length)];
        _used.AsSpan(0, count).Clear();
    }

    private (byte[] Min, byte[] Max)? StringBounds()
    {
        for (var e = 0; e < _dictionary.Count; e++)
            if (_used[e]) _strings.Add(_dictionaryBytes.AsSpan(_dictionary[e].Start, _dictionary[e].Length));
        return _strings.Encode(ColumnarParquetWriterOptions.Default.MaxStringStatisticsBytes);
    }

    /// <summary>The bounds of one column's kept values, by physical type.</summary>
    private struct Bounds(ColumnType type)
    {
        public ValueRange<int> Int32;
        public ValueRange<long> Int64;
        public ValueRange<float> Float;
        public ValueRange<double> Double;
        private bool _anyFalse, _anyTrue;

        public void AddBoolean(bool value)
        {
            if (value) _anyTrue = true;
            else _anyFalse = true;
        }

        public readonly (byte[] Min, byte[] Max)? Encode() => type switch
        {
            ColumnType.Int32 or ColumnType.Int32List => Int32.Encode(),
            ColumnType.Int64 or ColumnType.Timestamp => Int64.Encode(),
            ColumnType.Float or ColumnType.FloatList => Float.Encode(),
            ColumnType.Double => Double.Encode(),
            ColumnType.Boolean => _anyFalse || _anyTrue ? ([_anyFalse ? (byte)0 : (byte)1], [_anyTrue ? (byte)1 : (byte)0]) : null,
            _ => null,
        };
    }

    public void Dispose()
    {
        _pages.Dispose();
        _body.Dispose();
    }
}
