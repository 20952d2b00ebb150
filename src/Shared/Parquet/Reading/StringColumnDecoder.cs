using System.Buffers.Binary;
using System.Text.Unicode;
using AkkaEtl.Common;
using AkkaEtl.Features;
using Encoding = Parquet.Meta.Encoding;

namespace AkkaEtl.Parquet.Reading;

/// <summary>
/// BYTE_ARRAY (UTF-8) columns into a <see cref="StringColumn"/>'s char arena, no string per value: PLAIN values are
/// transcoded straight into the arena; a dictionary is transcoded once and its entries copied per row. Rows the mask
/// drops are skipped without transcoding.
/// </summary>
internal sealed class StringColumnDecoder : ColumnDecoder
{
    private readonly ValueBuffer<char> _dictionaryChars = new(4096);
    private readonly ValueBuffer<int> _dictionaryStarts = new(256);
    private readonly ValueBuffer<int> _dictionaryLengths = new(256);
    private int[] _indices = [];
    private bool _hasDictionary;
    private StringColumn _target = null!;
    private int _row;

    protected override void Start(ColumnBuffer target)
    {
        _target = (StringColumn)target;
        _row = 0;
        _hasDictionary = false;
    }

    public override void ReadDictionary(ColumnChunkReader page)
    {
        var info = page.Page;
        if (info.Encoding is not (Encoding.PLAIN or Encoding.PLAIN_DICTIONARY)) throw new UnsupportedParquetException($"a dictionary in {info.Encoding}");
        _dictionaryChars.Clear();
        _dictionaryStarts.Clear();
        _dictionaryLengths.Clear();
        var bytes = page.Values;
        var position = 0;
        for (var e = 0; e < info.ValueCount; e++)
        {
            var value = NextValue(bytes, ref position);
            var start = _dictionaryChars.Count;
            var chars = _dictionaryChars.AppendSpan(value.Length);
            Utf8.ToUtf16(value, chars, out _, out var written, replaceInvalidSequences: true);
            _dictionaryChars.Truncate(start + written);
            _dictionaryStarts.Add(start);
            _dictionaryLengths.Add(written);
        }
        _hasDictionary = true;
    }

    public override void ReadData(ColumnChunkReader page)
    {
        var count = page.Page.ValueCount;
        if (count > Rows - _row) throw TooManyRows(Rows);
        var keep = Keep.IsEmpty ? default : Keep.Slice(_row, count);
        switch (page.Page.Encoding)
        {
            case Encoding.PLAIN:
                ReadPlain(page, count, keep);
                break;
            case Encoding.RLE_DICTIONARY or Encoding.PLAIN_DICTIONARY:
                ReadIndices(page, count, keep);
                break;
            default:
                throw new UnsupportedParquetException($"strings in {page.Page.Encoding}");
        }
        _row += count;
    }

    private void ReadPlain(ColumnChunkReader page, int count, ReadOnlySpan<bool> keep)
    {
        var bytes = page.Values;
        var definitions = page.Definitions;
        var max = page.MaxDefinition;
        var target = _target;
        var position = 0;
        for (var i = 0; i < count; i++)
        {
            var kept = keep.IsEmpty || keep[i];
            if (max > 0 && definitions[i] != max)
            {
                if (kept) target.AddNull();
                continue;
            }
            var value = NextValue(bytes, ref position);
            if (kept) target.AddUtf8(value);
        }
    }

    private void ReadIndices(ColumnChunkReader page, int count, ReadOnlySpan<bool> keep)
    {
        if (!_hasDictionary) throw new InvalidDataException("a dictionary-encoded page without a dictionary page");
        var present = Present(page);
        if (_indices.Length < present) _indices = new int[Math.Max(present, 2 * _indices.Length)];
        var indices = _indices.AsSpan(0, present);
        DictionaryIndices.Decode(page.Values, indices, _dictionaryStarts.Count);
        var definitions = page.Definitions;
        var max = page.MaxDefinition;
        var chars = _dictionaryChars.Span;
        var starts = _dictionaryStarts.Span;
        var lengths = _dictionaryLengths.Span;
        var target = _target;
        var v = 0;
        for (var i = 0; i < count; i++)
        {
            var kept = keep.IsEmpty || keep[i];
            if (max > 0 && definitions[i] != max)
            {
                if (kept) target.AddNull();
                continue;
            }
            var e = indices[v++];
            if (kept) target.Add(chars.Slice(starts[e], lengths[e]));
        }
    }

    // PLAIN BYTE_ARRAY: a 4-byte little-endian length, then the bytes.
    /// <summary>The PLAIN BYTE_ARRAY value at <paramref name="position"/> (a 4-byte length, then the bytes); moves past it.</summary>
    internal static ReadOnlySpan<byte> NextValue(ReadOnlySpan<byte> bytes, ref int position)
    {
        if (bytes.Length - position < 4) throw new InvalidDataException("a string value runs past its page");
        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes[position..]);
        position += 4;
        if (length < 0 || length > bytes.Length - position) throw new InvalidDataException("a string value runs past its page");
        var value = bytes.Slice(position, length);
        position += length;
        return value;
    }

    public override void End()
    {
        if (_row != Rows) throw new InvalidDataException($"the column chunk has {_row} values for {Rows} rows");
    }
}
