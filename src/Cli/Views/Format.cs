using System.Globalization;

namespace AkkaEtl.Cli.Views;

/// <summary>Numbers for people: thousands separated, sizes in binary units, durations as m:ss.</summary>
public static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Count(long n) => n.ToString("N0", Invariant);

    public static string Rate(double perSecond) => perSecond <= 0 ? "-" : perSecond.ToString("N0", Invariant) + "/s";

    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double v = bytes;
        var u = 0;
        while (v >= 1024 && u < units.Length - 1)
        {
            v /= 1024;
            u++;
        }
        return u == 0 ? $"{bytes} B" : v.ToString(v < 10 ? "0.0" : "0", Invariant) + " " + units[u];
    }

    public static string Duration(double seconds)
    {
        if (seconds <= 0 || double.IsNaN(seconds) || double.IsInfinity(seconds)) return "-";
        var t = TimeSpan.FromSeconds(seconds);
        return t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}" : $"{t.Minutes}:{t.Seconds:00}";
    }

    public static string Eta(double? seconds) => seconds switch
    {
        null => "?",
        <= 0 => "0:00",
        { } s when double.IsInfinity(s) || double.IsNaN(s) => "?",
        { } s => Duration(Math.Max(s, 1)),
    };

    public static string Percent(double fraction) => (fraction * 100).ToString("0", Invariant) + "%";

    public static string Time(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", Invariant);

    /// <summary>Days as compact text: runs of consecutive days become FROM..TO.</summary>
    public static string Days(IEnumerable<string> days)
    {
        var parsed = days.Select(d => (Text: d, Ok: DateOnly.TryParseExact(d, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var v), Value: v))
            .OrderBy(d => d.Text, StringComparer.Ordinal).ToList();
        var parts = new List<string>();
        for (var i = 0; i < parsed.Count; i++)
        {
            var j = i;
            while (parsed[i].Ok && j + 1 < parsed.Count && parsed[j + 1].Ok && parsed[j + 1].Value.DayNumber == parsed[j].Value.DayNumber + 1) j++;
            parts.Add(j == i ? parsed[i].Text : $"{parsed[i].Text}..{parsed[j].Text}");
            i = j;
        }
        return string.Join(", ", parts);
    }
}
