namespace AkkaEtl.Parquet.Reading;

/// <summary>
/// The Thrift compact protocol, read side, over bytes in memory: just what a page header needs (field headers, i32,
/// nested structs) plus skipping of anything else, so fields this reader does not know (statistics, CRCs, newer
/// additions) cost nothing. Running out of bytes throws <see cref="TruncatedThriftException"/>, so a caller
/// holding only part of a stream can fetch more and retry.
/// </summary>
internal ref struct ThriftCompactReader(ReadOnlySpan<byte> data)
{

    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly int Position => _position;

    /// <summary>The next field of the current struct: false at its end. <paramref name="lastId"/> is the previous field's id (0 at the start).</summary>
    public bool NextField(ref short lastId, out byte type)
    {
        var header = ReadByte();
        type = (byte)(header & 0x0F);
        if (type == ThriftCompactType.Stop) return false;
        var delta = header >> 4;
        lastId = delta != 0 ? (short)(lastId + delta) : (short)Zigzag(ReadVarint());
        return true;
    }

    public int ReadI32() => (int)Zigzag(ReadVarint());

    public long ReadI64() => Zigzag(ReadVarint());

    /// <summary>Skips a value of <paramref name="type"/> (booleans of a field live in its header: nothing to skip).</summary>
    public void Skip(byte type)
    {
        switch (type)
        {
            case ThriftCompactType.BooleanTrue or ThriftCompactType.BooleanFalse:
                break;
            case ThriftCompactType.Byte:
                ReadByte();
                break;
            case ThriftCompactType.I16 or ThriftCompactType.I32 or ThriftCompactType.I64:
                ReadVarint();
                break;
            case ThriftCompactType.Double:
                Advance(8);
                break;
            case ThriftCompactType.Binary:
                Advance(checked((int)ReadVarint()));
                break;
            case ThriftCompactType.List or ThriftCompactType.Set:
            {
                var header = ReadByte();
                var size = header >> 4;
                if (size == 15) size = checked((int)ReadVarint());
                var element = (byte)(header & 0x0F);
                for (var i = 0; i < size; i++) SkipElement(element);
                break;
            }
            case ThriftCompactType.Map:
            {
                var size = checked((int)ReadVarint());
                if (size == 0) break;
                var types = ReadByte();
                for (var i = 0; i < size; i++)
                {
                    SkipElement((byte)(types >> 4));
                    SkipElement((byte)(types & 0x0F));
                }
                break;
            }
            case ThriftCompactType.Struct:
                SkipStruct();
                break;
            default:
                throw new InvalidDataException($"unknown Thrift compact type {type}");
        }
    }

    public void SkipStruct()
    {
        short id = 0;
        while (NextField(ref id, out var type)) Skip(type);
    }

    // In lists and maps a boolean is a whole byte, not part of a field header.
    private void SkipElement(byte type)
    {
        if (type is ThriftCompactType.BooleanTrue or ThriftCompactType.BooleanFalse) ReadByte();
        else Skip(type);
    }

    private byte ReadByte()
    {
        if (_position >= _data.Length) throw new TruncatedThriftException();
        return _data[_position++];
    }

    private void Advance(int count)
    {
        if (count < 0 || _position + count > _data.Length) throw new TruncatedThriftException();
        _position += count;
    }

    private ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("a Thrift varint longer than 10 bytes");
    }

    private static long Zigzag(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);
}

/// <summary>The Thrift bytes ended inside a value: more of the stream is needed (or the data is corrupt).</summary>
internal sealed class TruncatedThriftException() : Exception("the Thrift struct is truncated");
