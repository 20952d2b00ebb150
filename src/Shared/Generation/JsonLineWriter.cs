using System.Globalization;
using System.Runtime.CompilerServices;

namespace AkkaEtl.Generation;

/// <summary>
/// Writes JSON Lines as UTF-8 straight into a growable byte buffer. Strings are written from pre-escaped
/// <see cref="JsonText"/> pieces, so nothing is escaped per record. Two layouts: compact (<c>{"a":1,"b":2}</c>) and
/// Python's default (<c>{"a": 1, "b": 2}</c>); and two string encodings (raw UTF-8, or ASCII with <c>\uXXXX</c>).
/// </summary>
internal sealed class JsonLineWriter
{
    private byte[] _buffer;
    private int _position;
    private uint _commaBits;
    private int _depth;
    private bool _afterKey;

    public JsonLineWriter(int capacity = 1 << 20) => _buffer = new byte[capacity];

    /// <summary>Python-style separators (<c>", "</c> and <c>": "</c>) rather than compact ones.</summary>
    public bool Spaced { get; set; }

    /// <summary>Non-ASCII characters as <c>\uXXXX</c> escapes.</summary>
    public bool AsciiOnly { get; set; }

    public int Length => _position;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _position);

    public Span<byte> WrittenSince(int start) => _buffer.AsSpan(start, _position - start);

    public void Clear()
    {
        _position = 0;
        ResetStructure();
    }

    /// <summary>Cuts the buffer back to <paramref name="length"/> bytes (and forgets any open structure).</summary>
    public void Truncate(int length)
    {
        _position = length;
        ResetStructure();
    }

    public void ResetStructure()
    {
        _depth = 0;
        _commaBits = 0;
        _afterKey = false;
    }

    public void CopyTo(Stream stream) => stream.Write(_buffer, 0, _position);

    // ---- raw bytes -------------------------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Raw(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _position) Grow(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_position));
        _position += bytes.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RawByte(byte b)
    {
        if (_position >= _buffer.Length) Grow(1);
        _buffer[_position++] = b;
    }

    /// <summary>Writes a pre-escaped text in the current string encoding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Text(JsonText text) => Raw(AsciiOnly ? text.Ascii : text.Utf8);

    public void Integer(long value)
    {
        if (_buffer.Length - _position < 24) Grow(24);
        value.TryFormat(_buffer.AsSpan(_position), out int written, default, CultureInfo.InvariantCulture);
        _position += written;
    }

    /// <summary>A non-negative number with leading zeros to <paramref name="width"/> digits.</summary>
    public void Padded(long value, int width)
    {
        if (_buffer.Length - _position < 24) Grow(24);
        int digits = CountDigits(value);
        for (int i = digits; i < width; i++) _buffer[_position++] = (byte)'0';
        value.TryFormat(_buffer.AsSpan(_position), out int written, default, CultureInfo.InvariantCulture);
        _position += written;
    }

    /// <summary>A decimal with a fixed number of fraction digits and the given decimal separator.</summary>
    public void Decimal(double value, int fractionDigits, byte separator)
    {
        long scale = fractionDigits switch { 0 => 1, 1 => 10, 2 => 100, _ => 1000 };
        long scaled = (long)Math.Round(value * scale, MidpointRounding.AwayFromZero);
        Integer(scaled / scale);
        if (fractionDigits > 0)
        {
            RawByte(separator);
            Padded(scaled % scale, fractionDigits);
        }
    }

    private static int CountDigits(long value)
    {
        int digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }
        return digits;
    }

    private void Grow(int needed)
    {
        int size = Math.Max(_buffer.Length * 2, _position + needed + 1024);
        Array.Resize(ref _buffer, size);
    }

    // ---- JSON structure --------------------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Separator()
    {
        uint bit = 1u << _depth;
        if ((_commaBits & bit) != 0)
        {
            if (Spaced) Raw(", "u8);
            else RawByte((byte)',');
        }
        else
        {
            _commaBits |= bit;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void BeforeValue()
    {
        if (_afterKey) _afterKey = false;
        else Separator();
    }

    /// <summary>An object member name (ASCII, no escaping needed).</summary>
    public void Key(ReadOnlySpan<byte> name)
    {
        Separator();
        RawByte((byte)'"');
        Raw(name);
        if (Spaced) Raw("\": "u8);
        else Raw("\":"u8);
        _afterKey = true;
    }

    public void BeginObject()
    {
        BeforeValue();
        RawByte((byte)'{');
        _depth++;
        _commaBits &= ~(1u << _depth);
    }

    public void EndObject()
    {
        _depth--;
        RawByte((byte)'}');
    }

    public void BeginArray()
    {
        BeforeValue();
        RawByte((byte)'[');
        _depth++;
        _commaBits &= ~(1u << _depth);
    }

    public void EndArray()
    {
        _depth--;
        RawByte((byte)']');
    }

    /// <summary>Opens a string value; write escaped content with <see cref="Text"/> or <see cref="Raw"/>, then <see cref="EndString"/>.</summary>
    public void BeginString()
    {
        BeforeValue();
        RawByte((byte)'"');
    }

    public void EndString() => RawByte((byte)'"');

    public void String(JsonText text)
    {
        BeginString();
        Text(text);
        RawByte((byte)'"');
    }

    /// <summary>A string value from bytes that need no escaping.</summary>
    public void String(ReadOnlySpan<byte> escaped)
    {
        BeginString();
        Raw(escaped);
        RawByte((byte)'"');
    }

    public void Number(long value)
    {
        BeforeValue();
        Integer(value);
    }

    public void Number(double value, int fractionDigits)
    {
        BeforeValue();
        Decimal(value, fractionDigits, (byte)'.');
    }

    public void Bool(bool value)
    {
        BeforeValue();
        Raw(value ? "true"u8 : "false"u8);
    }

    public void Null()
    {
        BeforeValue();
        Raw("null"u8);
    }

    public void EndLine()
    {
        RawByte((byte)'\n');
        ResetStructure();
    }
}
