using System.Text.RegularExpressions;
using AkkaEtl.Common;

namespace AkkaEtl.Coordinator.Query;

/// <summary>
/// The days a query needs, read from simple day_partition conditions, so that an S3 warehouse fetches only those
/// partitions. Conservative, as a wrong hint would silently drop rows: only a single SELECT over one table whose
/// conditions are all ANDed gets one; OR, NOT, a join, a subquery, a CTE or a set operation means all days (null).
/// </summary>
public static partial class DayRangeHint
{
    public static DayRange? FromSql(string sql)
    {
        if (UnsafePattern().IsMatch(sql) || SelectPattern().Count(sql) > 1) return null;
        DateOnly from = DateOnly.MinValue, to = DateOnly.MaxValue;
        var found = false;
        foreach (Match m in BetweenPattern().Matches(sql))
        {
            found = true;
            from = Max(from, Parse(m.Groups[1].Value));
            to = Min(to, Parse(m.Groups[2].Value));
        }
        foreach (Match m in ComparePattern().Matches(sql))
        {
            found = true;
            var day = Parse(m.Groups[2].Value);
            switch (m.Groups[1].Value)
            {
                case "=": from = Max(from, day); to = Min(to, day); break;
                case ">=": from = Max(from, day); break;
                case ">": from = Max(from, day.AddDays(1)); break;
                case "<=": to = Min(to, day); break;
                case "<": to = Min(to, day.AddDays(-1)); break;
            }
        }
        foreach (Match m in InPattern().Matches(sql))
        {
            var days = DayPattern().Matches(m.Groups[1].Value).Select(d => Parse(d.Value)).ToList();
            if (days.Count == 0) continue;
            found = true;
            from = Max(from, days.Min());
            to = Min(to, days.Max());
        }
        if (!found) return null;
        return to < from ? new DayRange(from, from) : new DayRange(from, to);
    }

    private static DateOnly Parse(string day) => DayRange.ParseDay(day);
    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    [GeneratedRegex(@"\b(OR|NOT|JOIN|UNION|INTERSECT|EXCEPT|WITH)\b|\bFROM\s+[\w.""]+(\s+(AS\s+)?\w+)?\s*,|<>|!=", RegexOptions.IgnoreCase)]
    private static partial Regex UnsafePattern();

    [GeneratedRegex(@"\bSELECT\b", RegexOptions.IgnoreCase)]
    private static partial Regex SelectPattern();

    [GeneratedRegex(@"\bday_partition\s+BETWEEN\s+'(\d{4}-\d{2}-\d{2})'\s+AND\s+'(\d{4}-\d{2}-\d{2})'", RegexOptions.IgnoreCase)]
    private static partial Regex BetweenPattern();

    [GeneratedRegex(@"\bday_partition\s*(>=|<=|=|>|<)\s*'(\d{4}-\d{2}-\d{2})'", RegexOptions.IgnoreCase)]
    private static partial Regex ComparePattern();

    [GeneratedRegex(@"\bday_partition\s+IN\s*\(([^)]*)\)", RegexOptions.IgnoreCase)]
    private static partial Regex InPattern();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}")]
    private static partial Regex DayPattern();
}
