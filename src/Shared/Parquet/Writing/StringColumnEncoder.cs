using System.Buffers;
using System.Buffers.Binary;
using System.Text.Unicode;
using AkkaEtl.Features;
using Parquet.Meta;
using Encoding = Parquet.Meta.Encoding;

namespace AkkaEtl.Parquet.Writing;

/// <summary>
/// BYTE_ARRAY (STRING) columns: UTF-16 from the column's char arena straight to UTF-8 in the page, PLAIN (a 4-byte
/// length, then the bytes) or, for low-cardinality chunks, a dictionary page and RLE_DICTIONARY indices.
/// Min/max are kept only when both are at most <see cref="ColumnarParquetWriterOptions.MaxStringStatisticsBytes"/>.
/// </summary>
internal sealed class StringColumnEncoder(bool required, ColumnarParquetWriterOptions options) : ColumnEncoder(required ? 0 : 1, 0), IDisposable
{
    private readonly BinaryRange _range = new();
    private readonly StringDictionary _dictionary = new();
    private readonly HybridEncoder _indexEncoder = new();
    private StringColumn _column = null!;
    private bool _useDictionary;
    private int _rows;
    private int _next;

    public override global::Parquet.Meta.Type PhysicalType => global::Parquet.Meta.Type.BYTE_ARRAY;
    public override Encoding DataEncoding => _useDictionary ? Encoding.RLE_DICTIONARY : Encoding.PLAIN;

    protected override void Start(ColumnBuffer column, int rows)
    {
        _column = (StringColumn)column;
        _rows = rows;
        _next = 0;
        _range.Reset();
        _useDictionary = options.DictionaryMaxEntries > 0 && rows > 1
            && _dictionary.TryBuild(_column, rows, options.DictionaryMaxEntries, options.DictionaryMaxBytes);
    }

    public override bool TryEncodeDictionary(PooledBuffer body, out int count)
    {
        count = 0;
        if (!_useDictionary) return false;
        count = _dictionary.Count;
        // The bounds of the distinct values are those of all values.
        for (var e = 0; e < count; e++) WriteValue(body, _column.Span(_dictionary.FirstRow(e)));
        return true;
    }

    public override bool EncodePage(PooledBuffer body, int pageBytes, out int levelCount)
    {
        levelCount = 0;
        if (_next >= _rows) return false;
        var end = _useDictionary ? (int)Math.Min(_rows, _next + Math.Max(1L, pageBytes / 2)) : PageEnd(pageBytes);
        var nulls = 0;
        if (MaxDefinitionLevel > 0)
        {
            var levels = BeginLevels(body, 1, out var lengthAt);
            for (var r = _next; r < end; r++)
            {
                var present = _column.IsNull(r) ? 0 : 1;
                levels.Add(present);
                nulls += 1 - present;
            }
            EndLevels(body, levels, lengthAt);
        }
        if (_useDictionary) WriteIndices(body, _next, end);
        else WriteValues(body, _next, end);
        NullCount += nulls;
        levelCount = end - _next;
        _next = end;
        return true;
    }

    // Rows up to about pageBytes of text (a character counted as a byte), at least one.
    private int PageEnd(int pageBytes)
    {
        long bytes = 0;
        var r = _next;
        do
        {
            bytes += 4 + _column.Span(r).Length;
            r++;
        } while (r < _rows && bytes < pageBytes);
        return r;
    }

    private void WriteValues(PooledBuffer body, int start, int end)
    {
        for (var r = start; r < end; r++)
        {
            if (_column.IsNull(r))
            {
                if (MaxDefinitionLevel == 0) throw new InvalidOperationException("a required column holds a null");
                continue;
            }
            WriteValue(body, _column.Span(r));
        }
    }

    private void WriteValue(PooledBuffer body, ReadOnlySpan<char> value)
    {
        // UTF-8 takes at most 3 bytes per UTF-16 char; lone surrogates become U+FFFD, as Encoding.UTF8 does.
        var target = body.GetSpan(4 + 3 * value.Length);
        Utf8.FromUtf16(value, target[4..], out _, out var written, replaceInvalidSequences: true);
        BinaryPrimitives.WriteInt32LittleEndian(target, written);
        _range.Add(target.Slice(4, written));
        body.Advance(4 + written);
    }

    // A byte of bit width, then the hybrid-encoded entry of each non-null row.
    private void WriteIndices(PooledBuffer body, int start, int end)
    {
        var width = HybridEncoder.BitWidth(_dictionary.Count - 1);
        body.WriteByte((byte)width);
        var encoder = _indexEncoder;
        encoder.Begin(body, width);
        var indices = _dictionary.Indices[start..end];
        foreach (var i in indices)
        {
            if (i >= 0) encoder.Add(i);
            else if (MaxDefinitionLevel == 0) throw new InvalidOperationException("a required column holds a null");
        }
        encoder.End();
    }

    public override Statistics Statistics() => Bounds(NullCount, _range.Encode(options.MaxStringStatisticsBytes), legacy: false);

    public void Dispose() => _dictionary.Dispose();
}
