using System.Collections.Frozen;
using System.Runtime.CompilerServices;

namespace AkkaEtl.Features.Normalization;

/// <summary>
/// Finds the first salary expression in free text.
/// <list type="bullet">
/// <item>Amounts: <c>150000</c>, <c>150,000</c>, <c>150.000</c> / <c>150 000</c> / <c>150'000</c> (European and Swiss
/// grouping), <c>12,00,000</c> (Indian), decimals (<c>47.50</c>, <c>1.5k</c>, <c>2,5k</c>), <c>k</c>/<c>K</c> (× 1,000),
/// <c>L</c>/<c>lakh</c>/<c>LPA</c> (× 100,000, LPA per year in INR), <c>crore</c>.</item>
/// <item>Ranges with <c>-</c>, en/em dashes, <c>~</c>, "to"; the currency or the <c>k</c> may be on one side only
/// (<c>$150-200k</c>, <c>115k - 180k USD</c>, <c>£84-101k</c>).</item>
/// <item>Currencies: ISO codes before or after (USD, EUR, GBP, CAD, AUD, CHF, INR, JPY, SEK, NOK, DKK, PLN, SGD, NZD,
/// BRL, CNY/RMB, HKD, MXN, ZAR, ...), symbols (<c>£</c> GBP, <c>€</c> EUR, <c>₹</c> INR, <c>¥</c> JPY, or CNY when the
/// text near it says RMB/CNY/yuan or the country is CN, <c>₩ ₽ ₺ ₪ ₱ ₫ ฿ ₦ ₴</c>), prefixed dollars (<c>CA$</c>,
/// <c>C$</c>, <c>A$</c>, <c>AU$</c>, <c>NZ$</c>, <c>S$</c>, <c>HK$</c>, <c>US$</c>, <c>R$</c>, <c>MX$</c>), words (euros,
/// dollars, rupees, yen), <c>kr</c> when the country says which krona/krone. A plain <c>$</c> is USD unless a dollar code
/// stands right after the expression ("$140k CAD", "$120k (AUD)") or <paramref name="countryIso2"/> is CA, AU, NZ, SG
/// or HK.</item>
/// <item>Periods after the amount: /hr, /h, per hour, an hour, hourly, /day, daily, /week, weekly, /month, /mo, monthly,
/// /yr, /year, per annum, p.a., annually, annual, a year. With none stated, amounts of 10,000 and more (the lower
/// bound of a range) are per <c>year</c>; smaller ones have no period.</item>
/// </list>
/// Not salaries: amounts without a currency marker ("0.5% - 1%", years, phone and version numbers), millions and
/// billions ("$2M seed", "raised $30M", "$1B+ exits"), percentages, and amounts next to funding / revenue / perk words
/// ("~$5k MRR", "$10k signing bonus", "raised $500k", "learning budget of $1,000"). Equity after a range ("+ equity") is
/// ignored. A second amount more than 20 times the first is not read as the end of a range. Thread-safe, no allocation.
/// </summary>
[SkipLocalsInit]
public static class SalaryParser
{
    public const string Hour = "hour";
    public const string Day = "day";
    public const string Week = "week";
    public const string Month = "month";
    public const string Year = "year";

    private enum Kind : byte { None, Dollar, Yen, Krona, Symbol, Code }

    private readonly record struct Currency(Kind Kind, string? Code)
    {
        public bool IsNone => Kind == Kind.None;
    }

    private enum Mult : byte { None, Thousand, Lakh, Crore, Reject }

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> s_upperCodes =
        ("USD EUR GBP CAD AUD CHF INR JPY SEK NOK DKK PLN SGD NZD BRL CNY HKD MXN ZAR CZK HUF RON ILS TRY KRW AED SAR ARS " +
         "CLP COP PEN UAH RUB THB VND IDR MYR PHP NGN KES EGP TWD ISK BGN QAR KWD UYU").Split(' ')
        .Select(c => KeyValuePair.Create(c, c)).Append(KeyValuePair.Create("RMB", "CNY")).Append(KeyValuePair.Create("CDN", "CAD"))
        .ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> s_lowerWords = new Dictionary<string, string>
    {
        ["usd"] = "USD", ["eur"] = "EUR", ["gbp"] = "GBP", ["cad"] = "CAD", ["aud"] = "AUD", ["chf"] = "CHF", ["inr"] = "INR",
        ["jpy"] = "JPY", ["sek"] = "SEK", ["nok"] = "NOK", ["dkk"] = "DKK", ["pln"] = "PLN", ["sgd"] = "SGD", ["nzd"] = "NZD",
        ["brl"] = "BRL", ["cny"] = "CNY", ["rmb"] = "CNY", ["hkd"] = "HKD", ["mxn"] = "MXN", ["zar"] = "ZAR", ["czk"] = "CZK",
        ["huf"] = "HUF", ["ils"] = "ILS", ["krw"] = "KRW", ["aed"] = "AED",
        ["euro"] = "EUR", ["euros"] = "EUR", ["sterling"] = "GBP", ["rupee"] = "INR", ["rupees"] = "INR", ["yen"] = "JPY",
        ["yuan"] = "CNY", ["renminbi"] = "CNY", ["franc"] = "CHF", ["francs"] = "CHF", ["zloty"] = "PLN", ["zlotys"] = "PLN",
        ["zl"] = "PLN", ["kc"] = "CZK", ["dollar"] = "$", ["dollars"] = "$", ["kr"] = "kr", ["rs"] = "INR",
    }.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Words next to an amount that make it funding, revenue, a perk or a price rather than pay (folded).</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_notPayWords =
        ("mrr arr revenue revenues seed series funding raise raised raising raises round rounds valuation valuations valued " +
         "gmv aum tam market markets budget budgets grant grants prize prizes credit credits investment investments invested " +
         "investing invest exit exits sales bonus bonuses signing sign stipend stipends allowance allowances relocation " +
         "referral gift giftcard worth fund funds funded loan loans deposit fee fees cashback reward rewards discount off " +
         "donation donations generated generating generates processed processes processing handling handles handled manage " +
         "managing manages managed saved saves saving lost spent spend spending secured closed backed acquired acquisition " +
         "contracts deal deals volume transactions payments billion million subscription subscriptions plan plans license " +
         "licenses tier price pricing bounty bounties commission commissions").Split(' ')
        .ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Words skipped when looking for a funding word before an amount ("budget of $1,000", "a $5k bonus").</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_linkWords =
        "of a an the with for around about over nearly almost than more just".Split(' ')
        .ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Words after "per" that make a price, not pay ("$5 per user").</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_perPriceWords =
        "user users seat seats share shares customer customers unit units employee employees head transaction transactions request requests token tokens license licenses"
        .Split(' ').ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Finds the first salary in <paramref name="text"/>; <paramref name="countryIso2"/> decides what a plain "$" is.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, string? countryIso2, out Salary salary) =>
        TryParse(text, countryIso2, out salary, out _, out _);

    /// <summary>As <see cref="TryParse(ReadOnlySpan{char}, string?, out Salary)"/>, also giving where the expression is.</summary>
    internal static bool TryParse(ReadOnlySpan<char> text, string? countryIso2, out Salary salary, out int start, out int end)
    {
        var pos = 0;
        while (pos < text.Length)
        {
            var k = text[pos..].IndexOfAnyInRange('0', '9');
            if (k < 0) break;
            var s = pos + k;
            var resume = s + 1;
            if (IsNumberStart(text, s) && TryExpression(text, s, countryIso2, out salary, out start, out end, out resume)) return true;
            pos = Math.Max(s + 1, resume);
        }
        salary = default;
        start = end = -1;
        return false;
    }

    /// <summary>The period a schema.org <c>unitText</c> (HOUR, DAY, WEEK, MONTH, YEAR and common variants) names; null otherwise.</summary>
    public static string? PeriodFromUnit(string? unitText)
    {
        if (string.IsNullOrWhiteSpace(unitText)) return null;
        var t = unitText.AsSpan().Trim();
        if (t.StartsWith("PER", StringComparison.OrdinalIgnoreCase) && t.Length > 4 && t[3] is '_' or ' ' or '-') t = t[4..].TrimStart();
        Span<char> lower = stackalloc char[16];
        if (t.Length > lower.Length) return null;
        var n = t.ToLowerInvariant(lower);
        return UnitWord(lower[..n]) ?? (lower[..n] is "annual" or "annually" or "yearly" or "p.a." or "pa" ? Year
            : lower[..n] is "hourly" ? Hour : lower[..n] is "daily" ? Day : lower[..n] is "weekly" ? Week
            : lower[..n] is "monthly" ? Month : null);
    }

    private static bool IsNumberStart(ReadOnlySpan<char> text, int s)
    {
        if (s == 0) return true;
        var p = text[s - 1];
        // "USD85K", "EUR60k": a currency code glued to the number
        if (s >= 3 && char.IsAsciiLetterUpper(p) && (s == 3 || !char.IsLetterOrDigit(text[s - 4]))
            && text.Slice(s - 3, 3) is "USD" or "EUR" or "GBP" or "CAD" or "AUD" or "CHF" or "INR" or "SGD" or "NZD" or "SEK" or "NOK" or "DKK" or "PLN")
            return true;
        if (char.IsLetterOrDigit(p) || p is '.' or ',' or '_' or '\'' or '’' or '/' or '#') return false;
        return !(p == '-' && s >= 2 && char.IsLetter(text[s - 2])); // "GMT-8", "x-1"
    }

    private static bool TryExpression(ReadOnlySpan<char> text, int s, string? country, out Salary salary, out int start, out int end, out int resume)
    {
        salary = default;
        start = end = -1;
        resume = s + 1;

        var pre1 = CurrencyBefore(text, s, country, out var prefixStart);
        if (!ReadAmount(text, s, out var a1, out var e1, out var m1, out var lpa1)) return false;
        resume = e1;
        if (m1 == Mult.Reject || IsPercentAt(text, e1)) return false;
        var q = e1;
        var suf1 = CurrencyAfter(text, ref q, country);
        var per1 = PeriodAfter(text, ref q);
        var endFirst = q;

        double a2 = 0;
        var m2 = Mult.None;
        var lpa2 = false;
        Currency pre2 = default, suf2 = default;
        string? per2 = null;
        var range = false;
        var r = SkipSpaces(text, q, 2);
        var sep = RangeSeparatorLength(text, r);
        if (sep == 0 && r + 4 < text.Length && text.Slice(r, 4).Equals("and ", StringComparison.OrdinalIgnoreCase)
            && text[Math.Max(0, (prefixStart >= 0 ? prefixStart : s) - 9)..(prefixStart >= 0 ? prefixStart : s)].Contains("between", StringComparison.OrdinalIgnoreCase))
            sep = 4; // "between $100,000 and $120,000"
        if (sep > 0)
        {
            var r2 = SkipSpaces(text, r + sep, 2);
            pre2 = CurrencyPrefixAt(text, ref r2, country);
            while (r2 < text.Length && text[r2] is '~' or '≈' or ' ') r2++;
            if (r2 < text.Length && char.IsAsciiDigit(text[r2]) && ReadAmount(text, r2, out a2, out var e2, out m2, out lpa2)
                && m2 != Mult.Reject && !IsPercentAt(text, e2))
            {
                range = true;
                q = e2;
                suf2 = CurrencyAfter(text, ref q, country);
                per2 = PeriodAfter(text, ref q);
            }
            else if (m2 == Mult.Reject)
            {
                return false; // "$2M - $5M"
            }
        }
        end = range ? q : endFirst;
        resume = end;

        var currency = Pick(Pick(Pick(pre1, suf1), pre2), suf2);
        if (currency.IsNone && (lpa1 || lpa2)) currency = new Currency(Kind.Code, "INR");
        if (currency.IsNone) return false;

        var v1 = a1 * Factor(m1);
        var v2 = range ? a2 * Factor(m2) : v1;
        if (range)
        {
            if (m1 == Mult.None && m2 != Mult.None && a1 < 1000) v1 = a1 * Factor(m2);
            else if (m2 == Mult.None && m1 != Mult.None && a2 < 1000) v2 = a2 * Factor(m1);
            if (v1 > v2) (v1, v2) = (v2, v1);
            if (v1 <= 0 || v2 / v1 > 20)
            {
                range = false;
                v1 = v2 = a1 * Factor(m1);
                end = endFirst;
            }
        }
        if (v1 <= 0 || v2 > 1e10) return false;

        start = prefixStart >= 0 ? prefixStart : s;
        if (IsNotPay(text, start, end)) return false;

        var code = Resolve(currency, text, start, end, country);
        if (code is null) return false;

        var period = (range ? per2 : null) ?? per1 ?? (lpa1 || lpa2 ? Year : null) ?? (v1 >= 10_000 ? Year : null);
        salary = new Salary(v1, v2, code, period);
        return true;
    }

    private static double Factor(Mult m) => m switch
    {
        Mult.Thousand => 1_000,
        Mult.Lakh => 100_000,
        Mult.Crore => 10_000_000,
        _ => 1,
    };

    private static Currency Pick(Currency a, Currency b) => b.Kind > a.Kind ? b : a;

    private static string? Resolve(Currency c, ReadOnlySpan<char> text, int start, int end, string? country)
    {
        switch (c.Kind)
        {
            case Kind.Code:
            case Kind.Symbol:
                return c.Code;
            case Kind.Yen:
                return country == "CN" || CodeNear(text, start, end, out var y) && y == "CNY" ? "CNY" : "JPY";
            case Kind.Krona:
                return country switch { "SE" => "SEK", "NO" => "NOK", "DK" => "DKK", "IS" => "ISK", _ => null };
            case Kind.Dollar:
                if (CodeNear(text, start, end, out var d) && d is "CAD" or "AUD" or "NZD" or "SGD" or "HKD" or "USD" or "MXN" or "TWD") return d;
                return country switch
                {
                    "CA" => "CAD",
                    "AU" => "AUD",
                    "NZ" => "NZD",
                    "SG" => "SGD",
                    "HK" => "HKD",
                    _ => "USD",
                };
            default:
                return null;
        }
    }

    /// <summary>A currency code written just after the expression ("(CAD)", "CAD + equity") or just before it.</summary>
    private static bool CodeNear(ReadOnlySpan<char> text, int start, int end, out string code)
    {
        code = "";
        var after = text[end..Math.Min(text.Length, end + 20)];
        var nl = after.IndexOf('\n');
        if (nl >= 0) after = after[..nl];
        if (FindCode(after, out code)) return true;
        var before = text[Math.Max(0, start - 10)..start];
        nl = before.LastIndexOf('\n');
        if (nl >= 0) before = before[(nl + 1)..];
        return FindCode(before, out code);
    }

    private static bool FindCode(ReadOnlySpan<char> window, out string code)
    {
        code = "";
        for (var i = 0; i + 3 <= window.Length; i++)
        {
            if (!char.IsAsciiLetterUpper(window[i]) || (i > 0 && char.IsLetter(window[i - 1]))) continue;
            if (i + 3 < window.Length && char.IsLetter(window[i + 3])) continue;
            if (s_upperCodes.TryGetValue(window.Slice(i, 3), out code!)) return true;
        }
        if (window.Contains('元')) { code = "CNY"; return true; }
        return false;
    }

    private static int SkipSpaces(ReadOnlySpan<char> text, int i, int max)
    {
        var n = 0;
        while (i < text.Length && n < max && IsSpace(text[i])) { i++; n++; }
        return i;
    }

    private static bool IsSpace(char c) => c is ' ' or '\u00A0' or '\u2009' or '\u202F' or '\t';

    private static bool IsPercentAt(ReadOnlySpan<char> text, int i)
    {
        i = SkipSpaces(text, i, 1);
        return i < text.Length && text[i] is '%' or '％';
    }

    private static int RangeSeparatorLength(ReadOnlySpan<char> text, int r)
    {
        if (r >= text.Length) return 0;
        var c = text[r];
        if (c is '-' or '–' or '—' or '‒' or '−' or '~' or '〜' or '～')
            return r + 1 < text.Length && text[r + 1] is '-' ? 2 : 1;
        if (r + 3 <= text.Length && text.Slice(r, 2).Equals("to", StringComparison.OrdinalIgnoreCase) && r + 2 < text.Length && IsSpace(text[r + 2])) return 3;
        if (r + 4 <= text.Length && text.Slice(r, 3).Equals("bis", StringComparison.OrdinalIgnoreCase) && r + 3 < text.Length && IsSpace(text[r + 3])) return 4;
        return 0;
    }

    private static Currency SymbolCurrency(char c) => c switch
    {
        '$' or '＄' or '﹩' => new(Kind.Dollar, null),
        '£' or '￡' => new(Kind.Symbol, "GBP"),
        '€' => new(Kind.Symbol, "EUR"),
        '¥' or '￥' => new(Kind.Yen, null),
        '₹' => new(Kind.Symbol, "INR"),
        '₩' => new(Kind.Symbol, "KRW"),
        '₽' => new(Kind.Symbol, "RUB"),
        '₺' => new(Kind.Symbol, "TRY"),
        '₪' => new(Kind.Symbol, "ILS"),
        '₱' => new(Kind.Symbol, "PHP"),
        '₫' => new(Kind.Symbol, "VND"),
        '฿' => new(Kind.Symbol, "THB"),
        '₦' => new(Kind.Symbol, "NGN"),
        '₴' => new(Kind.Symbol, "UAH"),
        _ => default,
    };

    private static string? DollarPrefix(ReadOnlySpan<char> letters)
    {
        Span<char> u = stackalloc char[4];
        if (letters.Length > 4) return null;
        var n = letters.ToUpperInvariant(u);
        return u[..n] switch
        {
            "CA" or "C" or "CAD" or "CDN" or "CAN" => "CAD",
            "A" or "AU" or "AUD" => "AUD",
            "NZ" or "NZD" => "NZD",
            "S" or "SG" or "SGD" => "SGD",
            "HK" or "HKD" => "HKD",
            "US" or "USD" or "U" => "USD",
            "R" => "BRL",
            "MX" or "MEX" => "MXN",
            "NT" => "TWD",
            _ => null,
        };
    }

    /// <summary>A currency code or word; <paramref name="asPrefix"/> allows prefix-only words ("Rs").</summary>
    private static Currency CodeWord(ReadOnlySpan<char> word, bool asPrefix, string? country)
    {
        if (word.Length == 3 && s_upperCodes.TryGetValue(word, out var code)) return new(Kind.Code, code);
        if (word.Length > 10) return default;
        Span<char> lower = stackalloc char[10];
        var n = 0;
        foreach (var c in word) lower[n++] = TextFold.FoldChar(c);
        if (lower[..n] is "l") return default;
        var allLowerOrCapitalised = true;
        for (var i = 1; i < word.Length; i++) allLowerOrCapitalised &= !char.IsUpper(word[i]);
        if (!allLowerOrCapitalised && word.Length != 3) return default;
        if (!s_lowerWords.TryGetValue(lower[..n], out var value)) return default;
        return value switch
        {
            "$" => new(Kind.Dollar, null),
            "kr" => new(Kind.Krona, null),
            "INR" when lower[..n] is "rs" => asPrefix ? new(Kind.Code, "INR") : default,
            _ => new(Kind.Code, value),
        };
    }

    /// <summary>The currency written right before the number at <paramref name="s"/> ("$", "CA$", "€ ", "USD ", "Rs. ", "£~").</summary>
    private static Currency CurrencyBefore(ReadOnlySpan<char> text, int s, string? country, out int prefixStart)
    {
        prefixStart = -1;
        var j = s - 1;
        while (j >= 0 && text[j] is '~' or '≈') j--;
        var spaces = 0;
        while (j >= 0 && IsSpace(text[j]) && spaces < 2) { j--; spaces++; }
        while (j >= 0 && text[j] is '~' or '≈') j--;
        if (j < 0) return default;
        var c = text[j];
        var sym = SymbolCurrency(c);
        if (!sym.IsNone)
        {
            prefixStart = j;
            if (sym.Kind == Kind.Dollar)
            {
                var l = j;
                while (l > 0 && char.IsAsciiLetter(text[l - 1]) && j - l < 4) l--;
                if (l < j && (l == 0 || !char.IsLetterOrDigit(text[l - 1])) && DollarPrefix(text[l..j]) is { } dollarCode)
                {
                    prefixStart = l;
                    return new(Kind.Code, dollarCode);
                }
            }
            return sym;
        }
        if (char.IsLetter(c) || c == '.')
        {
            if (c == '.')
            {
                if (j == 0 || !char.IsLetter(text[j - 1])) return default; // "Rs. 50,000"
                j--;
            }
            var wordEnd = j + 1;
            var l = j;
            while (l > 0 && char.IsLetter(text[l - 1]) && wordEnd - l < 10) l--;
            if (l > 0 && char.IsLetterOrDigit(text[l - 1])) return default;
            if (l > j) return default;
            var cur = CodeWord(text[l..wordEnd], asPrefix: true, country);
            if (!cur.IsNone) prefixStart = l;
            return cur;
        }
        return default;
    }

    /// <summary>A currency prefix at <paramref name="i"/> (the second amount of a range: "- $200k", "– €120k", "to USD 90k").</summary>
    private static Currency CurrencyPrefixAt(ReadOnlySpan<char> text, ref int i, string? country)
    {
        if (i >= text.Length) return default;
        var sym = SymbolCurrency(text[i]);
        if (!sym.IsNone)
        {
            i++;
            return sym;
        }
        var l = i;
        var e = i;
        while (e < text.Length && char.IsAsciiLetter(text[e]) && e - l < 4) e++;
        if (e > l && e < text.Length && text[e] == '$' && DollarPrefix(text[l..e]) is { } dollarCode)
        {
            i = e + 1;
            return new(Kind.Code, dollarCode);
        }
        if (e - l == 3 && e < text.Length && IsSpace(text[e]))
        {
            var cur = CodeWord(text[l..e], asPrefix: true, country);
            if (cur.Kind == Kind.Code)
            {
                i = e + 1;
                return cur;
            }
        }
        return default;
    }

    /// <summary>A currency right after an amount ("50.000 €", "180k USD", "80,000 euros", "500 zł").</summary>
    private static Currency CurrencyAfter(ReadOnlySpan<char> text, ref int q, string? country)
    {
        var j = SkipSpaces(text, q, 1);
        if (j >= text.Length) return default;
        var sym = SymbolCurrency(text[j]);
        if (!sym.IsNone)
        {
            // not the currency of a following number ("5 $10")
            var after = SkipSpaces(text, j + 1, 1);
            if (after < text.Length && char.IsAsciiDigit(text[after])) return default;
            q = j + 1;
            return sym;
        }
        if (!char.IsLetter(text[j])) return default;
        var e = j;
        while (e < text.Length && char.IsLetter(text[e]) && e - j < 11) e++;
        if (e < text.Length && char.IsLetter(text[e])) return default;
        var cur = CodeWord(text[j..e], asPrefix: false, country);
        if (!cur.IsNone) q = e;
        return cur;
    }

    /// <summary>A period right after an amount or currency ("/hr", " per year", " an hour", " hourly", " p.a.").</summary>
    private static string? PeriodAfter(ReadOnlySpan<char> text, ref int q)
    {
        var j = SkipSpaces(text, q, 2);
        if (j >= text.Length) return null;
        if (TryPeriodAt(text, j, out var period, out var end))
        {
            q = end;
            return period;
        }
        // one filler word: "€60k gross per year", "$150k base /yr"
        var w = j;
        while (w < text.Length && char.IsAsciiLetter(text[w])) w++;
        if (w > j && text[j..w] is "gross" or "base" or "brutto" or "net" or "salary" or "total" or "USD" or "EUR")
        {
            var k = SkipSpaces(text, w, 2);
            if (k < text.Length && TryPeriodAt(text, k, out period, out end))
            {
                q = end;
                return period;
            }
        }
        return null;
    }

    private static bool TryPeriodAt(ReadOnlySpan<char> text, int j, out string? period, out int end)
    {
        period = null;
        end = j;
        if (text[j] == '/')
        {
            var k = SkipSpaces(text, j + 1, 1);
            var w = ReadWord(text, k);
            if (w.IsEmpty) return false;
            period = UnitWord(w);
            end = k + w.Length;
            return period is not null;
        }
        if (text[j..].StartsWith("p.a.", StringComparison.OrdinalIgnoreCase) || text[j..].StartsWith("p/a", StringComparison.OrdinalIgnoreCase))
        {
            period = Year;
            end = j + (text[j + 1] == '.' ? 4 : 3);
            return true;
        }
        var word = ReadWord(text, j);
        if (word.IsEmpty) return false;
        var afterWord = j + word.Length;
        Span<char> lower = stackalloc char[12];
        if (word.Length > lower.Length) return false;
        var n = word.ToLowerInvariant(lower);
        var lw = lower[..n];
        switch (lw)
        {
            case "hourly" or "stündlich" or "stundenlohn": period = Hour; break;
            case "daily" or "diario" or "täglich" or "journalier": period = Day; break;
            case "weekly" or "semanal" or "wöchentlich" or "hebdomadaire": period = Week; break;
            case "monthly" or "mensual" or "mensal" or "mensuel" or "monatlich" or "mensile": period = Month; break;
            case "annually" or "annual" or "yearly" or "pa" or "annum" or "lpa" or "anual" or "annuel" or "jährlich"
                or "jahrlich" or "annuale" or "brutto/jahr": period = Year; break;
            case "per" or "a" or "an" or "each" or "pro" or "par" or "por" or "al":
                var k = SkipSpaces(text, afterWord, 1);
                if (k == afterWord) return false;
                var unit = ReadWord(text, k);
                if (unit.IsEmpty) return false;
                period = UnitWord(unit, allowSingleLetter: false);
                if (period is null) return false;
                end = k + unit.Length;
                if (end < text.Length && text[end] == '.' && unit.Length <= 3) end++;
                return true;
        }
        if (period is null) return false;
        end = afterWord;
        return true;
    }

    private static ReadOnlySpan<char> ReadWord(ReadOnlySpan<char> text, int i)
    {
        var e = i;
        while (e < text.Length && char.IsLetter(text[e])) e++;
        if (e < text.Length && char.IsDigit(text[e])) return default;
        return text[i..e];
    }

    private static string? UnitWord(ReadOnlySpan<char> word, bool allowSingleLetter = true)
    {
        if (word.Length > 10) return null;
        Span<char> lower = stackalloc char[10];
        var n = word.ToLowerInvariant(lower);
        return lower[..n] switch
        {
            "hr" or "hrs" or "hour" or "hours" or "stunde" or "std" or "heure" or "hora" or "ora" => Hour,
            "h" when allowSingleLetter => Hour,
            "day" or "days" or "tag" or "jour" or "dia" => Day,
            "d" when allowSingleLetter => Day,
            "wk" or "week" or "weeks" or "woche" or "semaine" => Week,
            "w" when allowSingleLetter => Week,
            "mo" or "mos" or "mth" or "mon" or "month" or "months" or "monat" or "mois" or "mes" or "mês" or "mese" => Month,
            "m" when allowSingleLetter => Month,
            "yr" or "yrs" or "year" or "years" or "annum" or "jahr" or "an" or "ano" or "año" or "anno" => Year,
            "y" or "a" when allowSingleLetter => Year,
            _ => null,
        };
    }

    /// <summary>
    /// Reads the number at <paramref name="s"/> with its grouping, decimals and multiplier. <paramref name="mult"/> is
    /// <see cref="Mult.Reject"/> for millions and billions and for letters glued to the number that mean nothing here.
    /// </summary>
    private static bool ReadAmount(ReadOnlySpan<char> text, int s, out double value, out int end, out Mult mult, out bool lpa)
    {
        value = 0;
        mult = Mult.None;
        lpa = false;
        var i = s;
        long whole = 0;
        var digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            if (++digits > 12) { end = i; return false; }
            whole = whole * 10 + (text[i] - '0');
            i++;
        }
        end = i;
        if (digits == 0) return false;

        var groupSep = '\0';
        var firstGroup = digits;
        while (i + 1 < text.Length)
        {
            var sep = text[i];
            var isSpaceSep = sep is ' ' or '\u00A0' or '\u2009' or '\u202F';
            if (!(sep is ',' or '.' or '\'' or '’' || isSpaceSep) || !char.IsAsciiDigit(text[i + 1])) break;
            if (groupSep != '\0' && sep != groupSep) break;
            var g = 0;
            while (i + 1 + g < text.Length && char.IsAsciiDigit(text[i + 1 + g]) && g < 4) g++;
            if (g == 3 && !(i + 4 < text.Length && char.IsAsciiDigit(text[i + 4])))
            {
                if (isSpaceSep && firstGroup > 3) break;
                whole = whole * 1000 + (text[i + 1] - '0') * 100 + (text[i + 2] - '0') * 10 + (text[i + 3] - '0');
                groupSep = sep;
                i += 4;
                continue;
            }
            if (g == 2 && sep == ',' && i + 3 < text.Length && text[i + 3] == ',' && groupSep is '\0' or ',')
            {
                whole = whole * 100 + (text[i + 1] - '0') * 10 + (text[i + 2] - '0'); // Indian 12,00,000
                groupSep = sep;
                i += 3;
                continue;
            }
            break;
        }

        double fraction = 0;
        if (i + 1 < text.Length && text[i] is '.' or ',' && text[i] != groupSep && char.IsAsciiDigit(text[i + 1]))
        {
            var scale = 0.1;
            var k = i + 1;
            while (k < text.Length && char.IsAsciiDigit(text[k]) && k - i <= 6)
            {
                fraction += (text[k] - '0') * scale;
                scale /= 10;
                k++;
            }
            if (k < text.Length && char.IsAsciiDigit(text[k])) return false;
            i = k;
        }
        value = whole + fraction;
        end = i;

        // multiplier glued to the number or after one space ("150k", "150 K", "2M", "4 billion", "35L", "12 LPA")
        var m = i;
        if (m < text.Length && text[m] == ' ' && m + 1 < text.Length && char.IsLetter(text[m + 1])) m++;
        var w = m;
        while (w < text.Length && char.IsLetter(text[w]) && w - m < 9) w++;
        if (w == m) return true;
        if (w < text.Length && char.IsLetter(text[w])) return m != i; // a long word glued to the digits: not an amount
        var word = text[m..w];
        Mult found;
        switch (word)
        {
            case "k" or "K" or "kk": found = Mult.Thousand; break;
            case "m" or "M" or "mm" or "MM" or "mn" or "Mn" or "mil" or "mio" or "Mio" or "million" or "millions" or "Million"
                or "b" or "B" or "bn" or "Bn" or "billion" or "billions" or "Billion" or "trillion" or "T" or "tn":
                found = Mult.Reject; break;
            case "L" or "l" or "lakh" or "lakhs" or "Lakh" or "Lakhs" or "lac" or "lacs" or "Lac" or "Lacs": found = Mult.Lakh; break;
            case "LPA" or "lpa": found = Mult.Lakh; lpa = true; break;
            case "cr" or "Cr" or "crore" or "crores" or "Crore" or "Crores": found = Mult.Crore; break;
            default:
                // letters that are not a multiplier: a currency code or period word is read later; anything else
                // glued to the digits ("3x", "5kinds") is not an amount
                if (m == i && !IsCurrencyOrPeriodWord(word)) mult = Mult.Reject;
                return true;
        }
        if (m != i && found is Mult.Thousand) return true; // "150 k" is too unusual; "5 K8s" never
        mult = found;
        end = w;
        return true;
    }

    private static bool IsCurrencyOrPeriodWord(ReadOnlySpan<char> word) =>
        !CodeWord(word, asPrefix: false, null).IsNone || UnitWord(word) is not null
        || word is "hourly" or "pa" or "yr" or "usd" or "eur" or "gbp";

    /// <summary>Whether the words around the expression make it funding, revenue, a perk or a price.</summary>
    private static bool IsNotPay(ReadOnlySpan<char> text, int start, int end)
    {
        Span<char> buf = stackalloc char[16];
        // after: "MRR", "in funding", "per user"
        var i = SkipSpaces(text, end, 2);
        var w = ReadFoldedWord(text, i, buf, out var next);
        if (!w.IsEmpty)
        {
            if (s_notPayWords.Contains(w)) return true;
            if (w is "in" or "of" or "per")
            {
                var isPer = w is "per";
                var w2 = ReadFoldedWord(text, SkipSpaces(text, next, 2), buf, out _);
                if (!w2.IsEmpty && (s_notPayWords.Contains(w2) || (isPer && s_perPriceWords.Contains(w2)))) return true;
            }
        }
        // before: "raised $30k", "budget of $1,000", "a $5k bonus"
        var j = start;
        for (var words = 0; words < 3; words++)
        {
            var gap = 0;
            while (j > 0 && !char.IsLetter(text[j - 1]) && gap < 3) { j--; gap++; }
            if (j == 0 || !char.IsLetter(text[j - 1])) break;
            var e = j;
            while (j > 0 && char.IsLetter(text[j - 1]) && e - j < 16) j--;
            if (j > 0 && char.IsLetter(text[j - 1])) break;
            var prev = ReadFoldedWord(text, j, buf, out _);
            if (prev.IsEmpty) break;
            if (s_notPayWords.Contains(prev)) return true;
            if (!s_linkWords.Contains(prev)) break;
        }
        return false;
    }

    private static ReadOnlySpan<char> ReadFoldedWord(ReadOnlySpan<char> text, int i, Span<char> buf, out int end)
    {
        var n = 0;
        end = i;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            if (n == buf.Length) return default;
            buf[n++] = TextFold.FoldChar(text[end]);
            end++;
        }
        return buf[..n];
    }
}
