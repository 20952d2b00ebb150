using System.Collections.Frozen;
using System.Runtime.CompilerServices;

namespace AkkaEtl.Features.Normalization;

/// <summary>
/// Best-effort split of a free-text location into city, region and country (ISO 3166-1 alpha-2):
/// "Berlin, Germany" → (Berlin, null, DE); "San Francisco, CA" → (San Francisco, CA, US); "Toronto, ON, Canada" →
/// (Toronto, ON, CA); "London, UK" → (London, null, GB); "Remote (US)" → (null, null, US); "NYC" → (New York, NY, US);
/// "SF Bay Area" → (San Francisco Bay Area, CA, US); "Paris, Île-de-France, France" → (Paris, Île-de-France, FR);
/// "Austin TX" → (Austin, TX, US); "Berlin" → (Berlin, null, DE).
/// <para>How: work-mode and filler words ("Remote", "Hybrid", "ONSITE", "Full-time", "based", time zones, numbers)
/// are ignored; alternatives ("NYC or Remote (US)", "Berlin/Munich", "London &amp; Paris") are tried in order and the
/// first one recognised wins; within one, comma (or " - ") parts are read from the right: a country, then a US state /
/// Canadian province (codes or names), then the city. A city written before a recognised country or state is kept as
/// written even when unknown; a lone unknown name is not guessed. Parenthesised text is only used when the rest gives
/// nothing ("Remote (US)"). Two-letter codes that are both a US state and a country ("CA", "DE", "IN") are read as the
/// state after a US or unknown city ("Dover, DE"), as the country after a city of that country ("Berlin, DE") and as
/// the country when alone ("Remote (CA)" → Canada).</para>
/// Thread-safe; allocates only the strings of parts kept as written.
/// </summary>
[SkipLocalsInit]
public static class LocationParser
{
    private const int MaxInput = 240;
    private const int MaxParts = 8;

    private sealed record City(string Name, string? Region, string Country);

    private static readonly FoldedKeyTable<City> s_cities = new(PlaceTable.Cities.SelectMany(c =>
    {
        var names = c.Names.Split('|');
        var city = new City(names[0], c.Region, c.Country);
        return names.Select(n => KeyValuePair.Create(n, city));
    }));

    private static readonly FoldedKeyTable<string> s_stateNames = new(Expand(PlaceTable.UsStates));
    private static readonly FoldedKeyTable<string> s_stateNamesAfterCity = new(Expand(PlaceTable.UsStatesAfterCity).Concat(Expand(PlaceTable.UsStates)));
    private static readonly FoldedKeyTable<string> s_provinceNames = new(Expand(PlaceTable.CanadianProvinces));

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_stateCodes =
        PlaceTable.UsStates.Select(s => s.Code).ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_provinceCodes =
        PlaceTable.CanadianProvinces.Select(s => s.Code).ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    // the code strings of the tables, so a recognised code is returned without allocating
    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> s_codeStrings =
        PlaceTable.UsStates.Select(s => s.Code).Concat(PlaceTable.CanadianProvinces.Select(s => s.Code)).Distinct()
            .ToFrozenDictionary(c => c, c => c, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Regions bigger than a country: not a place this parser names ("North America" is not "America").</summary>
    private static readonly FoldedKeyTable<bool> s_macroRegions = new(
        ("Europe|EU|European Union|EEA|EMEA|APAC|Asia Pacific|Asia-Pacific|LATAM|Latin America|South America|North America|" +
         "Central America|Americas|the Americas|Asia|Southeast Asia|South Asia|East Asia|Africa|Middle East|MENA|Oceania|" +
         "Nordics|Scandinavia|DACH|Benelux|CEE|Eastern Europe|Western Europe|Central Europe|Global|Worldwide|Anywhere|" +
         "International|Earth").Split('|').Select(w => KeyValuePair.Create(w, true)));

    /// <summary>Words that say how or when one works, not where (folded).</summary>
    private static readonly FoldedKeyTable<bool> s_stopWords = new(
        ("remote remotely remoto remota teletravail teletrabajo homeoffice onsite offsite on site hybrid hybride hibrido " +
         "office offices inoffice in at from near within around based person inperson fully full time fulltime parttime " +
         "part partial partially partly only preferred preferably prefer preference friendly first anywhere global " +
         "globally worldwide wfh work working home flexible or and hq headquarters headquartered locations location " +
         "multiple various hubs hub must be open to required relocation relocate visa sponsorship hours hour timezone " +
         "timezones zone zones tz utc gmt cet cest est edt et pst pdt pt ct cst mst mdt ist eet bst aest possible " +
         "available equivalent days day week weekly per a with some occasional occasionally travel optional also plus " +
         "contract contractor permanent role roles position positions job jobs hiring we are our for ok yes no not " +
         "candidates residents citizens citizen authorization authorized eligible overlap distributed team across any " +
         "all everywhere the mostly most primarily currently team eastern western pacific atlantic east west coast standard").Split(' ').Select(w => KeyValuePair.Create(w, true)));

    /// <summary>
    /// Every word (as <see cref="WordTokenizer"/> folds it, two letters or more) of every city, state, province and
    /// country name: a text with none of them and no upper-case code names no place, which rejects most non-places
    /// in a few lookups.
    /// </summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_placeWords = BuildPlaceWords();

    private static FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> BuildPlaceWords()
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var fold = new char[WordTokenizer.MaxWord];
        void Add(string names)
        {
            foreach (var name in names.Split('|'))
            {
                var t = new WordTokenizer(name, fold);
                while (t.MoveNext())
                    if (t.FoldedLength >= 2) words.Add(new string(t.Folded));
            }
        }
        foreach (var c in PlaceTable.Cities) Add(c.Names);
        foreach (var st in PlaceTable.UsStates) Add(st.Names);
        foreach (var st in PlaceTable.UsStatesAfterCity) Add(st.Names);
        foreach (var pr in PlaceTable.CanadianProvinces) Add(pr.Names);
        foreach (var co in CountryTable.Entries) Add(co.Names);
        return words.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Whether <paramref name="text"/> has a word of a known place name, an upper-case code or a dotted abbreviation.</summary>
    private static bool MayNamePlace(ReadOnlySpan<char> text)
    {
        if (text.Contains('.')) return true; // "U.S.", "D.C.", "St. Louis"
        Span<char> fold = stackalloc char[WordTokenizer.MaxWord];
        var words = new WordTokenizer(text, fold);
        while (words.MoveNext())
        {
            var raw = words.Raw;
            if (raw.Length is 2 or 3 && char.IsAsciiLetterUpper(raw[0]) && char.IsAsciiLetterUpper(raw[1])) return true;
            if (words.FoldedLength >= 2 && s_placeWords.Contains(words.Folded)) return true;
        }
        return false;
    }

    private static IEnumerable<KeyValuePair<string, string>> Expand((string Code, string Names)[] table) =>
        table.SelectMany(s => s.Names.Split('|').Select(n => KeyValuePair.Create(n, s.Code)));

    /// <summary>Parses <paramref name="text"/>; every part is null where unsure.</summary>
    public static ParsedLocation Parse(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty) return default;
        if (text.Length > MaxInput) text = text[..MaxInput];
        if (!MayNamePlace(text)) return default;
        Span<char> key = stackalloc char[TextFold.MaxKeyLength];
        var keyLength = TextFold.FoldKey(text, key);
        if (keyLength > 0)
        {
            if (s_cities.TryGetFolded(key[..keyLength], out var whole)) return new(whole.Name, whole.Region, whole.Country);
            if (CountryNormalizer.TryFromFoldedName(key[..keyLength], out var wholeCountry)) return new(null, null, wholeCountry);
        }

        Span<char> main = stackalloc char[MaxInput * 2];
        Span<char> paren = stackalloc char[MaxInput * 2];
        int m = 0, p = 0, depth = 0;
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '(' or '[' or '{':
                    if (depth++ == 0 && p > 0) paren[p++] = ';';
                    break;
                case ')' or ']' or '}':
                    if (depth > 0) depth--;
                    if (depth == 0) main[m++] = ' ';
                    break;
                default:
                    if (depth > 0) paren[p++] = ch;
                    else main[m++] = ch;
                    break;
            }
        }

        Span<char> scratch = stackalloc char[MaxInput * 2];
        if (TryResolve(main[..m], scratch, out var result)) return result;
        if (p > 0 && TryResolve(paren[..p], scratch, out result)) return result;
        return default;
    }

    private static bool TryResolve(ReadOnlySpan<char> text, Span<char> scratch, out ParsedLocation result)
    {
        var start = 0;
        var i = 0;
        while (true)
        {
            var atEnd = i >= text.Length;
            var sep = atEnd ? 0 : AlternativeSeparatorLength(text, i);
            if (atEnd || sep > 0)
            {
                if (i > start && TryResolveAlternative(text[start..i], scratch, out result)) return true;
                if (atEnd) break;
                i += sep;
                start = i;
                continue;
            }
            i++;
        }
        result = default;
        return false;
    }

    private static int AlternativeSeparatorLength(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (c is '/' or ';' or '|' or '+' or '&' or '\\') return 1;
        if (c != ' ') return 0;
        var rest = text[(i + 1)..];
        foreach (var word in (ReadOnlySpan<string>)["or", "and", "oder", "ou", "vs", "und", "et", "y", "o"])
        {
            if (rest.Length < word.Length || !rest.StartsWith(word, StringComparison.OrdinalIgnoreCase)) continue;
            var after = rest.Length == word.Length ? ' ' : rest[word.Length];
            if (after is not (' ' or ',')) continue;
            // "Portland, OR": a state code after a comma, not "or"
            if (word.Length == 2 && char.IsUpper(rest[0]) && char.IsUpper(rest[1]) && text[..i].TrimEnd().EndsWith(','))
                continue;
            return 1 + word.Length;
        }
        return 0;
    }

    private static bool TryResolveAlternative(ReadOnlySpan<char> alt, Span<char> scratch, out ParsedLocation result)
    {
        result = default;
        Span<(int Start, int Length)> parts = stackalloc (int, int)[MaxParts];
        var count = 0;
        var pos = 0;
        var start = 0;
        for (var i = 0; i <= alt.Length && count < MaxParts; i++)
        {
            var sepLen = 0;
            if (i < alt.Length)
            {
                var c = alt[i];
                if (c is ',' or ':' or '·' or '•' or '\n' or '\t') sepLen = 1;
                else if (c is '-' or '–' or '—' && i > 0 && alt[i - 1] == ' ' && i + 1 < alt.Length && alt[i + 1] is ' ' or '-') sepLen = 1;
                if (sepLen == 0) continue;
            }
            var part = CleanPart(alt[start..i], scratch, ref pos);
            if (part.Length > 0) parts[count++] = part;
            start = i + 1;
        }
        if (count == 0) return false;

        static ReadOnlySpan<char> Part(Span<char> s, (int Start, int Length) r) => s.Slice(r.Start, r.Length);

        if (count == 1) return TrySingle(Part(scratch, parts[0]), out result);

        s_cities.TryGet(Part(scratch, parts[0]), out var firstCity);
        string? country = null, region = null;
        var idx = count - 1;
        var last = Part(scratch, parts[idx]);
        if (IsCode(last, allowLower: true))
        {
            ResolveCode(last, firstCity, out country, out region);
        }
        else if ((firstCity is null || firstCity.Country == "US") && s_stateNamesAfterCity.TryGet(last, out var usState)
                 && (firstCity is not null || !CountryNormalizer.TryFromName(last, out _) || LooksLikeName(Part(scratch, parts[0]))))
        {
            // "Atlanta, Georgia", "Macon, Georgia" (a US state before the country of the same name); "Tbilisi, Georgia" is GE
            region = usState;
            country = "US";
        }
        else if (CountryNormalizer.TryFromName(last, out var cc))
        {
            country = cc;
        }
        else if (s_stateNamesAfterCity.TryGet(last, out var st))
        {
            region = st;
            country = "US";
        }
        else if (s_provinceNames.TryGet(last, out var pr))
        {
            region = pr;
            country = "CA";
        }

        if (country is null && region is null)
        {
            // a list of places ("London, Budapest", "SF, NYC, Remote"): the first one recognised
            for (var k = 0; k < count; k++)
                if (TrySingle(Part(scratch, parts[k]), out result)) return true;
            return false;
        }

        idx--;
        if (region is null && idx >= 0)
        {
            var candidate = Part(scratch, parts[idx]);
            if (country == "US" && TryState(candidate, out var st2)) { region = st2; idx--; }
            else if (country == "CA" && TryProvince(candidate, out var pr2)) { region = pr2; idx--; }
        }

        string? city = null;
        if (idx >= 0)
        {
            var cityText = Part(scratch, parts[0]);
            if (idx >= 1 && region is null) region = new string(Part(scratch, parts[idx]));
            if (firstCity is not null)
            {
                if ((country is null || country == firstCity.Country) && (region is null || firstCity.Region is null || region == firstCity.Region))
                {
                    city = firstCity.Name;
                    country ??= firstCity.Country;
                    region ??= firstCity.Region;
                }
                else
                {
                    city = new string(cityText);
                }
            }
            else if (CountryNormalizer.TryFromName(cityText, out var listed)
                     || (IsCode(cityText, allowLower: false) && !IsAmbiguousCode(cityText) && CountryNormalizer.TryFromUpperCode(cityText, out listed)))
            {
                // "US, Canada", "UK, EU, New York": a list of places, the first one
                return Done(null, null, listed, out result);
            }
            else if (LooksLikeName(cityText))
            {
                city = new string(cityText);
            }
        }
        return Done(city, region, country, out result);
    }

    private static bool Done(string? city, string? region, string? country, out ParsedLocation result)
    {
        result = new ParsedLocation(city, region, country);
        return !result.IsEmpty;
    }

    private static bool TrySingle(ReadOnlySpan<char> part, out ParsedLocation result)
    {
        result = default;
        if (part.IsEmpty || s_macroRegions.TryGet(part, out _)) return false;
        if (s_cities.TryGet(part, out var city)) return Done(city.Name, city.Region, city.Country, out result);
        if (CountryNormalizer.TryFromName(part, out var country)) return Done(null, null, country, out result);
        if (s_stateNames.TryGet(part, out var state)) return Done(null, state, "US", out result);
        if (s_provinceNames.TryGet(part, out var province)) return Done(null, province, "CA", out result);
        if (IsCode(part, allowLower: false))
        {
            if (IsAmbiguousCode(part)) return false;
            if (CountryNormalizer.TryFromUpperCode(part, out country)) return Done(null, null, country, out result);
            if (TryState(part, out state)) return Done(null, state, "US", out result);
            if (TryProvince(part, out province)) return Done(null, province, "CA", out result);
            return false;
        }

        var lastSpace = part.LastIndexOf(' ');
        if (lastSpace <= 0) return false;

        // "Austin TX", "Toronto ON", "Berlin DE"
        var lastToken = part[(lastSpace + 1)..];
        var rest = part[..lastSpace].TrimEnd();
        if (IsCode(lastToken, allowLower: false))
        {
            s_cities.TryGet(rest, out var restCity);
            ResolveCode(lastToken, restCity, out var cc, out var region);
            if (cc is null && region is null) return false;
            // "Ploid AI", "Gobii AI": a country code after an unknown name is a company, not a place
            if (region is null && (restCity is null || IsAmbiguousCode(lastToken))) return false;
            if (restCity is not null && restCity.Country == cc && (region is null || restCity.Region == region))
                return Done(restCity.Name, restCity.Region, restCity.Country, out result);
            if (restCity is not null && restCity.Country == cc) return Done(restCity.Name, region, cc, out result);
            return LooksLikeName(rest) ? Done(new string(rest), region, cc, out result) : false;
        }

        // "Stockholm Sweden", "Bangkok, TH" was handled above; up to three words of country name at the end
        var cut = part.Length;
        for (var words = 1; words <= 3; words++)
        {
            cut = part[..cut].LastIndexOf(' ');
            if (cut <= 0) break;
            if (!CountryNormalizer.TryFromName(part[(cut + 1)..], out country)) continue;
            var cityText = part[..cut].TrimEnd();
            if (s_cities.TryGet(cityText, out var known))
                return Done(known.Country == country ? known.Name : new string(cityText), known.Country == country ? known.Region : null, country, out result);
            return LooksLikeName(cityText) ? Done(new string(cityText), null, country, out result) : Done(null, null, country, out result);
        }

        // "Greater Seattle Area", "NYC area", "Paris metro"
        var trimmed = part;
        if (trimmed.StartsWith("greater ", StringComparison.OrdinalIgnoreCase)) trimmed = trimmed[8..];
        foreach (var suffix in (ReadOnlySpan<string>)[" metropolitan area", " metro area", " area", " metro", " region"])
        {
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                trimmed = trimmed[..^suffix.Length];
                break;
            }
        }
        if (trimmed.Length != part.Length && s_cities.TryGet(trimmed, out city))
            return Done(city.Name, city.Region, city.Country, out result);
        return false;
    }

    /// <summary>A two- or three-letter code that is a country code, a US state or a Canadian province, read in context.</summary>
    private static void ResolveCode(ReadOnlySpan<char> code, City? city, out string? country, out string? region)
    {
        Span<char> upper = stackalloc char[3];
        var n = code.ToUpperInvariant(upper);
        var u = upper[..n];
        var isState = n == 2 && s_stateCodes.Contains(u);
        var isProvince = n == 2 && s_provinceCodes.Contains(u);
        CountryNormalizer.TryFromUpperCode(u, out var cc);
        if (string.IsNullOrEmpty(cc) || (IsAmbiguousCode(u) && city?.Country != cc)) cc = null; // "Hiring Eng, Product, GTM"
        country = null;
        region = null;
        if (city is not null)
        {
            if (city.Country == "US" && isState) { region = CodeString(u); country = "US"; }
            else if (city.Country == "CA" && isProvince) { region = CodeString(u); country = "CA"; }
            else if (cc is not null && cc == city.Country) country = cc;
            else if (isState) { region = CodeString(u); country = "US"; }
            else if (cc is not null) country = cc;
            else if (isProvince) { region = CodeString(u); country = "CA"; }
            return;
        }
        if (isState) { region = CodeString(u); country = "US"; }
        else if (isProvince) { region = CodeString(u); country = "CA"; }
        else country = cc;
    }

    private static string CodeString(ReadOnlySpan<char> code) =>
        s_codeStrings.TryGetValue(code, out var s) ? s : new string(code);

    private static bool TryState(ReadOnlySpan<char> text, out string code)
    {
        if (IsCode(text, allowLower: true) && text.Length == 2)
        {
            Span<char> upper = stackalloc char[2];
            text.ToUpperInvariant(upper);
            if (s_stateCodes.Contains(upper)) { code = CodeString(upper); return true; }
        }
        return s_stateNamesAfterCity.TryGet(text, out code!);
    }

    private static bool TryProvince(ReadOnlySpan<char> text, out string code)
    {
        if (IsCode(text, allowLower: true) && text.Length == 2)
        {
            Span<char> upper = stackalloc char[2];
            text.ToUpperInvariant(upper);
            if (s_provinceCodes.Contains(upper)) { code = CodeString(upper); return true; }
        }
        return s_provinceNames.TryGet(text, out code!);
    }

    /// <summary>
    /// Upper-case codes that, standing alone, are more often something else than a country (AI, ML, QA, IT, HR, PM,
    /// SE, SWE, GTM ...) and three-letter country codes other than the well-known ones: not read as places alone
    /// (they still are after a city: "Milan, IT").
    /// </summary>
    private static bool IsAmbiguousCode(ReadOnlySpan<char> code) => code.Length == 3
        ? code is not ("USA" or "CAN" or "GBR" or "DEU" or "FRA" or "ESP" or "ITA" or "NLD" or "CHE" or "AUT" or "BEL" or "IRL"
            or "PRT" or "POL" or "IND" or "CHN" or "JPN" or "KOR" or "AUS" or "NZL" or "BRA" or "MEX" or "ARG" or "ISR" or "SGP" or "ARE")
        : code is "AI" or "ML" or "QA" or "IT" or "HR" or "PM" or "BI" or "AR" or "VR" or "SE" or "CV" or "IS" or "AM" or "TO"
            or "NO" or "BE" or "ME" or "MY" or "AS" or "AT" or "BY" or "DO" or "GO" or "IO" or "SO" or "ST" or "TV" or "AD"
            or "FM" or "PS" or "PR" or "EM" or "ID" or "CC" or "BS" or "MS" or "CI" or "CD" or "GE";

    private static bool IsCode(ReadOnlySpan<char> text, bool allowLower)
    {
        if (text.Length is < 2 or > 3) return false;
        var upper = true;
        var lower = true;
        foreach (var c in text)
        {
            if (!char.IsAsciiLetter(c)) return false;
            upper &= char.IsAsciiLetterUpper(c);
            lower &= char.IsAsciiLetterLower(c);
        }
        return upper || (allowLower && lower);
    }

    /// <summary>One to four words of letters, the first capitalised: something that can be a place name.</summary>
    private static bool LooksLikeName(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || !char.IsLetter(text[0]) || char.IsLower(text[0])) return false;
        var words = 1;
        foreach (var c in text)
        {
            if (c == ' ') { if (++words > 4) return false; }
            else if (!char.IsLetter(c) && c is not ('.' or '-' or '\'' or '’')) return false;
        }
        return true;
    }

    /// <summary>
    /// Copies the words of <paramref name="part"/> that are not work-mode or filler words into <paramref name="scratch"/>
    /// (one space between words) and returns where. A part that is a single two- or three-letter upper-case code is kept
    /// as it is ("ON", "IN", "PT").
    /// </summary>
    private static (int Start, int Length) CleanPart(ReadOnlySpan<char> part, Span<char> scratch, ref int pos)
    {
        part = part.Trim();
        var start = pos;
        if (part.IsEmpty) return (start, 0);
        var trimmedPart = TrimToken(part);
        if (IsCode(trimmedPart, allowLower: false))
        {
            trimmedPart.CopyTo(scratch[pos..]);
            pos += trimmedPart.Length;
            return (start, trimmedPart.Length);
        }

        var i = 0;
        while (i < part.Length)
        {
            while (i < part.Length && char.IsWhiteSpace(part[i])) i++;
            var ts = i;
            while (i < part.Length && !char.IsWhiteSpace(part[i])) i++;
            if (i == ts) break;
            var token = TrimToken(part[ts..i]);
            if (token.IsEmpty || token.ContainsAnyInRange('0', '9')) continue;

            if (token.ContainsAny('-', '\u2011'))
            {
                // "On-site", "US-based", "Remote-first": drop the filler pieces, keep the rest; "Cluj-Napoca" stays whole
                var anyStop = false;
                foreach (var range in token.SplitAny('-', '\u2011'))
                    if (IsStopWord(token[range])) { anyStop = true; break; }
                if (anyStop)
                {
                    foreach (var range in token.SplitAny('-', '\u2011'))
                    {
                        var piece = token[range];
                        if (!piece.IsEmpty && !IsStopWord(piece)) Append(piece, scratch, ref pos, start);
                    }
                    continue;
                }
            }
            else if (IsStopWord(token))
            {
                continue;
            }
            Append(token, scratch, ref pos, start);
        }
        return (start, pos - start);
    }

    private static void Append(ReadOnlySpan<char> token, Span<char> scratch, ref int pos, int start)
    {
        if (pos > start) scratch[pos++] = ' ';
        token.CopyTo(scratch[pos..]);
        pos += token.Length;
    }

    private static bool IsStopWord(ReadOnlySpan<char> token) => token.Length <= 16 && s_stopWords.TryGet(token, out _);

    private static ReadOnlySpan<char> TrimToken(ReadOnlySpan<char> token)
    {
        token = token.Trim("\"'*!?~±<>=#@_“”‘’«»¡¿");
        if (token.Length > 3 && token[^1] == '.' && token[..^1].IndexOf('.') < 0) token = token[..^1];
        return token;
    }
}
