using System.Collections.Frozen;

namespace AkkaEtl.Features.Normalization;

/// <summary>
/// A country, given as a name, an ISO 3166-1 alpha-2 or alpha-3 code or a common variant, to its ISO 3166-1 alpha-2
/// code, upper case. Case-, diacritic- and punctuation-insensitive ("United States", "USA", "U.S.", "us", "America" → US;
/// "UK", "Great Britain", "England" → GB; "Deutschland", "Allemagne" → DE; "España" → ES; "Schweiz", "Suisse" → CH;
/// "Österreich" → AT). Knows every ISO 3166-1 country by its English name(s) and, for the main job markets, by its
/// names in German, French, Spanish, Italian, Dutch, Portuguese and its own language(s). Thread-safe, no allocation.
/// </summary>
public static class CountryNormalizer
{
    private static readonly FoldedKeyTable<string> s_byName = new(
        CountryTable.Entries.SelectMany(e => e.Names.Split('|').Select(n => KeyValuePair.Create(n, e.Alpha2))));

    private static readonly FoldedKeyTable<string> s_byCode = new(
        CountryTable.Entries.SelectMany(e => new[] { KeyValuePair.Create(e.Alpha2, e.Alpha2), KeyValuePair.Create(e.Alpha3, e.Alpha2) })
            .Append(KeyValuePair.Create("UK", "GB")));

    private static readonly FrozenDictionary<string, (string Alpha3, string Name)> s_byAlpha2 =
        CountryTable.Entries.ToFrozenDictionary(e => e.Alpha2, e => (e.Alpha3, e.Names.Split('|')[0]), StringComparer.Ordinal);

    /// <summary>Every ISO 3166-1 alpha-2 code (249).</summary>
    public static IReadOnlyList<string> Codes { get; } = CountryTable.Entries.Select(e => e.Alpha2).ToArray();

    /// <summary>The ISO 3166-1 alpha-3 code of an alpha-2 code; null for an unknown code.</summary>
    public static string? ToAlpha3(string iso2) => s_byAlpha2.TryGetValue(iso2, out var c) ? c.Alpha3 : null;

    /// <summary>The ISO 3166-1 English short name of an alpha-2 code ("Germany", "Korea, Republic of"); null for an unknown code.</summary>
    public static string? EnglishName(string iso2) => s_byAlpha2.TryGetValue(iso2, out var c) ? c.Name : null;

    /// <summary>The alpha-2 code of the country <paramref name="text"/> names, or null when it is not (only) a country.</summary>
    public static string? ToIso2(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty) return null;
        if (s_byName.TryGet(text, out var code)) return code;
        return text.Length <= 4 && s_byCode.TryGet(text, out code) ? code : null;
    }

    /// <summary>By name only (no two- or three-letter codes, except the well-known "UK", "USA", "U.S.", "UAE"...).</summary>
    internal static bool TryFromName(ReadOnlySpan<char> text, out string iso2) => s_byName.TryGet(text, out iso2);

    /// <summary>By an already folded name key.</summary>
    internal static bool TryFromFoldedName(ReadOnlySpan<char> folded, out string iso2) => s_byName.TryGetFolded(folded, out iso2);

    /// <summary>By an alpha-2 or alpha-3 code, exactly as written (upper case).</summary>
    internal static bool TryFromUpperCode(ReadOnlySpan<char> text, out string iso2)
    {
        iso2 = "";
        if (text.Length is < 2 or > 3) return false;
        foreach (var c in text)
            if (!char.IsAsciiLetterUpper(c)) return false;
        return s_byCode.TryGet(text, out iso2);
    }
}
