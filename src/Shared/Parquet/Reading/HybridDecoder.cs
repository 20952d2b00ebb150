using System.Buffers.Binary;

namespace AkkaEtl.Parquet.Reading;

/// <summary>
/// Decodes Parquet's RLE / bit-packed hybrid encoding (levels and dictionary indices): RLE runs become fills,
/// bit-packed groups are unpacked through a 64-bit accumulator. Exactly the requested number of values is produced;
/// the padding of a last bit-packed group is ignored.
/// </summary>
internal static class HybridDecoder
{
    /// <summary>Fills <paramref name="output"/> from <paramref name="data"/>; returns the bytes consumed.</summary>
    public static int Decode(ReadOnlySpan<byte> data, int bitWidth, Span<int> output)
    {
        if (bitWidth is < 0 or > 32) throw new InvalidDataException($"a bit width of {bitWidth}");
        var position = 0;
        var written = 0;
        var valueBytes = (bitWidth + 7) / 8;
        var mask = (1UL << bitWidth) - 1;
        while (written < output.Length)
        {
            var header = ReadVarint(data, ref position);
            if ((header & 1) == 0)
            {
                var count = (int)Math.Min(header >> 1, (uint)(output.Length - written));
                if (position + valueBytes > data.Length) throw Truncated();
                var value = 0;
                for (var i = 0; i < valueBytes; i++) value |= data[position + i] << (8 * i);
                position += valueBytes;
                if (count == 0) throw new InvalidDataException("an empty RLE run");
                output.Slice(written, count).Fill(value);
                written += count;
                continue;
            }
            var groups = (int)(header >> 1);
            if (groups == 0) throw new InvalidDataException("an empty bit-packed run");
            var bytes = checked(groups * bitWidth);
            if (position + bytes > data.Length)
            {
                // Some writers end the last group early instead of padding it: take what is there.
                bytes = data.Length - position;
            }
            var values = Math.Min(groups * 8, output.Length - written);
            Unpack(data.Slice(position, bytes), bitWidth, mask, output.Slice(written, values));
            written += values;
            position += bytes;
        }
        return position;
    }

    private static void Unpack(ReadOnlySpan<byte> packed, int bitWidth, ulong mask, Span<int> output)
    {
        if (bitWidth == 0)
        {
            output.Clear();
            return;
        }
        ulong acc = 0;
        var bits = 0;
        var next = 0;
        for (var i = 0; i < output.Length; i++)
        {
            while (bits < bitWidth)
            {
                if (next >= packed.Length) throw Truncated();
                acc |= (ulong)packed[next++] << bits;
                bits += 8;
            }
            output[i] = (int)(acc & mask);
            acc >>= bitWidth;
            bits -= bitWidth;
        }
    }

    private static uint ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (position >= data.Length) throw Truncated();
            var b = data[position++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("a run header longer than 5 bytes");
    }

    /// <summary>Levels of a data page v1: a 4-byte length, then the hybrid encoding. Returns the bytes consumed.</summary>
    public static int DecodeLengthPrefixed(ReadOnlySpan<byte> data, int bitWidth, Span<int> output)
    {
        if (data.Length < 4) throw Truncated();
        var length = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (length < 0 || length > data.Length - 4) throw Truncated();
        Decode(data.Slice(4, length), bitWidth, output);
        return 4 + length;
    }

    private static InvalidDataException Truncated() => new("RLE / bit-packed data ends early");
}
