using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace AkkaEtl.Features.Normalization;

/// <summary>
/// Case and diacritic folding for lookup keys ("Österreich" → "osterreich", "U.S.A." → "usa", "Île-de-France" →
/// "ile de france"). Keys of every lookup table are folded the same way when the table is built, so a lookup only folds
/// the query into a stack buffer: no allocation.
/// </summary>
internal static class TextFold
{
    /// <summary>The longest key any table holds; longer queries are never a match.</summary>
    public const int MaxKeyLength = 96;

    // Lower-cased, mark-stripped form of every char below MapSize (Latin, Greek, Cyrillic) and of Latin Extended
    // Additional (Vietnamese). Built once from the Unicode canonical decomposition.
    private const int MapSize = 0x0530;
    private static readonly char[] s_map = BuildMap();
    private static readonly char[] s_mapExtended = BuildRange(0x1E00, 0x1F00);

    private static char[] BuildMap()
    {
        var map = BuildRange(0, MapSize);
        map['ø'] = 'o'; map['Ø'] = 'o';
        map['ł'] = 'l'; map['Ł'] = 'l';
        map['đ'] = 'd'; map['Đ'] = 'd';
        map['ð'] = 'd'; map['Ð'] = 'd';
        map['ı'] = 'i';
        map['ħ'] = 'h'; map['Ħ'] = 'h';
        return map;
    }

    private static char[] BuildRange(int from, int to)
    {
        var map = new char[to - from];
        for (var i = from; i < to; i++)
        {
            var c = (char)i;
            var folded = char.ToLowerInvariant(c);
            if (char.IsLetter(c))
            {
                var d = c.ToString().Normalize(NormalizationForm.FormD);
                if (d.Length > 1 && d[0] != c && IsAllMarks(d.AsSpan(1))) folded = char.ToLowerInvariant(d[0]);
            }
            map[i - from] = folded;
        }
        return map;
    }

    private static bool IsAllMarks(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) return false;
        return true;
    }

    /// <summary>Lower case without diacritics, for one char (ß, æ, œ, þ fold to their first letter here; see <see cref="FoldKey"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char FoldChar(char c)
    {
        if (c < 0x80) return (uint)(c - 'A') <= 'Z' - 'A' ? (char)(c | 0x20) : c;
        if (c < MapSize) return s_map[c];
        if ((uint)(c - 0x1E00) < 0x100) return s_mapExtended[c - 0x1E00];
        return char.ToLowerInvariant(c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsCombiningMark(char c) =>
        c >= 0x0300 && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark;

    /// <summary>
    /// Folds <paramref name="src"/> into a lookup key in <paramref name="dst"/>: letters and digits lower-cased without
    /// diacritics (ß → ss, æ → ae, œ → oe, þ → th), dots and apostrophes dropped, "&amp;" → "and", every other run of
    /// punctuation or whitespace → one space, trimmed, a leading "the " dropped. Returns the key length, or -1 when it
    /// does not fit in <paramref name="dst"/>.
    /// </summary>
    public static int FoldKey(ReadOnlySpan<char> src, Span<char> dst)
    {
        var n = 0;
        var pendingSpace = false;
        foreach (var c in src)
        {
            if (char.IsLetterOrDigit(c))
            {
                var needed = c is 'ß' or 'æ' or 'Æ' or 'œ' or 'Œ' or 'þ' or 'Þ' ? 2 : 1;
                if (pendingSpace && n > 0) needed++;
                if (n + needed > dst.Length) return -1;
                if (pendingSpace && n > 0) dst[n++] = ' ';
                pendingSpace = false;
                switch (c)
                {
                    case 'ß': dst[n++] = 's'; dst[n++] = 's'; break;
                    case 'æ' or 'Æ': dst[n++] = 'a'; dst[n++] = 'e'; break;
                    case 'œ' or 'Œ': dst[n++] = 'o'; dst[n++] = 'e'; break;
                    case 'þ' or 'Þ': dst[n++] = 't'; dst[n++] = 'h'; break;
                    default: dst[n++] = FoldChar(c); break;
                }
            }
            else if (c is '.' or '\'' or '\u2019' or '\u02BC' or '`' || IsCombiningMark(c))
            {
                // dropped: "U.S." → "us", "Côte d'Ivoire" → "cote divoire", decomposed accents
            }
            else if (c == '&')
            {
                if (n + 5 > dst.Length) return -1;
                if (n > 0) dst[n++] = ' ';
                dst[n++] = 'a'; dst[n++] = 'n'; dst[n++] = 'd';
                pendingSpace = true;
            }
            else
            {
                pendingSpace = true;
            }
        }
        if (n >= 4 && dst.StartsWith("the "))
        {
            dst[4..n].CopyTo(dst);
            n -= 4;
        }
        return n;
    }

    /// <summary>True for ASCII letters and digits and any Unicode letter or digit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWordChar(char c) => c < 0x80 ? char.IsAsciiLetterOrDigit(c) : char.IsLetterOrDigit(c);
}
