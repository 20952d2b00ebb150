using AkkaEtl.Cli.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AkkaEtl.Cli.Views;

/// <summary>A table of days with their counts; long lists show only the days that need attention.</summary>
public static class DayTable
{
    private const int ListAllUpTo = 40;

    public static IRenderable Render(IReadOnlyList<DayInfo> days)
    {
        if (days.Count == 0) return new Markup("[grey]no days (submit some with: etl submit FROM..TO)[/]");
        var shown = days.Count <= ListAllUpTo ? days : days.Where(d => !DayStates.IsSuccess(d.State) || d.Warning is not null).ToList();
        var multipleTables = days.Select(d => d.Table).Distinct().Count() > 1;
        var table = new Table { Border = TableBorder.Simple };
        if (multipleTables) table.AddColumn("table");
        table.AddColumn("day");
        table.AddColumn("state");
        foreach (var c in new[] { "items", "files", "lines", "rows", "rejected", "dups", "committed", "time", "rec/s" })
            table.AddColumn(new TableColumn(c).RightAligned());
        table.AddColumn("error / warning");
        foreach (var d in shown.OrderBy(d => d.Table, StringComparer.Ordinal).ThenBy(d => d.Day, StringComparer.Ordinal))
        {
            var cells = new List<string>();
            if (multipleTables) cells.Add(Markup.Escape(d.Table));
            cells.Add(d.Day);
            cells.Add(StateStyle.Markup(d.State));
            cells.Add(d.ItemsFailed > 0 ? $"{d.ItemsDone}/{d.ItemsTotal} [red]({d.ItemsFailed} failed)[/]" : $"{d.ItemsDone}/{d.ItemsTotal}");
            cells.Add($"{d.FilesDone}/{d.FilesToProcess}");
            cells.Add(Format.Count(d.Lines));
            cells.Add(Format.Count(d.Rows));
            cells.Add(Format.Count(d.Rejected));
            cells.Add(Format.Count(d.DuplicatesDropped));
            cells.Add(Format.Count(d.CommittedRows));
            cells.Add(Format.Duration(d.Seconds));
            cells.Add(Format.Rate(d.RecordsPerSecond));
            cells.Add(d.Error is { } e ? $"[red]{Markup.Escape(e)}[/]" : d.Warning is { } w ? $"[orange1]{Markup.Escape(w)}[/]" : "");
            table.AddRow(cells.ToArray());
        }
        if (shown.Count < days.Count)
            table.Caption = new TableTitle($"{days.Count - shown.Count} committed or empty days not listed (--json lists every day)");
        return table;
    }

    /// <summary>The calendar and the table, as <c>etl status</c> prints them.</summary>
    public static IRenderable Report(IReadOnlyList<DayInfo> days, bool colour) =>
        days.Count == 0 ? Render(days) : new Rows(CalendarGrid.Render(days, colour), Text.NewLine, Render(days));
}
