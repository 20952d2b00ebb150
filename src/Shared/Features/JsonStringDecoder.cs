using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace AkkaEtl.Features;

/// <summary>
/// A JSON string value straight from the raw UTF-8 of the line into UTF-16 characters: runs between escapes are
/// transcoded in place, escapes decoded on the way. No string and no intermediate unescaped copy (what
/// <see cref="JsonElement.GetString"/> and <see cref="Utf8JsonReader.CopyString(Span{char})"/> make).
/// </summary>
internal static class JsonStringDecoder
{
    /// <summary>
    /// Writes the characters of <paramref name="element"/> (a string) into <paramref name="destination"/>, which must
    /// hold as many characters as the raw value has bytes. The line is valid UTF-8 and the document validated the
    /// escapes; surrogate escapes that do not pair up go the reader's way, so they fail exactly as GetString does.
    /// </summary>
    public static int Decode(JsonElement element, Span<char> destination)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element); // with its quotes
        var n = TryDecode(raw[1..^1], destination);
        if (n >= 0) return n;
        var reader = new Utf8JsonReader(raw);
        reader.Read();
        return reader.CopyString(destination);
    }

    /// <summary>The decoded length, or -1 for a surrogate escape that does not pair up.</summary>
    private static int TryDecode(ReadOnlySpan<byte> src, Span<char> dst)
    {
        var w = 0;
        while (true)
        {
            var bs = src.IndexOf((byte)'\\');
            // A backslash never occurs inside a multi-byte UTF-8 sequence, so every run is whole.
            var run = bs < 0 ? src : src[..bs];
            if (!run.IsEmpty)
            {
                if (Utf8.ToUtf16(run, dst[w..], out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
                    return -1;
                w += written;
            }
            if (bs < 0) return w;
            var e = src[bs + 1];
            if (e != (byte)'u')
            {
                dst[w++] = e switch
                {
                    (byte)'n' => '\n',
                    (byte)'t' => '\t',
                    (byte)'r' => '\r',
                    (byte)'b' => '\b',
                    (byte)'f' => '\f',
                    _ => (char)e, // " \ /
                };
                src = src[(bs + 2)..];
                continue;
            }
            var unit = Hex4(src.Slice(bs + 2, 4));
            src = src[(bs + 6)..];
            if (char.IsLowSurrogate(unit)) return -1;
            if (char.IsHighSurrogate(unit))
            {
                if (src.Length < 6 || src[0] != (byte)'\\' || src[1] != (byte)'u') return -1;
                var low = Hex4(src.Slice(2, 4));
                if (!char.IsLowSurrogate(low)) return -1;
                dst[w++] = unit;
                dst[w++] = low;
                src = src[6..];
                continue;
            }
            dst[w++] = unit;
        }
    }

    private static char Hex4(ReadOnlySpan<byte> hex)
    {
        var v = 0;
        foreach (var b in hex) v = (v << 4) | (b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10);
        return (char)v;
    }
}
