using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace AkkaEtl.Parquet;

/// <summary>
/// The Thrift compact protocol, write side only: field headers with deltas, zigzag varints, lists and nested
/// structs, into a growable buffer. Enough for Parquet's metadata structs (no maps, no sets).
/// </summary>
public sealed class ThriftCompactWriter
{

    private readonly ArrayBufferWriter<byte> _buffer;
    private short[] _fieldStack = new short[16];
    private int _depth;
    private short _lastField;

    public ThriftCompactWriter(int initialCapacity = 4096) => _buffer = new ArrayBufferWriter<byte>(initialCapacity);

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.WrittenMemory;
    public int Length => _buffer.WrittenCount;

    /// <summary>Forgets everything written, keeping the buffer.</summary>
    public void Reset()
    {
        _buffer.ResetWrittenCount();
        _depth = 0;
        _lastField = 0;
    }

    /// <summary>Starts a struct: as the top-level value, a list element, or after <see cref="FieldHeader"/> with <see cref="ThriftCompactType.Struct"/>.</summary>
    public void BeginStruct()
    {
        if (_depth == _fieldStack.Length) Array.Resize(ref _fieldStack, _depth * 2);
        _fieldStack[_depth++] = _lastField;
        _lastField = 0;
    }

    public void EndStruct()
    {
        if (_depth == 0) throw new InvalidOperationException("no struct open");
        WriteByte(0); // field stop
        _lastField = _fieldStack[--_depth];
    }

    public void FieldHeader(short id, byte type)
    {
        var delta = id - _lastField;
        if (delta is > 0 and <= 15)
        {
            WriteByte((byte)((delta << 4) | type));
        }
        else
        {
            WriteByte(type);
            WriteVarint(ZigZag(id));
        }
        _lastField = id;
    }

    public void BoolField(short id, bool value) => FieldHeader(id, value ? ThriftCompactType.BooleanTrue : ThriftCompactType.BooleanFalse);

    public void I8Field(short id, sbyte value)
    {
        FieldHeader(id, ThriftCompactType.Byte);
        WriteByte((byte)value);
    }

    public void I16Field(short id, short value)
    {
        FieldHeader(id, ThriftCompactType.I16);
        WriteVarint(ZigZag(value));
    }

    public void I32Field(short id, int value)
    {
        FieldHeader(id, ThriftCompactType.I32);
        WriteI32(value);
    }

    public void I64Field(short id, long value)
    {
        FieldHeader(id, ThriftCompactType.I64);
        WriteI64(value);
    }

    public void DoubleField(short id, double value)
    {
        FieldHeader(id, ThriftCompactType.Double);
        WriteDouble(value);
    }

    public void BinaryField(short id, ReadOnlySpan<byte> value)
    {
        FieldHeader(id, ThriftCompactType.Binary);
        WriteBinary(value);
    }

    public void StringField(short id, string value)
    {
        FieldHeader(id, ThriftCompactType.Binary);
        WriteString(value);
    }

    /// <summary>Writes a struct field's header and opens the struct; close it with <see cref="EndStruct"/>.</summary>
    public void BeginStructField(short id)
    {
        FieldHeader(id, ThriftCompactType.Struct);
        BeginStruct();
    }

    /// <summary>Writes an empty struct field (e.g. a union member with no content such as <c>StringType</c>).</summary>
    public void EmptyStructField(short id)
    {
        BeginStructField(id);
        EndStruct();
    }

    /// <summary>Writes a list field's header; the caller then writes exactly <paramref name="count"/> elements.</summary>
    public void ListField(short id, byte elementType, int count)
    {
        FieldHeader(id, ThriftCompactType.List);
        ListHeader(elementType, count);
    }

    public void ListHeader(byte elementType, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count < 15)
        {
            WriteByte((byte)((count << 4) | elementType));
        }
        else
        {
            WriteByte((byte)(0xF0 | elementType));
            WriteVarint((uint)count);
        }
    }

    public void WriteI32(int value) => WriteVarint(ZigZag(value));
    public void WriteI64(long value) => WriteVarint(ZigZag(value));

    /// <summary>A bool as a list element (outside a field header): 1 for true, 2 for false.</summary>
    public void WriteBool(bool value) => WriteByte(value ? ThriftCompactType.BooleanTrue : ThriftCompactType.BooleanFalse);

    public void WriteDouble(double value)
    {
        var span = _buffer.GetSpan(8);
        BinaryPrimitives.WriteDoubleLittleEndian(span, value);
        _buffer.Advance(8);
    }

    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteVarint((uint)value.Length);
        value.CopyTo(_buffer.GetSpan(value.Length));
        _buffer.Advance(value.Length);
    }

    public void WriteString(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        WriteVarint((uint)count);
        var written = Encoding.UTF8.GetBytes(value, _buffer.GetSpan(count));
        _buffer.Advance(written);
    }

    public void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    private void WriteVarint(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[n++] = (byte)value;
        _buffer.Advance(n);
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));
    private static uint ZigZag(int value) => (uint)((value << 1) ^ (value >> 31));
}
