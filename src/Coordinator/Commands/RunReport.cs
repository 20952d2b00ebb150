using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using AkkaEtl.Common;
using AkkaEtl.Messages;
using Spectre.Console;

using AkkaEtl.Arguments;

namespace AkkaEtl.Coordinator.Commands;

/// <summary>The per-day summary of a run and its total, for people (a table) and scripts (--json).</summary>
public static class RunReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public sealed record DayLine(
        string Table, string Day, DayState State, bool Incremental, int Files, int FilesProcessed, int FilesRemoved, long InputBytes,
        long Lines, long Rows, long Rejected, long FieldErrors, long DuplicatesDropped, long CommittedRows, int OutputFiles,
        string? Version, double Seconds, double CompactionSeconds, double RecordsPerSecond, string? Error, string? Warning, IReadOnlyList<string> FailedFiles,
        double VersionPassSeconds, int RowGroupsCopied, int RowGroupsRewritten, EarlyCopy EarlyCopy);

    public sealed record Totals(int Days, int Committed, int Empty, int Failed, int Files, long InputBytes, long Lines, long Rows,
        long Rejected, long CommittedRows, double Seconds, double RecordsPerSecond);

    /// <param name="PeakRssBytes">the process's peak resident memory (Linux VmHWM), 0 where unknown.</param>
    /// <param name="Gc">the process's garbage collections, to tell GC time from work in a benchmark.</param>
    public sealed record Report(IReadOnlyList<DayLine> Days, Totals Total, long PeakRssBytes, GcCounts Gc);

    public sealed record GcCounts(int Gen0, int Gen1, int Gen2, double PauseSeconds, long AllocatedBytes)
    {
        public static GcCounts Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
            Math.Round(GC.GetTotalPauseDuration().TotalSeconds, 3), GC.GetTotalAllocatedBytes());
    }

    public static Report Build(IReadOnlyList<DayStatus> days, TimeSpan wall)
    {
        var lines = days.Select(d => new DayLine(d.Table, d.Day, d.State, d.Incremental, d.Files, d.FilesToProcess, d.FilesRemoved,
            d.InputBytes, d.Lines, d.Rows, d.Rejected, d.FieldErrors, d.DuplicatesDropped, d.CommittedRows, d.OutputFiles, d.Version,
            Math.Round(d.Seconds, 3), Math.Round(d.CompactionSeconds, 3), Math.Round(d.RecordsPerSecond), d.Error, d.Warning, d.FailedFiles,
            Math.Round(d.VersionPassSeconds, 3), d.RowGroupsCopied, d.RowGroupsRewritten, d.EarlyCopy)).ToList();
        var totalLines = days.Sum(d => d.Lines);
        var total = new Totals(days.Count, days.Count(d => d.State == DayState.Committed), days.Count(d => d.State == DayState.Empty),
            days.Count(d => d.State is DayState.Failed or DayState.Cancelled), days.Sum(d => d.Files), days.Sum(d => d.InputBytes),
            totalLines, days.Sum(d => d.Rows), days.Sum(d => d.Rejected), days.Sum(d => d.CommittedRows),
            Math.Round(wall.TotalSeconds, 3), wall.TotalSeconds > 0 ? Math.Round(totalLines / wall.TotalSeconds) : 0);
        return new Report(lines, total, ProcessMemory.PeakResidentBytes(), GcCounts.Now());
    }

    public static string ToJson(Report report) => JsonSerializer.Serialize(report, Json);

    public static void Print(Report report, IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var h in new[] { "table", "day", "state", "files", "read", "input", "lines", "rows", "rejected", "dups", "committed", "seconds", "records/s" })
            table.AddColumn(new TableColumn(h).RightAligned());
        foreach (var d in report.Days)
        {
            table.AddRow(Markup.Escape(d.Table), d.Day, StateMarkup(d.State), N(d.Files), N(d.FilesProcessed), Sizes.Human(d.InputBytes), N(d.Lines),
                N(d.Rows), N(d.Rejected), N(d.DuplicatesDropped), N(d.CommittedRows), d.Seconds.ToString("0.0", CultureInfo.InvariantCulture),
                N((long)d.RecordsPerSecond));
        }
        var t = report.Total;
        table.AddRow("[bold]total[/]", $"{t.Days} days", $"{t.Committed} ok", N(t.Files), "", Sizes.Human(t.InputBytes), N(t.Lines), N(t.Rows),
            N(t.Rejected), "", N(t.CommittedRows), t.Seconds.ToString("0.0", CultureInfo.InvariantCulture), N((long)t.RecordsPerSecond));
        console.Write(table);
        foreach (var d in report.Days.Where(d => d.Warning is not null))
            console.MarkupLine($"[yellow]{Markup.Escape(d.Table)} {d.Day}: {Markup.Escape(d.Warning!)}[/]");
        foreach (var d in report.Days.Where(d => d.Error is not null))
        {
            console.MarkupLine($"[red]{Markup.Escape(d.Table)} {d.Day}: {Markup.Escape(d.Error!)}[/]");
            foreach (var f in d.FailedFiles.Take(10)) console.MarkupLine($"  [red]failed file: {Markup.Escape(f)}[/]");
        }
    }

    private static string StateMarkup(DayState s) => s switch
    {
        DayState.Committed => "[green]committed[/]",
        DayState.Empty => "[grey]empty[/]",
        DayState.Failed => "[red]failed[/]",
        DayState.Cancelled => "[yellow]cancelled[/]",
        _ => s.ToString().ToLowerInvariant(),
    };

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
