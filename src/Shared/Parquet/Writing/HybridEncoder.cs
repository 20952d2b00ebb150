using System.Runtime.CompilerServices;

namespace AkkaEtl.Parquet.Writing;

/// <summary>
/// The RLE / bit-packed hybrid encoding (Parquet's <c>RLE</c>) of definition and repetition levels and dictionary
/// indices, fed value by value or run by run. Runs of 8 or more equal values become RLE runs; the rest are
/// bit-packed in groups of 8, so a column without nulls costs a few bytes per page whatever its row count.
/// </summary>
internal sealed class HybridEncoder
{
    // 63 groups of 8: the bit-packed run header stays one byte.
    private const int MaxPending = 504;

    private readonly int[] _pending = new int[MaxPending];
    private PooledBuffer _output = null!;
    private int _bitWidth;
    private int _pendingCount;
    private int _runValue;
    private int _runLength;

    /// <summary>Starts an encoding of values of <paramref name="bitWidth"/> bits into <paramref name="output"/>.</summary>
    public void Begin(PooledBuffer output, int bitWidth)
    {
        if (bitWidth is < 1 or > 32) throw new ArgumentOutOfRangeException(nameof(bitWidth));
        _output = output;
        _bitWidth = bitWidth;
        _pendingCount = 0;
        _runLength = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int value)
    {
        if (value == _runValue && _runLength > 0)
        {
            _runLength++;
            return;
        }
        FlushRun();
        _runValue = value;
        _runLength = 1;
    }

    public void AddRun(int value, int count)
    {
        if (count <= 0) return;
        if (value != _runValue || _runLength == 0)
        {
            FlushRun();
            _runValue = value;
        }
        _runLength += count;
    }

    /// <summary>Writes what is still buffered; the last bit-packed group is padded with zeros (readers know the count).</summary>
    public void End()
    {
        FlushRun();
        if (_pendingCount % 8 != 0)
        {
            var pad = 8 - _pendingCount % 8;
            _pending.AsSpan(_pendingCount, pad).Clear();
            _pendingCount += pad;
        }
        FlushPending();
    }

    private void FlushRun()
    {
        var n = _runLength;
        if (n == 0) return;
        _runLength = 0;
        var value = _runValue;
        // Top the bit-packed values up to a whole group first: an RLE run can only follow whole groups.
        if (_pendingCount % 8 != 0)
        {
            var fill = Math.Min(n, 8 - _pendingCount % 8);
            _pending.AsSpan(_pendingCount, fill).Fill(value);
            _pendingCount += fill;
            n -= fill;
            if (_pendingCount == MaxPending) FlushPending();
        }
        if (n >= 8)
        {
            FlushPending();
            WriteRle(value, n);
            return;
        }
        while (n > 0)
        {
            var take = Math.Min(n, MaxPending - _pendingCount);
            _pending.AsSpan(_pendingCount, take).Fill(value);
            _pendingCount += take;
            n -= take;
            if (_pendingCount == MaxPending) FlushPending();
        }
    }

    private void WriteRle(int value, int count)
    {
        var span = _output.GetSpan(5 + 4);
        var n = WriteVarint(span, (uint)count << 1);
        var bytes = (_bitWidth + 7) / 8;
        for (var i = 0; i < bytes; i++) span[n++] = (byte)(value >> (8 * i));
        _output.Advance(n);
    }

    // Whole groups of 8 only (End pads the last one).
    private void FlushPending()
    {
        if (_pendingCount == 0) return;
        var groups = _pendingCount / 8;
        var span = _output.GetSpan(2 + groups * _bitWidth);
        var n = WriteVarint(span, ((uint)groups << 1) | 1);
        var width = _bitWidth;
        ulong acc = 0;
        var bits = 0;
        for (var i = 0; i < _pendingCount; i++)
        {
            acc |= (ulong)(uint)_pending[i] << bits;
            bits += width;
            while (bits >= 8)
            {
                span[n++] = (byte)acc;
                acc >>= 8;
                bits -= 8;
            }
        }
        _output.Advance(n);
        _pendingCount = 0;
    }

    private static int WriteVarint(Span<byte> span, uint value)
    {
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[n++] = (byte)value;
        return n;
    }

    /// <summary>Bits needed for values up to <paramref name="max"/> (at least 1).</summary>
    public static int BitWidth(int max) => max <= 1 ? 1 : 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)max);
}
