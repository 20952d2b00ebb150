namespace AkkaEtl.Features.Normalization;

/// <summary>
/// A salary as stated: <see cref="Min"/> and <see cref="Max"/> (equal for a single amount) in <see cref="Currency"/>
/// (ISO 4217) per <see cref="Period"/> (<c>hour</c>, <c>day</c>, <c>week</c>, <c>month</c>, <c>year</c>, or null when
/// neither stated nor implied).
/// </summary>
public readonly record struct Salary(double Min, double Max, string Currency, string? Period)
{
    /// <summary><see cref="Min"/> for a year: hour × 2080, day × 260, week × 52, month × 12; null without a period.</summary>
    public double? AnnualMin => PeriodsPerYear(Period) is { } f ? Min * f : null;

    /// <summary><see cref="Max"/> for a year, as <see cref="AnnualMin"/>.</summary>
    public double? AnnualMax => PeriodsPerYear(Period) is { } f ? Max * f : null;

    /// <summary>How many of <paramref name="period"/> make a (working) year; null for an unknown or null period.</summary>
    public static double? PeriodsPerYear(string? period) => period switch
    {
        "hour" => 2080,
        "day" => 260,
        "week" => 52,
        "month" => 12,
        "year" => 1,
        _ => null,
    };
}
