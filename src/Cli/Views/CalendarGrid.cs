using System.Globalization;
using AkkaEtl.Cli.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AkkaEtl.Cli.Views;

/// <summary>Days as calendar months (weeks from Monday), each day coloured by its state, with a legend of counts.</summary>
public static class CalendarGrid
{
    public static IRenderable Render(IReadOnlyList<DayInfo> days, bool colour)
    {
        var parts = new List<IRenderable>();
        foreach (var table in days.GroupBy(d => d.Table).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var byDay = table.ToDictionary(d => d.Day);
            var dates = byDay.Keys.Select(Parse).OfType<DateOnly>().Order().ToList();
            if (dates.Count == 0) continue;
            var months = dates.Select(d => new DateOnly(d.Year, d.Month, 1)).Distinct().Select(m => Month(m, byDay, colour)).ToList();
            parts.Add(new Markup($"[bold]{Markup.Escape(table.Key)}[/]"));
            parts.Add(new Columns(months) { Expand = false });
        }
        parts.Add(Legend(days, colour));
        return new Rows(parts);
    }

    private static Table Month(DateOnly first, Dictionary<string, DayInfo> byDay, bool colour)
    {
        var table = new Table { Border = TableBorder.None, ShowHeaders = true, Title = new TableTitle(first.ToString("yyyy-MM", CultureInfo.InvariantCulture)) };
        foreach (var name in new[] { "Mo", "Tu", "We", "Th", "Fr", "Sa", "Su" }) table.AddColumn(new TableColumn(name) { Padding = new Padding(0, 0, 1, 0) });
        var cells = new List<IRenderable>();
        var offset = ((int)first.DayOfWeek + 6) % 7;
        for (var i = 0; i < offset; i++) cells.Add(Text.Empty);
        for (var d = first; d.Month == first.Month; d = d.AddDays(1))
            cells.Add(Cell(d, byDay.GetValueOrDefault(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), colour));
        while (cells.Count % 7 != 0) cells.Add(Text.Empty);
        for (var i = 0; i < cells.Count; i += 7) table.AddRow(cells.Skip(i).Take(7));
        return table;
    }

    private static IRenderable Cell(DateOnly d, DayInfo? day, bool colour)
    {
        var number = d.Day.ToString("00", CultureInfo.InvariantCulture);
        if (day is null) return new Markup($"[grey23]{number}[/]");
        return colour
            ? new Markup($"[black on {StateStyle.Colour(day.State).ToMarkup()}]{number}[/]")
            : new Text(number + StateStyle.Letter(day.State));
    }

    private static IRenderable Legend(IReadOnlyList<DayInfo> days, bool colour)
    {
        var counts = days.GroupBy(d => d.State).ToDictionary(g => g.Key, g => g.Count());
        var parts = DayStates.All.Where(counts.ContainsKey).Select(s => colour
            ? $"[black on {StateStyle.Colour(s).ToMarkup()}]  [/] {s} {counts[s]}"
            : $"{StateStyle.Letter(s)} {s} {counts[s]}");
        return new Markup(string.Join("   ", parts));
    }

    private static DateOnly? Parse(string day) =>
        DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
