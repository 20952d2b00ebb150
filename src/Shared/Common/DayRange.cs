using System.Globalization;

namespace AkkaEtl.Common;

/// <summary>One day or an inclusive range of days, written <c>2020-01-01</c> or <c>2020-01-01..2020-01-31</c>.</summary>
public readonly record struct DayRange(DateOnly From, DateOnly To)
{
    public int Count => To.DayNumber - From.DayNumber + 1;

    public IEnumerable<DateOnly> Days()
    {
        for (var d = From; d <= To; d = d.AddDays(1)) yield return d;
    }

    public bool Contains(DateOnly day) => day >= From && day <= To;

    public override string ToString() => From == To ? Format(From) : $"{Format(From)}..{Format(To)}";

    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly ParseDay(string text) =>
        TryParseDay(text, out var day) ? day : throw new FormatException($"'{text}' is not a day (expected YYYY-MM-DD)");

    public static bool TryParseDay(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    public static DayRange Parse(string text)
    {
        if (TryParse(text, out var range, out var error)) return range;
        throw new FormatException(error);
    }

    public static bool TryParse(string? text, out DayRange range, out string error)
    {
        range = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "no days given (expected YYYY-MM-DD or FROM..TO)";
            return false;
        }
        var parts = text.Split("..", StringSplitOptions.TrimEntries);
        if (parts.Length > 2 || !TryParseDay(parts[0], out var from) || !TryParseDay(parts[^1], out var to))
        {
            error = $"'{text}' is not a day or a range of days (expected YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD)";
            return false;
        }
        if (to < from)
        {
            error = $"'{text}' ends before it starts";
            return false;
        }
        range = new DayRange(from, to);
        error = "";
        return true;
    }
}
