using System.Globalization;

namespace AkkaEtl.Glue;

/// <summary>Day partition values: <c>yyyy-MM-dd</c>, distinct and sorted.</summary>
public static class PartitionDays
{
    public const string Format = "yyyy-MM-dd";

    public static IReadOnlyList<string> Normalize(IEnumerable<string> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var day in days)
        {
            if (!DateOnly.TryParseExact(day, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                throw new ArgumentException($"'{day}' is not a day ({Format})");
            set.Add(day);
        }
        return [.. set];
    }

    public static string Of(DateOnly day) => day.ToString(Format, CultureInfo.InvariantCulture);
}
