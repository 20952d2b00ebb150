using System.Globalization;

namespace AkkaEtl.Features.Normalization;

/// <summary>
/// Timestamps to UTC <see cref="DateTime"/>s (<see cref="DateTimeKind.Utc"/>) truncated to microseconds, as the
/// contract's <c>posted_at</c>/<c>updated_at</c> columns hold them.
/// <list type="bullet">
/// <item>ISO 8601 / RFC 3339: <c>2020-01-01</c> (midnight UTC), <c>2020-01-01T10:20</c>, <c>2020-01-01T10:20:30</c>,
/// fractional seconds of any length, <c>Z</c>, <c>+02:00</c>, <c>+0200</c>, <c>+02</c>, a space instead of <c>T</c>, a
/// lower-case <c>t</c>/<c>z</c>; no offset means UTC; 24:00 is the next midnight; a leap second 60 is read as 59.999999;</item>
/// <item>numeric strings and numbers: Unix time (<see cref="TryFromUnix"/>);</item>
/// <item>anything else .NET reads with the invariant culture (RFC 1123 "Tue, 01 Jan 2020 10:00:00 GMT", "01/31/2020"),
/// assuming UTC when no offset is given.</item>
/// </list>
/// Thread-safe, no allocation.
/// </summary>
public static class TimestampParser
{
    private static readonly DateTime s_minUnix = DateTime.UnixEpoch;

    public static bool TryParse(ReadOnlySpan<char> text, out DateTime utc)
    {
        text = text.Trim();
        utc = default;
        if (text.IsEmpty) return false;
        if (IsNumeric(text)) return TryFromNumericText(text, out utc);
        if (TryIso(text, out utc)) return true;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var dto))
        {
            utc = Truncate(dto.UtcDateTime);
            return true;
        }
        return false;
    }

    /// <summary>
    /// Unix time: seconds, or milliseconds when the magnitude says so (|n| ≥ 1e11: 1e11 seconds is the year 5138),
    /// microseconds from 1e14 and nanoseconds from 1e17; false for NaN, infinities and anything before 1970 or from
    /// 2200 on. Rounded to the nearest microsecond (a double holds no more).
    /// </summary>
    public static bool TryFromUnix(double number, out DateTime utc)
    {
        utc = default;
        if (!double.IsFinite(number) || number < 0) return false;
        double micros;
        if (number >= 1e17) micros = number / 1_000;
        else if (number >= 1e14) micros = number;
        else if (number >= 1e11) micros = number * 1_000;
        else micros = number * 1_000_000;
        micros = Math.Round(micros);
        const double maxMicros = 7_258_118_400_000_000; // 2200-01-01
        if (micros >= maxMicros) return false;
        utc = s_minUnix.AddTicks((long)micros * 10);
        return true;
    }

    private static bool IsNumeric(ReadOnlySpan<char> text)
    {
        var i = text[0] is '+' or '-' ? 1 : 0;
        if (i >= text.Length) return false;
        var dot = false;
        var digits = 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c)) digits++;
            else if (c == '.' && !dot) dot = true;
            else if (c is 'e' or 'E') return digits > 0 && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
            else return false;
        }
        return digits > 0;
    }

    private static bool TryFromNumericText(ReadOnlySpan<char> text, out DateTime utc)
    {
        utc = default;
        // integers exactly (milli-, micro-, nanosecond counts exceed a double's 53 bits)
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            if (n < 0) return false;
            long micros;
            if (n >= 100_000_000_000_000_000) micros = n / 1_000;
            else if (n >= 100_000_000_000_000) micros = n;
            else if (n >= 100_000_000_000) micros = n * 1_000;
            else micros = n * 1_000_000;
            if (micros >= 7_258_118_400_000_000) return false;
            utc = s_minUnix.AddTicks(micros * 10);
            return true;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && TryFromUnix(d, out utc);
    }

    private static bool TryIso(ReadOnlySpan<char> s, out DateTime utc)
    {
        utc = default;
        // date: YYYY-MM-DD
        if (s.Length < 10 || s[4] != '-' || s[7] != '-') return false;
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        int hour = 0, minute = 0, second = 0;
        long fractionTicks = 0;
        var offsetMinutes = 0;
        var i = 10;
        if (i < s.Length)
        {
            if (s[i] is not ('T' or 't' or ' ')) return false;
            i++;
            if (!Digits(s, i, 2, out hour) || i + 2 >= s.Length || s[i + 2] != ':' || !Digits(s, i + 3, 2, out minute)) return false;
            i += 5;
            if (i < s.Length && s[i] == ':')
            {
                if (!Digits(s, i + 1, 2, out second)) return false;
                i += 3;
                if (i < s.Length && s[i] is '.' or ',')
                {
                    i++;
                    var start = i;
                    long scale = TimeSpan.TicksPerSecond / 10;
                    while (i < s.Length && char.IsAsciiDigit(s[i]))
                    {
                        fractionTicks += (s[i] - '0') * scale;
                        scale /= 10;
                        i++;
                    }
                    if (i == start) return false;
                }
            }
            while (i < s.Length && s[i] == ' ') i++;
            if (i < s.Length)
            {
                var c = s[i];
                if (c is 'Z' or 'z')
                {
                    i++;
                }
                else if (c is '+' or '-' or '\u2212')
                {
                    var sign = c == '+' ? 1 : -1;
                    if (!Digits(s, i + 1, 2, out var oh)) return false;
                    i += 3;
                    var om = 0;
                    if (i < s.Length && s[i] == ':') i++;
                    if (i < s.Length)
                    {
                        if (!Digits(s, i, 2, out om)) return false;
                        i += 2;
                    }
                    if (oh > 18 || om > 59) return false;
                    offsetMinutes = sign * (oh * 60 + om);
                }
                else if (s[i..].Equals("UTC", StringComparison.OrdinalIgnoreCase) || s[i..].Equals("GMT", StringComparison.OrdinalIgnoreCase))
                {
                    i = s.Length;
                }
                if (i != s.Length) return false;
            }
            if (hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute != 0 || second != 0 || fractionTicks != 0))) return false;
        }

        var ticks = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc).Ticks
                    + hour * TimeSpan.TicksPerHour + minute * TimeSpan.TicksPerMinute
                    + Math.Min(second, 59) * TimeSpan.TicksPerSecond
                    + (second == 60 ? TimeSpan.TicksPerSecond - 10 : fractionTicks)
                    - offsetMinutes * TimeSpan.TicksPerMinute;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks) return false;
        utc = Truncate(new DateTime(ticks, DateTimeKind.Utc));
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int at, int count, out int value)
    {
        value = 0;
        if (at < 0 || at + count > s.Length) return false;
        for (var k = at; k < at + count; k++)
        {
            var c = s[k];
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    private static DateTime Truncate(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);
}
