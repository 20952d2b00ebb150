using System.Buffers;
using Microsoft.Win32.SafeHandles;
using Parquet.Meta;
using Snappier;
using Encoding = Parquet.Meta.Encoding;

namespace AkkaEtl.Parquet.Reading;

/// <summary>
/// Walks the pages of one column chunk: reads the chunk's bytes through a read-ahead window (a few MB, not the whole
/// chunk), parses each page header, decompresses the body (Snappy or none) and, for data pages v1, decodes the
/// repetition and definition levels. Buffers are pooled and reused across chunks. Not thread-safe.
/// </summary>
internal sealed class ColumnChunkReader : IDisposable
{
    private const int ReadAhead = 4 << 20;

    private SafeFileHandle _file = null!;
    private byte[] _window = ArrayPool<byte>.Shared.Rent(ReadAhead);
    private long _windowStart;
    private int _windowLength;
    private byte[] _page = [];
    private int[] _repetition = [];
    private int[] _definition = [];
    private long _next;
    private long _end;
    private CompressionCodec _codec;
    private int _maxDefinition;
    private int _maxRepetition;
    private int _valuesStart;
    private int _bodyLength;
    private bool _bodyInWindow;
    private int _bodyOffset;

    public PageInfo Page { get; private set; }

    private ReadOnlySpan<byte> Body => _bodyInWindow ? _window.AsSpan(_bodyOffset, _bodyLength) : _page.AsSpan(0, _bodyLength);

    /// <summary>The current dictionary page's values, or the current data page's values after its levels.</summary>
    public ReadOnlySpan<byte> Values => Body[_valuesStart..];
    /// <summary>The current data page's definition levels (empty when the column has none).</summary>
    public ReadOnlySpan<int> Definitions => _maxDefinition == 0 ? default : _definition.AsSpan(0, Page.ValueCount);
    public ReadOnlySpan<int> Repetitions => _maxRepetition == 0 ? default : _repetition.AsSpan(0, Page.ValueCount);
    public int MaxDefinition => _maxDefinition;

    /// <summary>Starts on a chunk of <paramref name="file"/>; nothing is read yet.</summary>
    public void Open(SafeFileHandle file, ColumnMetaData meta, ChunkRange range, int maxDefinition, int maxRepetition)
    {
        if (meta.Codec is not (CompressionCodec.SNAPPY or CompressionCodec.UNCOMPRESSED))
            throw new UnsupportedParquetException($"codec {meta.Codec}");
        if (!ReferenceEquals(file, _file)) _windowLength = 0;
        _file = file;
        _codec = meta.Codec;
        _next = range.Start;
        _end = range.End;
        _maxDefinition = maxDefinition;
        _maxRepetition = maxRepetition;
    }

    /// <summary>Moves to the next page: false at the chunk's end. Data pages come with their levels decoded.</summary>
    public async ValueTask<bool> NextAsync(CancellationToken ct)
    {
        if (_next >= _end) return false;
        var info = await ReadHeaderAsync(ct);
        var start = _next + info.HeaderLength;
        if (info.CompressedSize > _end - start) throw new InvalidDataException($"a page of {info.CompressedSize} bytes runs past its column chunk");
        await EnsureAsync(start, info.CompressedSize, ct);
        _next = start + info.CompressedSize;
        Page = info;
        switch (info.Type)
        {
            case PageType.DICTIONARY_PAGE:
                Decompress(start, info);
                _valuesStart = 0;
                return true;
            case PageType.DATA_PAGE:
                Decompress(start, info);
                ReadLevels(info);
                return true;
            case PageType.INDEX_PAGE:
                // Carries nothing a reader needs.
                return await NextAsync(ct);
            default:
                throw new UnsupportedParquetException($"page type {info.Type}");
        }
    }

    private async ValueTask<PageInfo> ReadHeaderAsync(CancellationToken ct)
    {
        // Headers are small unless they carry statistics: parse what the window holds, fetch more if it was not enough.
        var want = (int)Math.Min(_end - _next, 256);
        while (true)
        {
            await EnsureAsync(_next, want, ct);
            var available = (int)(_windowStart + _windowLength - _next);
            try
            {
                return PageHeaderParser.Parse(_window.AsSpan((int)(_next - _windowStart), available));
            }
            catch (TruncatedThriftException) when (available < _end - _next)
            {
                want = (int)Math.Min(_end - _next, 4L * available);
            }
        }
    }

    // Makes [offset, offset + length) of the file available in the window, reading ahead up to the chunk's end.
    private async ValueTask EnsureAsync(long offset, int length, CancellationToken ct)
    {
        if (offset >= _windowStart && offset + length <= _windowStart + _windowLength) return;
        var size = (int)Math.Min(Math.Max(length, ReadAhead), _end - offset);
        if (_window.Length < size)
        {
            ArrayPool<byte>.Shared.Return(_window);
            _window = ArrayPool<byte>.Shared.Rent(size);
        }
        _windowStart = offset;
        _windowLength = 0;
        await FileRangeCopier.ReadExactlyAsync(_file, _window.AsMemory(0, size), offset, ct);
        _windowLength = size;
    }

    private void Decompress(long start, PageInfo info)
    {
        var compressed = _window.AsSpan((int)(start - _windowStart), info.CompressedSize);
        if (_codec == CompressionCodec.UNCOMPRESSED)
        {
            if (info.CompressedSize != info.UncompressedSize) throw new InvalidDataException("an uncompressed page whose sizes differ");
            _bodyInWindow = true;
            _bodyOffset = (int)(start - _windowStart);
            _bodyLength = info.CompressedSize;
            return;
        }
        if (_page.Length < info.UncompressedSize)
        {
            if (_page.Length > 0) ArrayPool<byte>.Shared.Return(_page);
            _page = ArrayPool<byte>.Shared.Rent(info.UncompressedSize);
        }
        var length = Snappy.Decompress(compressed, _page.AsSpan(0, info.UncompressedSize));
        if (length != info.UncompressedSize) throw new InvalidDataException($"a page decompressed to {length} bytes, its header says {info.UncompressedSize}");
        _bodyInWindow = false;
        _bodyLength = length;
    }

    // Data page v1: repetition levels, then definition levels, each a 4-byte length and the hybrid encoding.
    private void ReadLevels(PageInfo info)
    {
        if (info.ValueCount < 0) throw new InvalidDataException("a data page without a value count");
        var body = Body;
        var position = 0;
        if (_maxRepetition > 0)
        {
            if (info.RepetitionEncoding != Encoding.RLE) throw new UnsupportedParquetException($"repetition levels in {info.RepetitionEncoding}");
            Grow(ref _repetition, info.ValueCount);
            position += HybridDecoder.DecodeLengthPrefixed(body, BitWidth(_maxRepetition), _repetition.AsSpan(0, info.ValueCount));
        }
        if (_maxDefinition > 0)
        {
            if (info.DefinitionEncoding != Encoding.RLE) throw new UnsupportedParquetException($"definition levels in {info.DefinitionEncoding}");
            Grow(ref _definition, info.ValueCount);
            position += HybridDecoder.DecodeLengthPrefixed(body[position..], BitWidth(_maxDefinition), _definition.AsSpan(0, info.ValueCount));
        }
        _valuesStart = position;
    }

    private static int BitWidth(int max) => 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)max);

    private static void Grow(ref int[] buffer, int size)
    {
        if (buffer.Length >= size) return;
        if (buffer.Length > 0) ArrayPool<int>.Shared.Return(buffer);
        buffer = ArrayPool<int>.Shared.Rent(size);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_window);
        _window = [];
        if (_page.Length > 0) ArrayPool<byte>.Shared.Return(_page);
        if (_repetition.Length > 0) ArrayPool<int>.Shared.Return(_repetition);
        if (_definition.Length > 0) ArrayPool<int>.Shared.Return(_definition);
        _page = [];
        _repetition = _definition = [];
    }
}

/// <summary>Something this reader does not decode (a codec, page type or encoding): the caller falls back to Parquet.Net.</summary>
internal sealed class UnsupportedParquetException(string what) : Exception($"not supported by the fast reader: {what}");
