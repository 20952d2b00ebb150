using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Parquet.Meta;
using Encoding = Parquet.Meta.Encoding;

namespace AkkaEtl.Parquet.Reading;

/// <summary>
/// The values of a page of a fixed-width column (numbers, timestamps, list elements): PLAIN values are viewed in
/// place (little-endian, as in memory), dictionary-encoded ones are looked up into a reused buffer.
/// </summary>
internal sealed class FixedValues<T> where T : unmanaged
{
    private T[] _dictionary = [];
    private int _dictionaryCount = -1;
    private T[] _gathered = [];
    private int[] _indices = [];

    /// <summary>Forgets the previous chunk's dictionary.</summary>
    public void Reset() => _dictionaryCount = -1;

    public void LoadDictionary(ColumnChunkReader page)
    {
        var info = page.Page;
        if (info.Encoding is not (Encoding.PLAIN or Encoding.PLAIN_DICTIONARY)) throw new UnsupportedParquetException($"a dictionary in {info.Encoding}");
        var values = Plain(page.Values, info.ValueCount);
        if (_dictionary.Length < values.Length) _dictionary = new T[values.Length];
        values.CopyTo(_dictionary);
        _dictionaryCount = values.Length;
    }

    /// <summary>The page's <paramref name="count"/> non-null values.</summary>
    public ReadOnlySpan<T> Read(ColumnChunkReader page, int count)
    {
        switch (page.Page.Encoding)
        {
            case Encoding.PLAIN:
                return Plain(page.Values, count);
            case Encoding.RLE_DICTIONARY or Encoding.PLAIN_DICTIONARY:
                if (_dictionaryCount < 0) throw new InvalidDataException("a dictionary-encoded page without a dictionary page");
                if (_indices.Length < count) _indices = new int[Math.Max(count, 2 * _indices.Length)];
                if (_gathered.Length < count) _gathered = new T[Math.Max(count, 2 * _gathered.Length)];
                var indices = _indices.AsSpan(0, count);
                DictionaryIndices.Decode(page.Values, indices, _dictionaryCount);
                var gathered = _gathered.AsSpan(0, count);
                var dictionary = _dictionary;
                for (var i = 0; i < indices.Length; i++) gathered[i] = dictionary[indices[i]];
                return gathered;
            default:
                throw new UnsupportedParquetException($"values in {page.Page.Encoding}");
        }
    }

    private static ReadOnlySpan<T> Plain(ReadOnlySpan<byte> bytes, int count)
    {
        var size = Unsafe.SizeOf<T>();
        if ((long)count * size > bytes.Length) throw new InvalidDataException($"a page with {bytes.Length} bytes for {count} values of {size} bytes");
        return MemoryMarshal.Cast<byte, T>(bytes[..(count * size)]);
    }
}

/// <summary>Dictionary indices of a data page: a byte of bit width, then the hybrid encoding; each checked against the dictionary's size.</summary>
internal static class DictionaryIndices
{
    public static void Decode(ReadOnlySpan<byte> values, Span<int> indices, int dictionaryCount)
    {
        if (indices.IsEmpty) return;
        if (values.IsEmpty) throw new InvalidDataException("a dictionary-encoded page without indices");
        HybridDecoder.Decode(values[1..], values[0], indices);
        foreach (var i in indices)
            if ((uint)i >= (uint)dictionaryCount) throw new InvalidDataException($"dictionary index {i} of a dictionary of {dictionaryCount}");
    }
}
