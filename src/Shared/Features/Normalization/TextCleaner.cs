using System.Buffers;

namespace AkkaEtl.Features.Normalization;

/// <summary>
/// Light, conservative cleaning of titles and company names, after <see cref="HtmlText.ToInlineText"/> (tags removed,
/// entities decoded, whitespace collapsed, trimmed):
/// <list type="bullet">
/// <item>surrounding quotes, asterisks, underscores and brackets are removed when they wrap the whole text
/// (<c>"Acme"</c>, <c>*Acme*</c>, <c>[Acme]</c>);</item>
/// <item>leading bullets and separators (<c>• - – — * # &gt; : |</c>) and trailing separators (<c>- – — | : , ; / *</c>)
/// are removed ("Engineer -" → "Engineer"); a trailing "." or "!" or "?" or ")" stays;</item>
/// <item>runs of the same punctuation are collapsed ("!!!" → "!", "??" → "?", "--" → "-", ",," → ","; "...." → "...");</item>
/// <item>a leading label is removed: "Hiring:", "Now hiring:", "Role:", "Position:", "Title:", "Job title:" for titles,
/// "Company:", "Company name:", "Employer:" for companies;</item>
/// <item>companies lose a trailing "is hiring" / "are hiring" / "is now hiring" / "is looking" / "is recruiting"; batch
/// tags such as "(YC S21)" and legal forms ("Inc.", "GmbH") stay.</item>
/// </list>
/// Null when nothing is left. Allocates only the result (none when the input needs no change). Thread-safe.
/// </summary>
public static class TextCleaner
{
    private const string LeadingJunk = "*•·▪●‣◦○■□►▶➤→-–—>#:|~=_ \t";
    private const string TrailingJunk = "*•·|:,;-–—/\\~=_> \t";
    private const string CollapsedPunctuation = "!?,;:|*=_~-";

    public static string? CleanTitle(string? raw) => Clean(raw, company: false);

    public static string? CleanCompany(string? raw) => Clean(raw, company: true);

    private static string? Clean(string? raw, bool company)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var buffer = ArrayPool<char>.Shared.Rent(raw.Length + 16);
        try
        {
            var n = HtmlText.Convert(raw, inline: true, ref buffer);
            n = CollapseRepeats(buffer.AsSpan(0, n));
            var t = CleanSpan(buffer.AsSpan(0, n), company);
            if (t.IsEmpty) return null;
            return t.SequenceEqual(raw) ? raw : new string(t);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    internal static ReadOnlySpan<char> CleanSpan(ReadOnlySpan<char> t, bool company)
    {
        for (var round = 0; round < 4; round++)
        {
            var before = t.Length;
            t = t.Trim();
            t = Unwrap(t);
            t = t.TrimStart(LeadingJunk).TrimEnd(TrailingJunk);
            t = company ? StripCompanyAffixes(t) : StripTitleLabel(t);
            if (t.Length == before) break;
        }
        return t;
    }

    private static ReadOnlySpan<char> Unwrap(ReadOnlySpan<char> t)
    {
        if (t.Length < 2) return t;
        var (open, close) = (t[0], t[^1]);
        var pair = (open, close) is ('"', '"') or ('\'', '\'') or ('“', '”') or ('‘', '’') or ('«', '»') or ('`', '`')
            or ('*', '*') or ('_', '_') or ('„', '“') or ('「', '」');
        if (pair) return t[1..^1];
        if (open == '[' && close == ']' && t[1..^1].IndexOfAny('[', ']') < 0) return t[1..^1];
        return t;
    }

    private static ReadOnlySpan<char> StripTitleLabel(ReadOnlySpan<char> t)
    {
        foreach (var label in (ReadOnlySpan<string>)["hiring", "now hiring", "we're hiring", "we are hiring", "roles", "role", "positions", "position", "title", "job title", "job", "open roles"])
        {
            if (t.Length > label.Length + 1 && t.StartsWith(label, StringComparison.OrdinalIgnoreCase))
            {
                var rest = t[label.Length..].TrimStart();
                if (rest.Length > 0 && rest[0] is ':' or '-' or '–' or '—') return rest[1..];
            }
        }
        return t;
    }

    private static ReadOnlySpan<char> StripCompanyAffixes(ReadOnlySpan<char> t)
    {
        foreach (var label in (ReadOnlySpan<string>)["company", "company name", "employer", "hiring company", "organization", "organisation"])
        {
            if (t.Length > label.Length + 1 && t.StartsWith(label, StringComparison.OrdinalIgnoreCase))
            {
                var rest = t[label.Length..].TrimStart();
                if (rest.Length > 0 && rest[0] is ':' or '-' or '–' or '—') { t = rest[1..]; break; }
            }
        }
        var trimmed = t.TrimEnd("!.:;, -–—");
        foreach (var suffix in (ReadOnlySpan<string>)[" is hiring", " are hiring", " is now hiring", " is also hiring", " now hiring", " is looking", " is recruiting", " (hiring)"])
        {
            if (trimmed.Length > suffix.Length && trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                return trimmed[..^suffix.Length];
        }
        return t;
    }

    /// <summary>Collapses runs of the same punctuation in place; returns the new length.</summary>
    private static int CollapseRepeats(Span<char> s)
    {
        var w = 0;
        for (var r = 0; r < s.Length; r++)
        {
            var c = s[r];
            if (w > 0 && s[w - 1] == c && CollapsedPunctuation.Contains(c)) continue;
            if (c == '.' && w >= 3 && s[w - 1] == '.' && s[w - 2] == '.' && s[w - 3] == '.') continue;
            s[w++] = c;
        }
        return w;
    }
}
