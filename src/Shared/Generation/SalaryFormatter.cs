namespace AkkaEtl.Generation;

internal enum PayPeriod : byte
{
    Year,
    Month,
    Day,
    Hour,
}

/// <summary>A stated pay: amounts in <see cref="Currency"/> per <see cref="Period"/>; <see cref="Min"/> == <see cref="Max"/> for one amount.</summary>
internal struct SalaryModel
{
    public Currency Currency;
    public PayPeriod Period;
    public double Min;
    public double Max;

    public readonly bool Single => Min == Max;

    /// <summary>Rounds both amounts to what a posting would state.</summary>
    public void Round()
    {
        double step = Step(Min);
        Min = Math.Max(step, Math.Round(Min / step) * step);
        Max = Math.Max(Min, Math.Round(Max / step) * step);
    }

    private readonly double Step(double value) => Period switch
    {
        PayPeriod.Year => value >= 1_000_000 ? 100_000 : value >= 100_000 ? 5_000 : 1_000,
        PayPeriod.Month => value >= 100_000 ? 10_000 : value >= 10_000 ? 1_000 : 100,
        PayPeriod.Day => value >= 1_000 ? 100 : 25,
        _ => value >= 60 ? 10 : 0.5,
    };
}

/// <summary>Writes salaries as free text in the many forms postings use, consistent with the currency and language.</summary>
internal static class SalaryFormatter
{
    private static readonly JsonText EnDash = "–";
    private static readonly JsonText Pound = "£";
    private static readonly JsonText Euro = "€";
    private static readonly JsonText Yen = "¥";
    private static readonly JsonText Rupee = "₹";
    private static readonly JsonText NoBreakSpace = "\u00A0";
    private static readonly JsonText NarrowNoBreakSpace = "\u202F";
    private static readonly JsonText Man = "万";
    private static readonly JsonText ManYen = "万円";
    private static readonly JsonText Wave = "〜";
    private static readonly JsonText YenSuffix = "円";
    private static readonly JsonText AnnualJa = "年収 ";
    private static readonly JsonText MonthlyJa = "月給 ";
    private static readonly JsonText HourlyJa = "時給 ";
    private static readonly JsonText PerMonthZh = "/月";
    private static readonly JsonText MonthlyZh = "月薪 ";
    private static readonly JsonText AnnualZh = "年薪";
    private static readonly JsonText Yuan = "元";
    private static readonly JsonText FourteenMonths = "·14薪";
    private static readonly JsonText PerHourZh = "/小时";
    private static readonly JsonText KiloEuro = " K€ brut annuel";
    private static readonly JsonText EurYearEs = " € brutos/año";
    private static readonly JsonText EurMonthEs = " € brutos al mes";

    /// <summary>The JSON object form's <c>period</c> spellings (canonical first).</summary>
    public static readonly JsonText[][] PeriodNames =
    [
        ["year", "yearly", "annual", "YEAR"],
        ["month", "monthly", "MONTH"],
        ["day", "daily", "DAY"],
        ["hour", "hourly", "HOUR"],
    ];

    public static readonly JsonText[] CurrencyCodes = ["USD", "CAD", "AUD", "SGD", "MXN", "GBP", "EUR", "CHF", "INR", "JPY", "CNY"];

    public static void Write(JsonLineWriter w, in SalaryModel s, Lang lang, ref Prng rng)
    {
        switch (s.Currency)
        {
            case Currency.Usd:
            case Currency.Cad:
            case Currency.Aud:
            case Currency.Sgd:
            case Currency.Mxn:
                WriteDollar(w, s, ref rng);
                break;
            case Currency.Gbp:
                WritePound(w, s, ref rng);
                break;
            case Currency.Eur:
                WriteEuro(w, s, lang, ref rng);
                break;
            case Currency.Chf:
                WriteFranc(w, s, lang, ref rng);
                break;
            case Currency.Inr:
                WriteRupee(w, s, ref rng);
                break;
            case Currency.Jpy:
                WriteYen(w, s, lang, ref rng);
                break;
            default:
                WriteYuan(w, s, lang, ref rng);
                break;
        }
    }

    // ---- per currency ----------------------------------------------------------------------------------------

    private static void WriteDollar(JsonLineWriter w, in SalaryModel s, ref Prng rng)
    {
        // Prefix symbol and optional code, e.g. "$", "CA$" / "C$", "A$", "S$"; a code like " CAD" may follow instead.
        ReadOnlySpan<byte> symbol = "$"u8;
        ReadOnlySpan<byte> code = "USD"u8;
        bool codeAfter = false;
        switch (s.Currency)
        {
            case Currency.Cad:
                code = "CAD"u8;
                switch (rng.Next(3))
                {
                    case 0: symbol = "CA$"u8; break;
                    case 1: symbol = "C$"u8; break;
                    default: codeAfter = true; break;
                }
                break;
            case Currency.Aud:
                code = "AUD"u8;
                switch (rng.Next(3))
                {
                    case 0: symbol = "A$"u8; break;
                    case 1: symbol = "AU$"u8; break;
                    default: codeAfter = true; break;
                }
                break;
            case Currency.Sgd:
                code = "SGD"u8;
                if (rng.Next(2) == 0) symbol = "S$"u8;
                else codeAfter = true;
                break;
            case Currency.Mxn:
                code = "MXN"u8;
                codeAfter = true;
                break;
        }

        int form = rng.Next(6);
        if (s.Period == PayPeriod.Hour)
        {
            switch (form % 4)
            {
                case 0: // $80 - 150/hr
                    w.Raw(symbol); Amount(w, s.Min);
                    if (!s.Single) { RangeSep(w, ref rng); Amount(w, s.Max); }
                    w.Raw("/hr"u8);
                    break;
                case 1: // $45/hour, $45.50 per hour
                    w.Raw(symbol); Amount(w, s.Min);
                    if (!s.Single) { w.Raw("-"u8); w.Raw(symbol); Amount(w, s.Max); }
                    w.Raw(rng.Next(2) == 0 ? "/hour"u8 : " per hour"u8);
                    break;
                case 2: // $25-$30 an hour
                    w.Raw(symbol); Amount(w, s.Min);
                    if (!s.Single) { w.Raw(" - "u8); w.Raw(symbol); Amount(w, s.Max); }
                    w.Raw(" an hour"u8);
                    break;
                default: // USD 40/h
                    w.Raw(code); w.RawByte((byte)' '); Amount(w, s.Min);
                    if (!s.Single) { w.RawByte((byte)'-'); Amount(w, s.Max); }
                    w.Raw("/h"u8);
                    codeAfter = false;
                    break;
            }
            if (codeAfter) { w.RawByte((byte)' '); w.Raw(code); }
            return;
        }

        if (s.Period is PayPeriod.Month or PayPeriod.Day)
        {
            w.Raw(symbol); Grouped(w, s.Min, ","u8);
            if (!s.Single) { RangeSep(w, ref rng); w.Raw(symbol); Grouped(w, s.Max, ","u8); }
            if (codeAfter) { w.RawByte((byte)' '); w.Raw(code); }
            if (s.Currency == Currency.Mxn) w.Raw(s.Period == PayPeriod.Month ? (rng.Next(2) == 0 ? " mensuales"u8 : " al mes"u8) : " por día"u8);
            else w.Raw(s.Period == PayPeriod.Month ? (rng.Next(2) == 0 ? " per month"u8 : "/month"u8) : "/day"u8);
            return;
        }

        if (s.Single)
        {
            switch (form % 3)
            {
                case 0: w.Raw(symbol); Grouped(w, s.Min, ","u8); break;
                case 1: w.Raw("Up to "u8); w.Raw(symbol); Kilo(w, s.Max, ref rng); break;
                default: w.Raw(symbol); Grouped(w, s.Min, ","u8); w.Raw("/yr"u8); break;
            }
            if (codeAfter) { w.RawByte((byte)' '); w.Raw(code); }
            return;
        }

        switch (form)
        {
            case 0: // $150K-$200K
            {
                bool upper = rng.Next(2) == 0;
                w.Raw(symbol); Kilo(w, s.Min, upper);
                RangeSep(w, ref rng);
                w.Raw(symbol); Kilo(w, s.Max, upper);
                if (codeAfter) { w.RawByte((byte)' '); w.Raw(code); }
                break;
            }
            case 1: // $160,000 - 215,000 + equity
                w.Raw(symbol); Grouped(w, s.Min, ","u8); RangeSep(w, ref rng); Grouped(w, s.Max, ","u8);
                if (codeAfter) { w.RawByte((byte)' '); w.Raw(code); }
                if (rng.Chance(0.35)) w.Raw(" + equity"u8);
                break;
            case 2: // 115k - 180k USD
                Kilo(w, s.Min, false); w.Raw(" - "u8); Kilo(w, s.Max, false); w.RawByte((byte)' '); w.Raw(code);
                break;
            case 3: // USD 95,000 - 130,000 per year
                w.Raw(code); w.RawByte((byte)' '); Grouped(w, s.Min, ","u8); RangeSep(w, ref rng); Grouped(w, s.Max, ","u8);
                w.Raw(rng.Next(2) == 0 ? " per year"u8 : " annually"u8);
                break;
            case 4: // $150,000 - $200,000 a year
                w.Raw(symbol); Grouped(w, s.Min, ","u8); w.Raw(" - "u8); w.Raw(symbol); Grouped(w, s.Max, ","u8);
                if (codeAfter) { w.RawByte((byte)' '); w.Raw(code); }
                w.Raw(" a year"u8);
                break;
            default: // $150k–$200k + equity
                w.Raw(symbol); Kilo(w, s.Min, false); w.Text(EnDash); w.Raw(symbol); Kilo(w, s.Max, false);
                if (codeAfter) { w.RawByte((byte)' '); w.Raw(code); }
                if (rng.Chance(0.5)) w.Raw(" + equity"u8);
                break;
        }
    }

    private static void WritePound(JsonLineWriter w, in SalaryModel s, ref Prng rng)
    {
        switch (s.Period)
        {
            case PayPeriod.Hour:
                w.Text(Pound); Amount(w, s.Min);
                if (!s.Single) { w.Raw(" - "u8); w.Text(Pound); Amount(w, s.Max); }
                w.Raw(" per hour"u8);
                return;
            case PayPeriod.Day:
                w.Text(Pound); Grouped(w, s.Min, ","u8);
                if (!s.Single) { w.RawByte((byte)'-'); w.Text(Pound); Grouped(w, s.Max, ","u8); }
                w.Raw(rng.Next(2) == 0 ? "/day"u8 : " per day (outside IR35)"u8);
                return;
            case PayPeriod.Month:
                w.Text(Pound); Grouped(w, s.Min, ","u8); w.Raw(" per month"u8);
                return;
        }
        if (s.Single)
        {
            if (rng.Next(2) == 0) { w.Raw("Up to "u8); w.Text(Pound); Kilo(w, s.Max, false); }
            else { w.Text(Pound); Grouped(w, s.Min, ","u8); w.Raw(" + bonus"u8); }
            return;
        }
        switch (rng.Next(4))
        {
            case 0: // £80k–£110k
                w.Text(Pound); Kilo(w, s.Min, false); w.Text(EnDash); w.Text(Pound); Kilo(w, s.Max, false);
                break;
            case 1: // £45,000 - £55,000 per annum
                w.Text(Pound); Grouped(w, s.Min, ","u8); w.Raw(" - "u8); w.Text(Pound); Grouped(w, s.Max, ","u8);
                w.Raw(rng.Next(2) == 0 ? " per annum"u8 : " p.a."u8);
                break;
            case 2: // GBP 70k - 90k
                w.Raw("GBP "u8); Kilo(w, s.Min, false); w.Raw(" - "u8); Kilo(w, s.Max, false);
                break;
            default: // £60,000 to £75,000 + benefits
                w.Text(Pound); Grouped(w, s.Min, ","u8); w.Raw(" to "u8); w.Text(Pound); Grouped(w, s.Max, ","u8);
                w.Raw(" + benefits"u8);
                break;
        }
    }

    private static void WriteEuro(JsonLineWriter w, in SalaryModel s, Lang lang, ref Prng rng)
    {
        switch (lang)
        {
            case Lang.De:
                switch (s.Period)
                {
                    case PayPeriod.Hour:
                        Decimal(w, s.Min, (byte)','); w.Raw(" "u8); w.Text(Euro); w.Raw(" pro Stunde"u8);
                        return;
                    case PayPeriod.Month:
                    case PayPeriod.Day:
                        Grouped(w, s.Min, "."u8); w.RawByte((byte)' '); w.Text(Euro);
                        w.Raw(s.Period == PayPeriod.Month ? " brutto/Monat"u8 : " Tagessatz"u8);
                        return;
                }
                if (s.Single) { w.Raw("ab "u8); Grouped(w, s.Min, "."u8); w.RawByte((byte)' '); w.Text(Euro); w.Raw(" p.a."u8); return; }
                if (rng.Next(3) == 0)
                {
                    Grouped(w, s.Min, "."u8); w.Text(EnDash); Grouped(w, s.Max, "."u8); w.Raw(" EUR"u8);
                    return;
                }
                Grouped(w, s.Min, "."u8); w.RawByte((byte)' '); w.Text(Euro); w.Raw(" - "u8);
                Grouped(w, s.Max, "."u8); w.RawByte((byte)' '); w.Text(Euro);
                w.Raw(rng.Next(2) == 0 ? " pro Jahr"u8 : " brutto jährlich"u8);
                return;
            case Lang.Fr:
            {
                JsonText group = rng.Next(3) switch { 0 => NoBreakSpace, 1 => NarrowNoBreakSpace, _ => " " };
                switch (s.Period)
                {
                    case PayPeriod.Hour:
                        Decimal(w, s.Min, (byte)','); w.Raw(" "u8); w.Text(Euro); w.Raw(" / heure"u8);
                        return;
                    case PayPeriod.Month:
                    case PayPeriod.Day:
                        Grouped(w, s.Min, group); w.RawByte((byte)' '); w.Text(Euro);
                        w.Raw(s.Period == PayPeriod.Month ? " brut mensuel"u8 : " par jour (TJM)"u8);
                        return;
                }
                if (!s.Single && rng.Next(3) == 0 && s.Min % 1000 == 0 && s.Max % 1000 == 0)
                {
                    w.Integer((long)(s.Min / 1000)); w.RawByte((byte)'-'); w.Integer((long)(s.Max / 1000)); w.Text(KiloEuro);
                    return;
                }
                Grouped(w, s.Min, group); w.RawByte((byte)' '); w.Text(Euro);
                if (!s.Single) { w.Raw(" - "u8); Grouped(w, s.Max, group); w.RawByte((byte)' '); w.Text(Euro); }
                w.Raw(" par an"u8);
                return;
            }
            case Lang.Es:
                switch (s.Period)
                {
                    case PayPeriod.Hour:
                        Amount(w, s.Min); w.RawByte((byte)' '); w.Text(Euro); w.Raw("/hora"u8);
                        return;
                    case PayPeriod.Month:
                    case PayPeriod.Day:
                        Grouped(w, s.Min, "."u8); w.Text(EurMonthEs);
                        return;
                }
                Grouped(w, s.Min, "."u8);
                if (!s.Single) { w.Raw(" - "u8); Grouped(w, s.Max, "."u8); }
                w.Text(EurYearEs);
                return;
        }

        switch (s.Period)
        {
            case PayPeriod.Hour: // €15/hour
                w.Text(Euro); Amount(w, s.Min);
                if (!s.Single) { w.RawByte((byte)'-'); w.Text(Euro); Amount(w, s.Max); }
                w.Raw("/hour"u8);
                return;
            case PayPeriod.Day:
                w.Text(Euro); Grouped(w, s.Min, ","u8); w.Raw(" per day"u8);
                return;
            case PayPeriod.Month:
                w.Text(Euro); Grouped(w, s.Min, ","u8); w.Raw(" per month"u8);
                return;
        }
        if (s.Single) { w.Text(Euro); Grouped(w, s.Min, ","u8); w.Raw(" per year"u8); return; }
        switch (rng.Next(3))
        {
            case 0: // €90k - €120k
                w.Text(Euro); Kilo(w, s.Min, false); w.Raw(" - "u8); w.Text(Euro); Kilo(w, s.Max, false);
                break;
            case 1: // EUR 70,000–85,000
                w.Raw("EUR "u8); Grouped(w, s.Min, ","u8); w.Text(EnDash); Grouped(w, s.Max, ","u8);
                break;
            default: // 70k-85k EUR
                Kilo(w, s.Min, false); w.RawByte((byte)'-'); Kilo(w, s.Max, false); w.Raw(" EUR"u8);
                break;
        }
    }

    private static void WriteFranc(JsonLineWriter w, in SalaryModel s, Lang lang, ref Prng rng)
    {
        switch (s.Period)
        {
            case PayPeriod.Hour:
                w.Raw("CHF "u8); Amount(w, s.Min); w.Raw("/h"u8);
                return;
            case PayPeriod.Month:
            case PayPeriod.Day:
                w.Raw("CHF "u8); Grouped(w, s.Min, "'"u8);
                w.Raw(s.Period == PayPeriod.Day ? " pro Tag"u8 : lang == Lang.Fr ? " par mois"u8 : " pro Monat"u8);
                return;
        }
        if (s.Single) { w.Raw("CHF "u8); Grouped(w, s.Min, "'"u8); return; }
        if (rng.Next(2) == 0)
        {
            w.Raw("CHF "u8); Grouped(w, s.Min, "'"u8); w.Raw(" - "u8); Grouped(w, s.Max, "'"u8);
        }
        else
        {
            Grouped(w, s.Min, "'"u8); w.Raw(" - "u8); Grouped(w, s.Max, "'"u8); w.Raw(" CHF"u8);
        }
    }

    private static void WriteRupee(JsonLineWriter w, in SalaryModel s, ref Prng rng)
    {
        if (s.Period != PayPeriod.Year)
        {
            w.Text(Rupee); Indian(w, s.Min);
            w.Raw(s.Period switch { PayPeriod.Hour => "/hour"u8, PayPeriod.Day => "/day"u8, _ => " per month"u8 });
            return;
        }
        if (s.Single) { w.Text(Rupee); Indian(w, s.Min); w.Raw(" per annum"u8); return; }
        switch (rng.Next(3))
        {
            case 0: // ₹18 - 25 LPA
                w.Text(Rupee); w.Decimal(s.Min / 100_000, s.Min % 100_000 == 0 ? 0 : 1, (byte)'.');
                w.Raw(" - "u8); w.Decimal(s.Max / 100_000, s.Max % 100_000 == 0 ? 0 : 1, (byte)'.'); w.Raw(" LPA"u8);
                break;
            case 1: // INR 15,00,000 - 22,00,000
                w.Raw("INR "u8); Indian(w, s.Min); w.Raw(" - "u8); Indian(w, s.Max);
                break;
            default: // ₹12,00,000 - ₹18,00,000 per annum
                w.Text(Rupee); Indian(w, s.Min); w.Raw(" - "u8); w.Text(Rupee); Indian(w, s.Max); w.Raw(" per annum"u8);
                break;
        }
    }

    private static void WriteYen(JsonLineWriter w, in SalaryModel s, Lang lang, ref Prng rng)
    {
        if (lang == Lang.Ja && (s.Period != PayPeriod.Year || rng.Next(2) == 0))
        {
            switch (s.Period)
            {
                case PayPeriod.Hour:
                case PayPeriod.Day:
                    w.Text(HourlyJa); Grouped(w, s.Min, ","u8); w.Text(YenSuffix);
                    if (!s.Single) { w.Text(Wave); Grouped(w, s.Max, ","u8); w.Text(YenSuffix); }
                    return;
                default: // 年収 600万円〜900万円, 月給 35万円〜
                    w.Text(s.Period == PayPeriod.Year ? AnnualJa : MonthlyJa);
                    w.Integer((long)(s.Min / 10_000)); w.Text(ManYen); w.Text(Wave);
                    if (!s.Single) { w.Integer((long)(s.Max / 10_000)); w.Text(ManYen); }
                    return;
            }
        }
        if (s.Period == PayPeriod.Hour) { w.Text(Yen); Grouped(w, s.Min, ","u8); w.Raw("/hour"u8); return; }
        if (s.Period != PayPeriod.Year) { w.Text(Yen); Grouped(w, s.Min, ","u8); w.Raw(" per month"u8); return; }
        if (s.Single) { w.Text(Yen); Grouped(w, s.Min, ","u8); return; }
        if (rng.Next(2) == 0)
        {
            w.Text(Yen); Grouped(w, s.Min, ","u8); w.Raw(" - "u8); w.Text(Yen); Grouped(w, s.Max, ","u8);
        }
        else
        {
            w.Raw("JPY "u8); Grouped(w, s.Min, ","u8); w.Text(EnDash); Grouped(w, s.Max, ","u8);
        }
    }

    private static void WriteYuan(JsonLineWriter w, in SalaryModel s, Lang lang, ref Prng rng)
    {
        switch (s.Period)
        {
            case PayPeriod.Hour:
            case PayPeriod.Day:
                w.Text(Yen); Amount(w, s.Min); w.Text(PerHourZh);
                return;
            case PayPeriod.Month:
                switch (lang == Lang.Zh ? rng.Next(3) : 3)
                {
                    case 0: // ¥25k-40k/月
                        w.Text(Yen); Kilo(w, s.Min, false);
                        if (!s.Single) { w.RawByte((byte)'-'); Kilo(w, s.Max, false); }
                        w.Text(PerMonthZh);
                        return;
                    case 1: // 25-40K·14薪
                        w.Integer((long)(s.Min / 1000)); w.RawByte((byte)'-'); w.Integer((long)(s.Max / 1000)); w.RawByte((byte)'K');
                        w.Text(FourteenMonths);
                        return;
                    case 2: // 月薪 20000-35000元
                        w.Text(MonthlyZh); w.Integer((long)s.Min);
                        if (!s.Single) { w.RawByte((byte)'-'); w.Integer((long)s.Max); }
                        w.Text(Yuan);
                        return;
                    default: // CNY 25,000 - 40,000 per month
                        w.Raw("CNY "u8); Grouped(w, s.Min, ","u8);
                        if (!s.Single) { w.Raw(" - "u8); Grouped(w, s.Max, ","u8); }
                        w.Raw(" per month"u8);
                        return;
                }
        }
        if (lang == Lang.Zh && !s.Single && rng.Next(2) == 0)
        {
            // 年薪30-45万
            w.Text(AnnualZh); w.Integer((long)(s.Min / 10_000)); w.RawByte((byte)'-'); w.Integer((long)(s.Max / 10_000)); w.Text(Man);
            return;
        }
        w.Raw("CNY "u8); Grouped(w, s.Min, ","u8);
        if (!s.Single) { w.Raw(" - "u8); Grouped(w, s.Max, ","u8); }
    }

    // ---- numbers ---------------------------------------------------------------------------------------------

    private static void RangeSep(JsonLineWriter w, ref Prng rng)
    {
        switch (rng.Next(5))
        {
            case 0: w.RawByte((byte)'-'); break;
            case 1: w.Raw(" - "u8); break;
            case 2: w.Text(EnDash); break;
            case 3: w.Raw(" to "u8); break;
            default: w.Raw(" - "u8); break;
        }
    }

    /// <summary>A plain amount: whole numbers without decimals, otherwise two (18.50).</summary>
    private static void Amount(JsonLineWriter w, double value)
    {
        if (value == Math.Floor(value)) w.Integer((long)value);
        else w.Decimal(value, 2, (byte)'.');
    }

    private static void Decimal(JsonLineWriter w, double value, byte separator)
    {
        if (value == Math.Floor(value)) w.Integer((long)value);
        else w.Decimal(value, 2, separator);
    }

    /// <summary>150000 as "150K"/"150k" (falls back to grouping when not whole thousands).</summary>
    private static void Kilo(JsonLineWriter w, double value, bool upper)
    {
        if (value % 1000 != 0)
        {
            Grouped(w, value, ","u8);
            return;
        }
        w.Integer((long)(value / 1000));
        w.RawByte(upper ? (byte)'K' : (byte)'k');
    }

    private static void Kilo(JsonLineWriter w, double value, ref Prng rng) => Kilo(w, value, rng.Next(2) == 0);

    private static void Grouped(JsonLineWriter w, double value, JsonText separator)
    {
        Span<byte> sep = stackalloc byte[16];
        byte[] bytes = w.AsciiOnly ? separator.Ascii : separator.Utf8;
        bytes.CopyTo(sep);
        Grouped(w, value, sep[..bytes.Length]);
    }

    private static void Grouped(JsonLineWriter w, double value, ReadOnlySpan<byte> separator)
    {
        long v = (long)Math.Round(value);
        Span<byte> digits = stackalloc byte[24];
        v.TryFormat(digits, out int n, default, System.Globalization.CultureInfo.InvariantCulture);
        int first = n % 3 == 0 ? 3 : n % 3;
        w.Raw(digits[..first]);
        for (int i = first; i < n; i += 3)
        {
            w.Raw(separator);
            w.Raw(digits.Slice(i, 3));
        }
    }

    /// <summary>Indian grouping: 12,00,000.</summary>
    private static void Indian(JsonLineWriter w, double value)
    {
        long v = (long)Math.Round(value);
        Span<byte> digits = stackalloc byte[24];
        v.TryFormat(digits, out int n, default, System.Globalization.CultureInfo.InvariantCulture);
        if (n <= 3)
        {
            w.Raw(digits[..n]);
            return;
        }
        int head = n - 3;
        int first = head % 2 == 0 ? 2 : 1;
        w.Raw(digits[..first]);
        for (int i = first; i < head; i += 2)
        {
            w.RawByte((byte)',');
            w.Raw(digits.Slice(i, 2));
        }
        w.RawByte((byte)',');
        w.Raw(digits.Slice(head, 3));
    }
}
