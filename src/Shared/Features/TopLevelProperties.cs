using System.Buffers;
using System.Text;
using System.Text.Json;
using AkkaEtl.Features.Mapping;

namespace AkkaEtl.Features;

/// <summary>
/// The top-level properties of one JSON object in UTF-8, found without validating the text: a string is skipped to
/// its closing quote with a vectorised search, a nested object or list by counting brackets outside strings. Skipping
/// a long description this way costs a fraction of what a validating reader does. Malformed text ends the walk early
/// (<see cref="Malformed"/>); every step moves forward, so it always ends.
/// </summary>
public ref struct TopLevelProperties(ReadOnlySpan<byte> json)
{
    private static readonly SearchValues<byte> QuoteOrEscape = SearchValues.Create("\"\\"u8);
    private static readonly SearchValues<byte> Structure = SearchValues.Create("\"{}[]"u8);
    private static readonly SearchValues<byte> ScalarEnd = SearchValues.Create(",}] \t\r\n"u8);

    private readonly ReadOnlySpan<byte> _json = json;
    private int _at;
    private bool _started;
    private bool _first = true;

    /// <summary>The walk ended on text that is not a JSON object as expected.</summary>
    public bool Malformed { get; private set; }

    /// <summary>The current property's name, with its quotes.</summary>
    public ReadOnlySpan<byte> Name { get; private set; }

    /// <summary>The current property's raw value (a string with its quotes).</summary>
    public ReadOnlySpan<byte> Value { get; private set; }

    /// <summary>Moves to the next property; false at the end of the object or on malformed text.</summary>
    public bool MoveNext()
    {
        SkipWhitespace();
        if (!_started)
        {
            _started = true;
            if (!Expect((byte)'{')) return false;
            SkipWhitespace();
        }
        if (_at < _json.Length && _json[_at] == '}') return false;
        if (!_first)
        {
            if (!Expect((byte)',')) return false;
            SkipWhitespace();
        }
        _first = false;
        var nameStart = _at;
        if (_at >= _json.Length || _json[_at] != '"' || !SkipString()) return Fail();
        Name = _json[nameStart.._at];
        SkipWhitespace();
        if (!Expect((byte)':')) return false;
        SkipWhitespace();
        var valueStart = _at;
        if (!SkipValue()) return Fail();
        Value = _json[valueStart.._at];
        return true;
    }

    /// <summary>The slot of the current name in <paramref name="names"/>, or -1; an escaped name is unescaped to compare.</summary>
    public readonly int SlotOfName(TopLevelNames names)
    {
        var inner = Name[1..^1];
        if (inner.IndexOf((byte)'\\') < 0) return names.SlotOf(inner);
        var reader = new Utf8JsonReader(Name);
        return reader.Read() ? names.SlotOf(Encoding.UTF8.GetBytes(reader.GetString()!)) : -1;
    }

    /// <summary>The current value as text when it is a string (unescaped), otherwise null.</summary>
    public readonly string? StringValue()
    {
        if (Value.IsEmpty || Value[0] != '"') return null;
        var inner = Value[1..^1];
        if (inner.IndexOf((byte)'\\') < 0) return Encoding.UTF8.GetString(inner);
        var reader = new Utf8JsonReader(Value);
        try
        {
            return reader.Read() ? reader.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private bool Expect(byte b)
    {
        if (_at < _json.Length && _json[_at] == b)
        {
            _at++;
            return true;
        }
        return Fail();
    }

    private bool Fail()
    {
        Malformed = true;
        return false;
    }

    private void SkipWhitespace()
    {
        while (_at < _json.Length && _json[_at] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') _at++;
    }

    /// <summary>From an opening quote to just past its closing quote.</summary>
    private bool SkipString()
    {
        _at++;
        while (true)
        {
            var i = _json[_at..].IndexOfAny(QuoteOrEscape);
            if (i < 0) return false;
            _at += i;
            if (_json[_at] == '"')
            {
                _at++;
                return true;
            }
            _at += 2; // an escape and the character it escapes
            if (_at > _json.Length) return false;
        }
    }

    private bool SkipValue()
    {
        if (_at >= _json.Length) return false;
        switch (_json[_at])
        {
            case (byte)'"':
                return SkipString();
            case (byte)'{' or (byte)'[':
                return SkipNested();
            default:
                var end = _json[_at..].IndexOfAny(ScalarEnd);
                var length = end < 0 ? _json.Length - _at : end;
                _at += length;
                return length > 0;
        }
    }

    private bool SkipNested()
    {
        var depth = 0;
        while (true)
        {
            var i = _json[_at..].IndexOfAny(Structure);
            if (i < 0) return false;
            _at += i;
            switch (_json[_at])
            {
                case (byte)'"':
                    if (!SkipString()) return false;
                    continue;
                case (byte)'{' or (byte)'[':
                    depth++;
                    break;
                default:
                    depth--;
                    break;
            }
            _at++;
            if (depth == 0) return true;
        }
    }
}
