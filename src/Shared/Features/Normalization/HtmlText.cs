using System.Buffers;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;

namespace AkkaEtl.Features.Normalization;

/// <summary>
/// HTML (or plain text) to plain text, in one pass, as the feature contract defines <c>description_text</c>:
/// <list type="bullet">
/// <item>tags removed; <c>script</c>, <c>style</c> (and <c>template</c>) with their content; comments, doctype and
/// processing instructions removed; <c>&lt;a href=...&gt;text&lt;/a&gt;</c> keeps its text, <c>pre</c>/<c>code</c> content is
/// kept as text;</item>
/// <item>entities decoded: every HTML5 named reference (legacy ones such as <c>&amp;amp</c>, <c>&amp;nbsp</c>,
/// <c>&amp;eacute</c> also without ";"), decimal <c>&amp;#8217;</c> and hex <c>&amp;#x2F;</c>/<c>&amp;#X2f;</c> (";"
/// optional, C1 code points mapped as Windows-1252 like browsers do); an unknown <c>&amp;foo;</c> stays as it is;</item>
/// <item>a line break at <c>p</c>, <c>br</c>, <c>li</c>, <c>div</c>, <c>h1</c>–<c>h6</c>, <c>tr</c> (opening or closing,
/// self-closing too) and the other block elements (<c>ul</c>, <c>ol</c>, <c>table</c>, <c>blockquote</c>, <c>pre</c>,
/// <c>hr</c>, <c>section</c>, ...); table cells (<c>td</c>, <c>th</c>) are separated by a space; raw <c>\n</c>,
/// <c>\r\n</c>, <c>\r</c> are line breaks too (a raw newline right after a tag's break is only source formatting and
/// adds nothing);</item>
/// <item>runs of spaces, tabs, nbsp and other Unicode spaces collapsed to one space, spaces trimmed around line breaks,
/// at most one empty line in a row, the whole text trimmed; control characters dropped.</item>
/// </list>
/// Malformed markup never loses text: a <c>&lt;</c> that does not open a known tag (<c>a &lt; b</c>, <c>&lt;3</c>,
/// <c>&lt;Your Name&gt;</c>), or a tag that is never closed by <c>&gt;</c>, is kept as text.
/// The output is written into a pooled buffer; the only allocation per call is the result string. Thread-safe.
/// </summary>
public static class HtmlText
{
    // What the main loop must look at: markup, entities, whitespace other than a plain space, control characters.
    // Plain spaces are handled inside text runs (a single space between words is copied as it is).
    private static readonly SearchValues<char> s_special = SearchValues.Create(
        "<&\t\n\v\f\r\u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF" +
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017" +
        "\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F");

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> s_entities =
        HtmlEntityTable.Entries.ToFrozenDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> s_legacyEntities =
        HtmlEntityTable.LegacyNames.ToFrozenDictionary(n => n, n => HtmlEntityTable.Entries.First(e => e.Name == n).Value, StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    private const int MaxLegacyNameLength = 6;
    private const int MaxEntityNameLength = 32;

    // Windows-1252 meaning of &#128; .. &#159; (what browsers decode them to).
    private const string Cp1252High =
        "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
        "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

    /// <summary>The description as plain text (see the type's remarks); "" for empty input.</summary>
    public static string ToPlainText(ReadOnlySpan<char> html)
    {
        if (html.IsEmpty) return string.Empty;
        var buffer = ArrayPool<char>.Shared.Rent(html.Length + 16);
        try
        {
            var length = Convert(html, inline: false, ref buffer);
            return length == 0 ? string.Empty : new string(buffer, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// For titles, company names and locations: the same decoding, but every whitespace run, line breaks included,
    /// becomes one space; trimmed; null when nothing is left.
    /// </summary>
    public static string? ToInlineText(ReadOnlySpan<char> htmlOrText)
    {
        if (htmlOrText.IsEmpty) return null;
        var buffer = ArrayPool<char>.Shared.Rent(htmlOrText.Length + 16);
        try
        {
            var length = Convert(htmlOrText, inline: true, ref buffer);
            return length == 0 ? null : new string(buffer, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Converts into <paramref name="buffer"/> (a pooled array, replaced by a larger pooled one if it must grow; the
    /// caller returns whichever it holds at the end). Returns the length written.
    /// </summary>
    internal static int Convert(ReadOnlySpan<char> src, bool inline, ref char[] buffer)
    {
        var w = new Writer(buffer, inline);
        var noGtFrom = int.MaxValue; // no '>' at or after this index (avoids rescanning on many unclosed '<')
        var i = 0;
        while (i < src.Length)
        {
            var k = src[i..].IndexOfAny(s_special);
            if (k != 0)
            {
                var run = k < 0 ? src[i..] : src.Slice(i, k);
                w.AppendRun(run);
                if (k < 0) break;
                i += k;
            }
            var c = src[i];
            switch (c)
            {
                case '<':
                    i = Tag(src, i, ref w, ref noGtFrom);
                    break;
                case '&':
                    i = Entity(src, i, ref w);
                    break;
                case '\n' or '\u0085' or '\u2028' or '\u2029':
                    w.RawNewline();
                    i++;
                    break;
                case '\r':
                    w.RawNewline();
                    i++;
                    if (i < src.Length && src[i] == '\n') i++;
                    break;
                case '\t' or ' ' or '\u00A0' or '\v' or '\f' or '\u1680' or (>= '\u2000' and <= '\u200A') or '\u202F' or '\u205F' or '\u3000':
                    w.Space();
                    i++;
                    break;
                default: // control characters and BOM: dropped
                    i++;
                    break;
            }
        }
        buffer = w.Buffer;
        return w.Length;
    }

    private enum TagKind : byte
    {
        NotATag,
        Inline,
        Break,   // br: a hard line break
        Block,   // p, div, li, h1-h6, tr, ...: a line break (merging with neighbours)
        Cell,    // td, th: a space
        RawText, // script, style, template: removed with their content
    }

    private static int Tag(ReadOnlySpan<char> s, int i, ref Writer w, ref int noGtFrom)
    {
        var n = s.Length;
        if (i + 1 >= n) return Literal(ref w, i);
        var c1 = s[i + 1];

        if (c1 == '!')
        {
            if (s[(i + 2)..].StartsWith("--"))
            {
                var close = s[(i + 4)..].IndexOf("-->");
                if (close >= 0) return i + 4 + close + 3;
                return Literal(ref w, i); // unclosed comment: keep the text
            }
            // <!DOCTYPE ...>, <![CDATA[ ... ]]> and other bogus comments: skipped to '>'
            return SkipToGt(s, i, ref w, ref noGtFrom);
        }
        if (c1 == '?') return SkipToGt(s, i, ref w, ref noGtFrom);

        var closing = c1 == '/';
        var nameStart = closing ? i + 2 : i + 1;
        if (nameStart >= n || !char.IsAsciiLetter(s[nameStart])) return Literal(ref w, i);
        var nameEnd = nameStart + 1;
        while (nameEnd < n && (char.IsAsciiLetterOrDigit(s[nameEnd]) || s[nameEnd] is '-' or ':' or '_')) nameEnd++;
        if (nameEnd < n && s[nameEnd] is not (' ' or '\t' or '\n' or '\r' or '\f' or '/' or '>')) return Literal(ref w, i);

        var kind = Classify(s[nameStart..nameEnd]);
        if (kind == TagKind.NotATag) return Literal(ref w, i);

        var end = nameEnd >= noGtFrom ? -1 : FindTagEnd(s, nameEnd);
        if (end < 0)
        {
            noGtFrom = Math.Min(noGtFrom, nameEnd);
            return Literal(ref w, i); // never closed: not a tag, keep the text
        }

        switch (kind)
        {
            case TagKind.Break:
                w.TagBreak(hard: true);
                break;
            case TagKind.Block:
                w.TagBreak(hard: false);
                break;
            case TagKind.Cell:
                w.Space();
                break;
            case TagKind.RawText when !closing && s[end - 1] != '/':
                return SkipRawText(s, s[nameStart..nameEnd], end + 1);
        }
        return end + 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Literal(ref Writer w, int i)
    {
        w.Append('<');
        return i + 1;
    }

    private static int SkipToGt(ReadOnlySpan<char> s, int i, ref Writer w, ref int noGtFrom)
    {
        var gt = i >= noGtFrom ? -1 : s[i..].IndexOf('>');
        if (gt < 0)
        {
            noGtFrom = Math.Min(noGtFrom, i);
            return Literal(ref w, i);
        }
        return i + gt + 1;
    }

    /// <summary>The index of the '>' that ends a tag whose name ends at <paramref name="from"/>, honouring quoted attribute values.</summary>
    private static int FindTagEnd(ReadOnlySpan<char> s, int from)
    {
        var afterEquals = false;
        for (var j = from; j < s.Length; j++)
        {
            var c = s[j];
            if (c == '>') return j;
            if (c == '=') { afterEquals = true; continue; }
            if ((c == '"' || c == '\'') && afterEquals)
            {
                var close = s[(j + 1)..].IndexOf(c);
                if (close < 0) break; // unbalanced quote: fall back to the first '>'
                j += close + 1;
                afterEquals = false;
                continue;
            }
            if (c is not (' ' or '\t' or '\n' or '\r')) afterEquals = false;
        }
        var gt = s[from..].IndexOf('>');
        return gt < 0 ? -1 : from + gt;
    }

    /// <summary>Skips the content of script/style/template up to and including its closing tag (to the end if none).</summary>
    private static int SkipRawText(ReadOnlySpan<char> s, ReadOnlySpan<char> name, int from)
    {
        var j = from;
        while (j < s.Length)
        {
            var lt = s[j..].IndexOf("</");
            if (lt < 0) return s.Length;
            j += lt + 2;
            if (j + name.Length <= s.Length && s.Slice(j, name.Length).Equals(name, StringComparison.OrdinalIgnoreCase)
                && (j + name.Length == s.Length || !char.IsAsciiLetterOrDigit(s[j + name.Length])))
            {
                var gt = s[j..].IndexOf('>');
                return gt < 0 ? s.Length : j + gt + 1;
            }
        }
        return s.Length;
    }

    private static TagKind Classify(ReadOnlySpan<char> name)
    {
        if (name.Length > 12)
            return name.ContainsAny('-', ':') ? TagKind.Inline : TagKind.NotATag;
        Span<char> lower = stackalloc char[12];
        var n = name.ToLowerInvariant(lower);
        return lower[..n] switch
        {
            "br" => TagKind.Break,
            "p" or "div" or "li" or "tr" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6"
                or "ul" or "ol" or "dl" or "dt" or "dd" or "table" or "thead" or "tbody" or "tfoot" or "caption"
                or "blockquote" or "pre" or "hr" or "section" or "article" or "header" or "footer" or "nav" or "aside"
                or "main" or "address" or "figure" or "figcaption" or "form" or "fieldset" or "legend" or "details"
                or "summary" or "body" or "html" or "head" or "title" or "center" or "dialog" or "menu" or "option"
                or "noscript" or "iframe" or "object" or "video" or "audio" or "canvas" or "svg" => TagKind.Block,
            "td" or "th" => TagKind.Cell,
            "script" or "style" or "template" => TagKind.RawText,
            "a" or "abbr" or "acronym" or "area" or "b" or "base" or "basefont" or "bdi" or "bdo" or "big" or "blink"
                or "button" or "cite" or "code" or "col" or "colgroup" or "data" or "datalist" or "del" or "dfn"
                or "em" or "embed" or "font" or "frame" or "frameset" or "i" or "img" or "input" or "ins" or "kbd"
                or "label" or "link" or "map" or "mark" or "meta" or "meter" or "nobr" or "optgroup" or "output"
                or "param" or "picture" or "progress" or "q" or "rp" or "rt" or "ruby" or "s" or "samp" or "select"
                or "slot" or "small" or "source" or "span" or "strike" or "strong" or "sub" or "sup" or "textarea"
                or "time" or "track" or "tt" or "u" or "var" or "wbr" or "path" or "g" or "rect" or "circle"
                or "ellipse" or "line" or "polyline" or "polygon" or "use" or "defs" or "symbol" or "lineargradient"
                or "radialgradient" or "stop" or "clippath" or "mask" or "pattern" or "image" or "tspan" or "text"
                or "math" or "mi" or "mo" or "mn" or "mrow" => TagKind.Inline,
            _ => name.ContainsAny('-', ':') ? TagKind.Inline : TagKind.NotATag,
        };
    }

    private static int Entity(ReadOnlySpan<char> s, int i, ref Writer w)
    {
        var n = s.Length;
        var j = i + 1;
        if (j < n && s[j] == '#')
        {
            j++;
            var hex = j < n && (s[j] | 0x20) == 'x';
            if (hex) j++;
            var digitsStart = j;
            var cp = 0;
            while (j < n)
            {
                int d;
                var c = s[j];
                if ((uint)(c - '0') <= 9) d = c - '0';
                else if (hex && (uint)((c | 0x20) - 'a') <= 5) d = (c | 0x20) - 'a' + 10;
                else break;
                cp = cp > 0x10FFFF ? cp : cp * (hex ? 16 : 10) + d;
                j++;
            }
            if (j == digitsStart)
            {
                w.Append('&');
                return i + 1;
            }
            if (j < n && s[j] == ';') j++;
            EmitCodePoint(ref w, cp);
            return j;
        }

        var nameStart = j;
        while (j < n && j - nameStart < MaxEntityNameLength && char.IsAsciiLetterOrDigit(s[j])) j++;
        if (j == nameStart)
        {
            w.Append('&');
            return i + 1;
        }
        var name = s[nameStart..j];
        if (j < n && s[j] == ';' && s_entities.TryGetValue(name, out var value))
        {
            EmitDecoded(ref w, value);
            return j + 1;
        }
        // Legacy references also work without ';' ("&amp", "&nbsp", "&copy2026"): the longest matching prefix.
        for (var len = Math.Min(name.Length, MaxLegacyNameLength); len >= 2; len--)
        {
            if (s_legacyEntities.TryGetValue(name[..len], out value))
            {
                EmitDecoded(ref w, value);
                return nameStart + len;
            }
        }
        w.Append('&'); // unknown: left as it is
        return i + 1;
    }

    private static void EmitCodePoint(ref Writer w, int cp)
    {
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
        else if (cp >= 0x80 && cp <= 0x9F) cp = Cp1252High[cp - 0x80];
        if (cp < 0x10000)
        {
            EmitChar(ref w, (char)cp);
        }
        else
        {
            cp -= 0x10000;
            w.Append((char)(0xD800 + (cp >> 10)));
            w.Append((char)(0xDC00 + (cp & 0x3FF)));
        }
    }

    private static void EmitDecoded(ref Writer w, string value)
    {
        if (value.Length == 1) EmitChar(ref w, value[0]);
        else w.Append(value);
    }

    /// <summary>A decoded character: whitespace and newlines take part in collapsing like raw ones.</summary>
    private static void EmitChar(ref Writer w, char c)
    {
        switch (c)
        {
            case '\n' or '\r' or '\u0085' or '\u2028' or '\u2029':
                w.RawNewline();
                break;
            case '\t' or ' ' or '\u00A0' or '\v' or '\f' or '\u1680' or (>= '\u2000' and <= '\u200A') or '\u202F' or '\u205F' or '\u3000':
                w.Space();
                break;
            case < ' ' or '\u007F' or '\uFEFF':
                break;
            default:
                w.Append(c);
                break;
        }
    }

    /// <summary>The output with pending whitespace: spaces and line breaks are only written before the next visible text.</summary>
    private ref struct Writer
    {
        private char[] _buf;
        private int _pos;
        private int _newlines;       // pending line breaks (0, 1 or 2)
        private bool _space;         // pending space
        private bool _tagBreakLast;  // the last break came from a tag and no text followed: one raw newline is absorbed
        private readonly bool _inline;

        public Writer(char[] buffer, bool inline)
        {
            _buf = buffer;
            _inline = inline;
        }

        public readonly char[] Buffer => _buf;
        public readonly int Length => _pos;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Flush(int extra)
        {
            var need = _pos + extra + 2;
            if (need > _buf.Length) Grow(need);
            if (_pos > 0)
            {
                if (_newlines > 0)
                {
                    _buf[_pos++] = '\n';
                    if (_newlines > 1) _buf[_pos++] = '\n';
                }
                else if (_space)
                {
                    _buf[_pos++] = ' ';
                }
            }
            _newlines = 0;
            _space = false;
            _tagBreakLast = false;
        }

        public void Append(ReadOnlySpan<char> text)
        {
            Flush(text.Length);
            text.CopyTo(_buf.AsSpan(_pos));
            _pos += text.Length;
        }

        /// <summary>Appends text without markup, entities or special whitespace; runs of plain spaces collapse.</summary>
        public void AppendRun(ReadOnlySpan<char> run)
        {
            while (!run.IsEmpty)
            {
                if (run[0] == ' ')
                {
                    var words = run.IndexOfAnyExcept(' ');
                    _space = true;
                    if (words < 0) return;
                    run = run[words..];
                }
                var gap = run.IndexOf("  ");
                var text = gap < 0 ? run : run[..gap];
                var trailing = text[^1] == ' ';
                if (trailing) text = text[..^1];
                Append(text);
                if (trailing) _space = true;
                if (gap < 0) return;
                run = run[gap..];
            }
        }

        public void Append(char c)
        {
            Flush(1);
            _buf[_pos++] = c;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Space() => _space = true;

        public void TagBreak(bool hard)
        {
            if (_inline) { _space = true; return; }
            if (hard) _newlines = Math.Min(_newlines + 1, 2);
            else if (_newlines == 0) _newlines = 1;
            _tagBreakLast = true;
        }

        public void RawNewline()
        {
            if (_inline) { _space = true; return; }
            if (_tagBreakLast) { _tagBreakLast = false; return; }
            _newlines = Math.Min(_newlines + 1, 2);
        }

        private void Grow(int min)
        {
            var bigger = ArrayPool<char>.Shared.Rent(Math.Max(min, _buf.Length * 2));
            _buf.AsSpan(0, _pos).CopyTo(bigger);
            ArrayPool<char>.Shared.Return(_buf);
            _buf = bigger;
        }
    }
}
